import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { maskSecret, stripeSettings } from "../../../../modules/billing/utils/stripe-webhook"

/** How Stripe is connected: the webhook URL to paste into Stripe, and the settings with secrets masked. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const settings = stripeSettings()
  const origin = `${req.protocol}://${req.get("host")}`
  res.json({
    stripe: {
      webhook_url: `${origin}/hooks/billing/stripe`,
      webhook_secrets: settings.webhook_secrets.map(maskSecret),
      account_id: settings.account_id,
      api_key: settings.api_key ? maskSecret(settings.api_key) : null,
      tolerance_seconds: settings.tolerance_seconds,
    },
  })
}

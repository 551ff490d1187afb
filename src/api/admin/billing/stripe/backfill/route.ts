import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import { stripeSettings } from "../../../../../modules/billing/utils/stripe-webhook"
import { backfillStripeEvents, STRIPE_BACKFILL_NEEDS_API_KEY } from "../../../../../workflows/utils/stripe-backfill"
import type { AdminStripeBackfillType } from "./validators"

/**
 * Fetches missed events from Stripe's Events API (a window of at most 30 days, all or undelivered
 * only), stores those billing has not seen once by their id and applies them. Running it again
 * changes nothing. Answers `{fetched, stored, duplicates, skipped}`.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminStripeBackfillType>, res: MedusaResponse) => {
  if (!stripeSettings().api_key) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, STRIPE_BACKFILL_NEEDS_API_KEY)
  }
  const { since, until, undelivered_only } = req.validatedBody
  let result
  try {
    result = await backfillStripeEvents(req.scope, { since, until, undelivered_only })
  } catch (e) {
    if (e instanceof MedusaError) throw e
    // Stripe refused the key or could not be reached: say so, without a stack trace.
    const err = e as Error & { statusCode?: number; type?: string }
    if (err.type === "StripeAuthenticationError" || err.type === "StripePermissionError") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Stripe refused the API key: ${err.message}`)
    }
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Could not fetch events from Stripe: ${err.message}`)
  }
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  await billing.logActivity({
    entity_type: "stripe_event",
    entity_id: "backfill",
    action: "stripe_event.backfilled",
    actor_type: "user",
    actor_id: req.auth_context.actor_id,
    data: { since: since?.toISOString() ?? null, until: until?.toISOString() ?? null, undelivered_only, ...result },
  })
  res.json(result)
}

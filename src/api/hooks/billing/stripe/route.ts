import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../../modules/billing"
import type BillingModuleService from "../../../../modules/billing/service"
import { stripeSettings, StripeWebhookRefusal, verifyStripeWebhook } from "../../../../modules/billing/utils/stripe-webhook"
import { BillingEvents } from "../../../../workflows/events"
import { billingActsOn } from "../../../../workflows/utils/stripe-events"

/**
 * Stripe's webhook endpoint for billing. The signature is checked on the raw body before
 * anything is stored; a valid event is stored once by its id and answered at once; it is applied
 * afterwards, asynchronously (`billing.stripe_event.received`), and retried when that fails. An
 * event billing does not act on is stored as ignored and nothing more runs for it.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  let event
  try {
    event = verifyStripeWebhook((req as any).rawBody, req.headers["stripe-signature"] as string | undefined, stripeSettings())
  } catch (e) {
    if (e instanceof StripeWebhookRefusal) {
      logger.warn(`[billing] Stripe webhook refused: ${e.message}`)
      res.status(400).json({ type: "invalid_data", message: e.message })
      return
    }
    throw e
  }
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const acts = billingActsOn(event as any)
  const stored = await billing.storeStripeEvent(event as any, "webhook", !acts)
  if (!stored.duplicate && acts) {
    await req.scope.resolve(Modules.EVENT_BUS).emit({ name: BillingEvents.STRIPE_EVENT_RECEIVED, data: { id: stored.id } })
  }
  res.status(200).json({ received: true, duplicate: stored.duplicate })
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../../../modules/billing"
import type BillingModuleService from "../../../../../../../modules/billing/service"
import { processStripeEventWorkflow } from "../../../../../../../workflows/stripe-events"

/** Applies a stored Stripe event again now (a processed one changes nothing) and answers what became of it. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  await billing.retrieveStripeEvent(req.params.id, { select: ["id"] })
  await processStripeEventWorkflow(req.scope).run({ input: { id: req.params.id } })
  const event = await billing.retrieveStripeEvent(req.params.id)
  await billing.logActivity({ entity_type: "stripe_event", entity_id: event.id, action: "stripe_event.retried", actor_type: "user", actor_id: req.auth_context.actor_id, data: { status: event.status } })
  res.json({ event })
}

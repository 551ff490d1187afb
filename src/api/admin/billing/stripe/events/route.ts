import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import type { AdminGetStripeEventsParamsType } from "../validators"

const LIST_FIELDS = ["id", "event_id", "type", "account", "livemode", "stripe_created_at", "object_id", "status", "attempts", "last_error", "next_attempt_at", "processed_at", "received_via", "created_at"]

/** Stripe events received, newest first, with what became of each (status, attempts, last error). */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetStripeEventsParamsType>, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const { limit, offset, status, type } = req.validatedQuery as AdminGetStripeEventsParamsType
  const [events, count] = await billing.listAndCountStripeEvents(
    { ...(status ? { status } : {}), ...(type ? { type } : {}) } as any,
    { select: LIST_FIELDS, skip: offset, take: limit, order: { created_at: "DESC" } }
  )
  res.json({ events, count, offset, limit })
}

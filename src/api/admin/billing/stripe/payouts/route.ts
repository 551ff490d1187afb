import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"

/** Stripe payouts, newest first, with their status and how many balance transactions they carry. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const limit = Math.min(200, Math.max(1, Number(req.query.limit ?? 50) || 50))
  const offset = Math.max(0, Number(req.query.offset ?? 0) || 0)
  const [payouts, count] = await billing.listAndCountStripePayouts({}, { skip: offset, take: limit, order: { status_event_created_at: "DESC" } })
  res.json({ payouts, count, offset, limit })
}

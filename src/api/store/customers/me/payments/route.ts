import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import { storePaymentFields } from "./helpers"

/** The logged-in customer's payments (with their receipt numbers), newest first. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const { limit = 20, offset = 0 } = req.validatedQuery as { limit?: number; offset?: number }
  const [payments, count] = await billing.listAndCountBillingPayments(
    { customer_id: req.auth_context.actor_id },
    { select: storePaymentFields, skip: offset, take: limit, order: { received_at: "DESC" } }
  )
  res.json({ payments, count, offset, limit })
}

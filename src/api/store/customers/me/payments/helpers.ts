import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"

/** What a customer sees of their payments: no internal notes, accounts or metadata. */
export const storePaymentFields = [
  "id",
  "receipt_number",
  "currency_code",
  "amount",
  "amount_allocated",
  "amount_refunded",
  "amount_disputed",
  "method",
  "received_at",
  "reference",
]

/** One of the logged-in customer's payments; another customer's id answers like an unknown one. */
export async function retrieveOwnPayment(req: AuthenticatedMedusaRequest) {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const [payment] = await billing.listBillingPayments({ id: req.params.id, customer_id: req.auth_context.actor_id }, { select: ["id"] })
  if (!payment) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment with id: ${req.params.id} was not found`)
  }
  return payment
}

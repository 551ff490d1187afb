import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../../modules/billing"
import type BillingModuleService from "../../../../../../modules/billing/service"

/** One Stripe payout (by billing id or Stripe's po_ id) with its balance transactions. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const key = req.params.id.startsWith("po_") ? { external_id: req.params.id } : { id: req.params.id }
  const [payout] = await billing.listStripePayouts(key)
  if (!payout) {
    res.status(404).json({ type: "not_found", message: `Payout with id: ${req.params.id} was not found` })
    return
  }
  const balance_transactions = await billing.listStripeBalanceTransactions({ payout_id: payout.external_id }, { order: { stripe_created_at: "ASC" } })
  res.json({ payout: { ...payout, balance_transactions } })
}

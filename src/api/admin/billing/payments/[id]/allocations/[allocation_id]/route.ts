import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../../../../../modules/billing"
import type BillingModuleService from "../../../../../../../modules/billing/service"
import { unapplyAllocationWorkflow } from "../../../../../../../workflows/payments"
import { paymentDetail } from "../../../helpers"

/** Unapplies an allocation of this payment; the invoice owes it again. */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const [allocation] = await billing.listPaymentAllocations({ id: req.params.allocation_id, payment_id: req.params.id })
  if (!allocation) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Allocation with id: ${req.params.allocation_id} was not found on payment ${req.params.id}`)
  }
  await unapplyAllocationWorkflow(req.scope).run({
    input: { allocation_id: allocation.id, actor: { actor_type: "user", actor_id: req.auth_context.actor_id } },
  })
  res.json({ payment: await paymentDetail(req.scope, req.params.id) })
}

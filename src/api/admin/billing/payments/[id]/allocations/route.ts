import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { allocatePaymentWorkflow } from "../../../../../../workflows/payments"
import { paymentDetail } from "../../helpers"
import type { AdminAllocatePaymentType } from "../../validators"

/** Applies the payment's unapplied credit: `{ allocations: "auto" }` or `[{ invoice_id, amount }]`. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminAllocatePaymentType>, res: MedusaResponse) => {
  await allocatePaymentWorkflow(req.scope).run({
    input: { payment_id: req.params.id, allocations: req.validatedBody.allocations as any, actor: { actor_type: "user", actor_id: req.auth_context.actor_id } },
  })
  res.json({ payment: await paymentDetail(req.scope, req.params.id) })
}

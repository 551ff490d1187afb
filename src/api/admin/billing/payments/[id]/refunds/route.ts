import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refundPaymentWorkflow } from "../../../../../../workflows/payments"
import { paymentDetail } from "../../helpers"
import type { AdminRefundPaymentType } from "../../validators"

/** Records money given back from this payment (outside Medusa's payment providers). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRefundPaymentType>, res: MedusaResponse) => {
  await refundPaymentWorkflow(req.scope).run({
    input: { payment_id: req.params.id, ...req.validatedBody, actor: { actor_type: "user", actor_id: req.auth_context.actor_id } },
  })
  res.status(201).json({ payment: await paymentDetail(req.scope, req.params.id) })
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { generateEntityId } from "@medusajs/framework/utils"
import { sendReceiptWorkflow } from "../../../../../../workflows/payments"
import { paymentDetail } from "../../helpers"
import type { AdminSendReceiptType } from "../../validators"

/**
 * Emails the receipt with its PDF. Give the same `idempotency_key` (or Idempotency-Key header)
 * to retry a request safely: it sends once.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSendReceiptType>, res: MedusaResponse) => {
  const key = req.validatedBody.idempotency_key ?? (req.headers["idempotency-key"] as string | undefined) ?? generateEntityId(undefined, "send")
  const { result } = await sendReceiptWorkflow(req.scope).run({
    input: {
      payment_id: req.params.id,
      to: req.validatedBody.to,
      idempotency_key: `billing-receipt-${req.params.id}-${key}`,
      actor: { actor_type: "user", actor_id: req.auth_context.actor_id },
    },
  })
  res.json({ payment: await paymentDetail(req.scope, req.params.id), sent_to: result.to, notification_id: result.notification_id, sent: result.sent })
}

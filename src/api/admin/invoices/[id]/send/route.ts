import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { generateEntityId } from "@medusajs/framework/utils"
import { sendDocumentWorkflow } from "../../../../../workflows/send-document"
import { refetchInvoice } from "../../helpers"
import type { AdminSendInvoiceType } from "../../validators"

/**
 * Emails the document with its PDF. Give the same `idempotency_key` (or Idempotency-Key header)
 * to retry a request safely: it sends once.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSendInvoiceType>, res: MedusaResponse) => {
  const key = req.validatedBody.idempotency_key ?? (req.headers["idempotency-key"] as string | undefined) ?? generateEntityId(undefined, "send")
  const { result } = await sendDocumentWorkflow(req.scope).run({
    input: {
      id: req.params.id,
      to: req.validatedBody.to,
      idempotency_key: `billing-send-${req.params.id}-${key}`,
      actor: { actor_type: "user", actor_id: req.auth_context.actor_id },
    },
  })
  const invoice = await refetchInvoice(req.params.id, req.scope, req.queryConfig.fields)
  res.json({ invoice, notification_id: result.notification_id, sent: result.sent })
}

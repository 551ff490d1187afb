import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { voidInvoiceWorkflow } from "../../../../../workflows/void-invoice"
import { refetchInvoice } from "../../helpers"
import type { AdminVoidInvoiceType } from "../../validators"

/** Voids an issued invoice with a reason; it keeps its number. Refused while payments are allocated. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminVoidInvoiceType>, res: MedusaResponse) => {
  await voidInvoiceWorkflow(req.scope).run({
    input: { id: req.params.id, reason: req.validatedBody.reason, actor: { actor_type: "user", actor_id: req.auth_context.actor_id } },
  })
  const invoice = await refetchInvoice(req.params.id, req.scope, req.queryConfig.fields)
  res.json({ invoice })
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { issueInvoiceWorkflow } from "../../../../../workflows/issue-invoice"
import { refetchInvoice } from "../../helpers"

/** Issues a draft invoice: assigns its number and freezes it. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await issueInvoiceWorkflow(req.scope).run({
    input: { id: req.params.id, actor: { actor_type: "user", actor_id: req.auth_context.actor_id } },
  })
  const invoice = await refetchInvoice(req.params.id, req.scope, req.queryConfig.fields)
  res.json({ invoice })
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCreditNoteWorkflow } from "../../../../../workflows/create-credit-note"
import { refetchInvoice } from "../../helpers"
import { defaultAdminInvoiceFields } from "../../query-config"
import type { AdminCreateCreditNoteType } from "../../validators"

/** The credit notes issued against an invoice, oldest first. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: credit_notes } = await query.graph({
    entity: "invoice",
    fields: defaultAdminInvoiceFields,
    filters: { original_invoice_id: req.params.id, type: "credit_note" } as any,
    pagination: { order: { created_at: "ASC" } },
  })
  res.json({ credit_notes })
}

/** Issues a credit note against the invoice: by lines and quantities, or by an amount; with a reason. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateCreditNoteType>, res: MedusaResponse) => {
  const { result } = await createCreditNoteWorkflow(req.scope).run({
    input: { invoice_id: req.params.id, ...req.validatedBody, actor: { actor_type: "user", actor_id: req.auth_context.actor_id } },
  })
  const credit_note = await refetchInvoice(result.id, req.scope, req.queryConfig.fields)
  const invoice = await refetchInvoice(req.params.id, req.scope, req.queryConfig.fields)
  res.status(201).json({ credit_note, invoice })
}

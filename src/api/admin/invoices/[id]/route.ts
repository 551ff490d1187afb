import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../modules/billing"
import type BillingModuleService from "../../../../modules/billing/service"
import { updateDraftInvoiceWorkflow } from "../../../../workflows/update-draft-invoice"
import { refetchInvoice } from "../helpers"
import type { AdminUpdateInvoiceType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const invoice = await refetchInvoice(req.params.id, req.scope, req.queryConfig.fields)
  res.json({ invoice })
}

/** Changes a draft's payment terms or notes; an issued invoice only takes notes and metadata. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateInvoiceType>, res: MedusaResponse) => {
  await updateDraftInvoiceWorkflow(req.scope).run({
    input: { id: req.params.id, ...req.validatedBody, actor: { actor_type: "user", actor_id: req.auth_context.actor_id } },
  })
  const invoice = await refetchInvoice(req.params.id, req.scope, req.queryConfig.fields)
  res.json({ invoice })
}

/** Deletes a draft; issued invoices are never deleted (void them or issue a credit note). */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  await billing.deleteDraftInvoice(req.params.id, { actor_type: "user", actor_id: req.auth_context.actor_id })
  res.json({ id: req.params.id, object: "invoice", deleted: true })
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import type { AdminCreateContactNoteType } from "../../../billing/validators"
import { assertCustomer } from "../../../../utils/receivable"

/** Notes of contacts with a customer about what they owe, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertCustomer(req.scope, req.params.id)
  const contact_notes = await req.scope
    .resolve<BillingModuleService>(BILLING_MODULE)
    .listContactNotes({ customer_id: req.params.id }, { order: { created_at: "DESC" } })
  res.json({ contact_notes })
}

/** Notes a call, email, visit… with what was said or agreed and the next action. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateContactNoteType>, res: MedusaResponse) => {
  await assertCustomer(req.scope, req.params.id)
  const contact_note = await req.scope.resolve<BillingModuleService>(BILLING_MODULE).createContactNote({
    ...req.validatedBody,
    customer_id: req.params.id,
    actor: { actor_type: "user", actor_id: req.auth_context.actor_id },
  })
  res.status(201).json({ contact_note })
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import type { AdminSendReminderType } from "../../validators"
import { sendInvoiceReminderWorkflow } from "../../../../../workflows/collections"

/** The payment reminders sent for an invoice, newest first: level, by schedule or by hand, to whom, the late fee invoice. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  await billing.retrieveInvoice(req.params.id, { select: ["id"] })
  const reminders = await billing.listReminders({ invoice_id: req.params.id }, { order: { sent_at: "DESC" } })
  res.json({ reminders })
}

/**
 * "Send reminder now": emails the customer a reminder of what the invoice owes, with the pay link
 * and the PDF, and raises a late fee invoice when `late_fee` is given (never above the invoice).
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminSendReminderType>, res: MedusaResponse) => {
  const { result } = await sendInvoiceReminderWorkflow(req.scope).run({
    input: { invoice_id: req.params.id, late_fee: req.validatedBody?.late_fee ?? null, actor: { actor_type: "user", actor_id: req.auth_context.actor_id } },
  })
  res.json({ reminder: result })
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import { BillingEvents } from "../../../../../workflows/events"
import { refetchInvoice } from "../../helpers"
import type { AdminWriteOffInvoiceType } from "../../validators"

/**
 * Writes off all or part of what an invoice owes, with a reason (bad debt, small balance,
 * settlement, fee, FX, rounding): the invoice owes that much less; the journal books the expense.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminWriteOffInvoiceType>, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const writeOff = await billing.writeOffInvoice({
    invoice_id: req.params.id,
    ...req.validatedBody,
    actor: { actor_type: "user", actor_id: req.auth_context.actor_id },
  })
  await req.scope.resolve(Modules.EVENT_BUS).emit({
    name: BillingEvents.WRITE_OFF_CREATED,
    data: { id: writeOff.id, invoice_id: writeOff.invoice_id, amount: writeOff.amount, currency_code: writeOff.currency_code, reason: writeOff.reason },
  })
  const invoice = await refetchInvoice(req.params.id, req.scope, req.queryConfig.fields)
  res.json({ invoice, write_off: writeOff })
}

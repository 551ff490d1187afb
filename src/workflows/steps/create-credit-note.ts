import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import {
  CorrectionError,
  creditLinesByAmount,
  creditLinesByQuantity,
  remainingByLine,
  totalsOfLines,
} from "../../modules/billing/domain/credit-note"
import type BillingModuleService from "../../modules/billing/service"
import type { BillingActor } from "../../modules/billing/types"

export type CreateCreditNoteStepInput = {
  invoice_id: string
  reason: string
  /** Credit these lines of the invoice, by quantity… */
  lines?: { line_id: string; quantity: number }[]
  /** …or this amount, tax included, spread over the invoice's tax rates. */
  amount?: number | string
  actor?: BillingActor
}

export const createCreditNoteStepId = "create-credit-note"

/**
 * This step drafts a credit note against an issued invoice, by line and quantity or by amount.
 * The issue step then checks it against what the invoice can still be credited.
 */
export const createCreditNoteStep = createStep(
  createCreditNoteStepId,
  async (input: CreateCreditNoteStepInput, { container }) => {
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    const invoice = await billing.retrieveInvoice(input.invoice_id, { relations: ["lines"] })
    const name = invoice.number ?? invoice.id
    if (invoice.type !== "invoice" || !invoice.issued_at || invoice.status === "void") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Credit notes correct issued invoices; ${name} is ${invoice.type === "invoice" ? invoice.status : "a credit note"}.`
      )
    }
    const currency = invoice.currency_code
    let lines
    try {
      if (input.lines?.length) {
        const creditNotes = await billing.listInvoices(
          { original_invoice_id: invoice.id, type: "credit_note", status: { $ne: "draft" } },
          { relations: ["lines"] }
        )
        const remaining = remainingByLine(invoice.lines as any, creditNotes.flatMap((c) => c.lines) as any, currency)
        lines = creditLinesByQuantity(remaining, input.lines, currency)
      } else {
        lines = creditLinesByAmount(invoice as any, input.amount as any, input.reason, currency)
      }
    } catch (e) {
      if (e instanceof CorrectionError) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Credit note for ${name}: ${e.message}`)
      }
      throw e
    }
    const draft = await billing.createDraftInvoice({
      ...totalsOfLines(lines, currency),
      type: "credit_note",
      origin: "manual",
      original_invoice_id: invoice.id,
      reason: input.reason,
      order_id: invoice.order_id,
      order_display_id: invoice.order_display_id,
      customer_id: invoice.customer_id,
      email: invoice.email,
      buyer: invoice.buyer as any,
      locale: invoice.locale,
      payment_terms_days: 0,
      actor: input.actor,
    })
    return new StepResponse({ id: draft.id }, draft.id)
  },
  async (draftId, { container }) => {
    if (!draftId) return
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    const [draft] = await billing.listInvoices({ id: draftId }, { select: ["id", "status"] })
    if (draft?.status === "draft") {
      await billing.deleteInvoices(draftId)
    }
  }
)

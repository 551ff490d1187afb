import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import { orderCorrections, totalsOfLines } from "../../modules/billing/domain/credit-note"
import type BillingModuleService from "../../modules/billing/service"
import { invoiceDraftFromOrder } from "../utils/invoice-draft-from-order"

export type ApplyOrderCorrectionsStepInput = { order: Record<string, any>; reason: string }

export const applyOrderCorrectionsStepId = "apply-order-corrections"

/**
 * This step makes an invoiced order's documents say what the order says now: a credit note for
 * what went down (cancel, return, edit, claim), a supplementary invoice for what went up. Both
 * are issued at once. An order without an issued invoice has nothing to correct (a draft of a
 * canceled order is deleted). Running it again changes nothing.
 */
export const applyOrderCorrectionsStep = createStep(
  applyOrderCorrectionsStepId,
  async ({ order, reason }: ApplyOrderCorrectionsStepInput, { container }) => {
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    const actor = { actor_type: "system" as const, actor_id: reason }
    const documents = await billing.listInvoices(
      { order_id: order.id, origin: ["order", "order_change"], status: { $ne: "void" } },
      { relations: ["lines"], order: { created_at: "ASC" } }
    )
    const canceled = order.status === "canceled"
    const issued = documents.filter((d) => d.issued_at)
    const main = issued.find((d) => d.type === "invoice" && d.origin === "order")
    if (!main) {
      for (const draft of documents.filter((d) => !d.issued_at && canceled)) {
        await billing.deleteDraftInvoice(draft.id, actor)
      }
      return new StepResponse({ issued: [] as { id: string; number: string }[] })
    }

    const draftFromOrder = invoiceDraftFromOrder(order)
    const target = canceled ? [] : draftFromOrder.lines
    const { credit, invoice } = orderCorrections(
      target,
      issued.filter((d) => d.type === "invoice").flatMap((d) => d.lines) as any,
      issued.filter((d) => d.type === "credit_note").flatMap((d) => d.lines) as any,
      main.currency_code
    )
    const common = {
      origin: "order_change" as const,
      order_id: order.id,
      order_display_id: main.order_display_id,
      customer_id: main.customer_id,
      email: main.email,
      buyer: main.buyer as any,
      locale: main.locale,
      reason,
      actor,
    }
    const created: { id: string; number: string }[] = []
    if (credit.length) {
      const draft = await billing.createDraftInvoice({
        ...totalsOfLines(credit, main.currency_code),
        ...common,
        type: "credit_note",
        payment_terms_days: 0,
        original_invoice_id: main.id,
      })
      const doc = await billing.issueInvoice(draft.id, { actor })
      created.push({ id: doc.id, number: doc.number! })
      // Money Medusa already gave back for this change: the refund names this credit note.
      await billing.linkOrderRefundsToCreditNotes(order.id)
    }
    if (invoice.length) {
      const draft = await billing.createDraftInvoice({
        ...totalsOfLines(invoice, main.currency_code),
        ...common,
        type: "invoice",
        payment_terms_days: main.payment_terms_days,
        notes: main.notes,
      })
      const doc = await billing.issueInvoice(draft.id, { actor })
      created.push({ id: doc.id, number: doc.number! })
    }
    return new StepResponse({ issued: created })
  }
)

import { useQueryGraphStep, emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { BillingActor } from "../modules/billing/types"
import { BillingEvents } from "./events"
import { createDraftInvoiceStep } from "./steps/create-draft-invoice"
import { issueInvoiceStep } from "./steps/issue-invoice"
import { invoiceDraftFromOrder, ORDER_FIELDS_FOR_INVOICE } from "./utils/invoice-draft-from-order"

export type CreateInvoiceForOrderWorkflowInput = {
  order_id: string
  /** Issue the invoice at once (assigning its number); otherwise it stays a draft. */
  issue?: boolean
  /** Days until due for this invoice, instead of the customer's or the store's terms. */
  payment_terms_days?: number
  actor?: BillingActor
}

export const createInvoiceForOrderWorkflowId = "create-invoice-for-order"

/**
 * This workflow creates the invoice of an order from the order's lines, shipping, discounts
 * and taxes, and issues it when asked. Running it again for the same order returns the
 * existing invoice: one order, one invoice (corrections are credit notes).
 */
export const createInvoiceForOrderWorkflow = createWorkflow(
  createInvoiceForOrderWorkflowId,
  (input: CreateInvoiceForOrderWorkflowInput) => {
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: ORDER_FIELDS_FOR_INVOICE,
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true },
    })

    const draftInput = transform({ orders, input }, ({ orders, input }) => ({
      ...invoiceDraftFromOrder(orders[0] as any),
      payment_terms_days: input.payment_terms_days,
      actor: input.actor,
    }))

    const draft = createDraftInvoiceStep(draftInput)

    const issued = when({ draft, input }, ({ draft, input }) => !!input.issue && draft.status === "draft").then(() => {
      const result = issueInvoiceStep({ id: draft.id, actor: input.actor })
      emitEventStep({ eventName: BillingEvents.INVOICE_ISSUED, data: { id: result.id, number: result.number } })
      return result
    })

    const result = transform({ draft, issued }, ({ draft, issued }) => ({
      id: draft.id,
      created: draft.created,
      issued: !!issued,
      number: issued?.number ?? null,
    }))

    return new WorkflowResponse(result)
  }
)

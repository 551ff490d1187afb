import { acquireLockStep, emitEventStep, releaseLockStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { BillingEvents } from "./events"
import { applyOrderCorrectionsStep } from "./steps/apply-order-corrections"
import { ORDER_FIELDS_FOR_INVOICE } from "./utils/invoice-draft-from-order"

export type SyncOrderDocumentsWorkflowInput = { order_id: string; reason: string }

export const syncOrderDocumentsWorkflowId = "sync-order-documents"

/**
 * This workflow keeps an order's invoices minus its credit notes equal to the order's current
 * total after a cancel, return, edit, claim or exchange, one order at a time (a lock per order
 * across processes), so concurrent changes never correct twice.
 */
export const syncOrderDocumentsWorkflow = createWorkflow(
  syncOrderDocumentsWorkflowId,
  (input: SyncOrderDocumentsWorkflowInput) => {
    const key = transform({ input }, ({ input }) => `billing-order-documents-${input.order_id}`)
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    const { data: orders } = useQueryGraphStep({
      entity: "order",
      fields: [...ORDER_FIELDS_FOR_INVOICE, "status", "items.detail.*"],
      filters: { id: input.order_id },
      options: { throwIfKeyNotFound: true },
    })
    const order = transform({ orders }, ({ orders }) => orders[0] as Record<string, any>)
    const result = applyOrderCorrectionsStep({ order, reason: input.reason })
    const events = transform({ result }, ({ result }) => result.issued)
    emitEventStep({ eventName: BillingEvents.INVOICE_ISSUED, data: events })
    releaseLockStep({ key })
    return new WorkflowResponse(result)
  }
)

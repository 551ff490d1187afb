import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { BillingActor } from "../modules/billing/types"
import { BillingEvents } from "./events"
import { voidInvoiceStep } from "./steps/void-invoice"

export type VoidInvoiceWorkflowInput = { id: string; reason: string; actor?: BillingActor }

export const voidInvoiceWorkflowId = "void-invoice"

/** This workflow voids an issued invoice with a reason; refused while payments are allocated. */
export const voidInvoiceWorkflow = createWorkflow(voidInvoiceWorkflowId, (input: VoidInvoiceWorkflowInput) => {
  const voided = voidInvoiceStep(input)
  emitEventStep({ eventName: BillingEvents.INVOICE_VOIDED, data: voided })
  return new WorkflowResponse(voided)
})

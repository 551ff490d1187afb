import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { BillingActor } from "../modules/billing/types"
import { BillingEvents } from "./events"
import { issueInvoiceStep } from "./steps/issue-invoice"

export type IssueInvoiceWorkflowInput = { id: string; actor?: BillingActor }

export const issueInvoiceWorkflowId = "issue-invoice"

/** This workflow issues a draft invoice: it gets its number and becomes immutable. */
export const issueInvoiceWorkflow = createWorkflow(issueInvoiceWorkflowId, (input: IssueInvoiceWorkflowInput) => {
  const issued = issueInvoiceStep(input)
  emitEventStep({ eventName: BillingEvents.INVOICE_ISSUED, data: issued })
  return new WorkflowResponse(issued)
})

import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { BillingEvents } from "./events"
import { createCreditNoteStep, CreateCreditNoteStepInput } from "./steps/create-credit-note"
import { issueInvoiceStep } from "./steps/issue-invoice"

export type CreateCreditNoteWorkflowInput = CreateCreditNoteStepInput

export const createCreditNoteWorkflowId = "create-credit-note"

/**
 * This workflow issues a credit note against an invoice, by line and quantity or by amount,
 * with a reason. It lowers what the invoice owes; more than the invoice can still be credited
 * is refused and takes no number.
 */
export const createCreditNoteWorkflow = createWorkflow(createCreditNoteWorkflowId, (input: CreateCreditNoteWorkflowInput) => {
  const draft = createCreditNoteStep(input)
  const issued = issueInvoiceStep({ id: draft.id, actor: input.actor })
  emitEventStep({ eventName: BillingEvents.INVOICE_ISSUED, data: issued })
  return new WorkflowResponse(issued)
})

import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateDraftInvoiceStep, UpdateDraftInvoiceStepInput } from "./steps/update-draft-invoice"

export type UpdateDraftInvoiceWorkflowInput = UpdateDraftInvoiceStepInput

export const updateDraftInvoiceWorkflowId = "update-draft-invoice"

/** This workflow changes a draft invoice (terms, notes); issued invoices refuse all but notes and metadata. */
export const updateDraftInvoiceWorkflow = createWorkflow(
  updateDraftInvoiceWorkflowId,
  (input: UpdateDraftInvoiceWorkflowInput) => new WorkflowResponse(updateDraftInvoiceStep(input))
)

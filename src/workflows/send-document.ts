import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendDocumentEmailStep, SendDocumentEmailStepInput } from "./steps/send-document-email"

export type SendDocumentWorkflowInput = SendDocumentEmailStepInput

export const sendDocumentWorkflowId = "send-billing-document"

/** This workflow emails an issued invoice or credit note with its PDF; idempotent per key. */
export const sendDocumentWorkflow = createWorkflow(
  sendDocumentWorkflowId,
  (input: SendDocumentWorkflowInput) => new WorkflowResponse(sendDocumentEmailStep(input))
)

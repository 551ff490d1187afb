import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateBillingSettingsStep, UpdateBillingSettingsStepInput } from "./steps/update-billing-settings"

export type UpdateBillingSettingsWorkflowInput = UpdateBillingSettingsStepInput

export const updateBillingSettingsWorkflowId = "update-billing-settings"

/** This workflow saves Settings → Billing: seller, payment terms, trigger, language, email, number formats. */
export const updateBillingSettingsWorkflow = createWorkflow(
  updateBillingSettingsWorkflowId,
  (input: UpdateBillingSettingsWorkflowInput) => new WorkflowResponse(updateBillingSettingsStep(input))
)

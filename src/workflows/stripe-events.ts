import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { processStoredStripeEvent } from "./utils/stripe-events"

export const processStripeEventStepId = "process-stripe-event"

/** This step applies one stored Stripe event and records the outcome (a failure is recorded, not thrown). */
export const processStripeEventStep = createStep(processStripeEventStepId, async (input: { id: string }, { container }) => {
  return new StepResponse(await processStoredStripeEvent(container, input.id))
})

export const processStripeEventWorkflowId = "process-stripe-event"

/** This workflow applies a stored Stripe event to billing; failures stay visible and are retried. */
export const processStripeEventWorkflow = createWorkflow(processStripeEventWorkflowId, (input: { id: string }) =>
  new WorkflowResponse(processStripeEventStep(input))
)

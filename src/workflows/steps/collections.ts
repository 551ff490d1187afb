import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { BillingActor } from "../../modules/billing/types"
import { applyCollectionPolicies } from "../utils/collection-policies"
import { sendDueReminders, sendReminderNow } from "../utils/reminders"

export const sendDueRemindersStepId = "send-due-reminders"

/** This step sends every reminder level that has come, once per level and invoice (see utils/reminders.ts). */
export const sendDueRemindersStep = createStep(sendDueRemindersStepId, async (input: { as_of?: Date | string }, { container }) => {
  return new StepResponse(await sendDueReminders(container, input.as_of ? new Date(input.as_of) : new Date()))
})

export const sendReminderNowStepId = "send-reminder-now"

/** This step sends one reminder for an open invoice by hand. */
export const sendReminderNowStep = createStep(
  sendReminderNowStepId,
  async (input: { invoice_id: string; late_fee?: number | null; actor?: BillingActor }, { container }) => {
    return new StepResponse(await sendReminderNow(container, input.invoice_id, input.actor, input.late_fee))
  }
)

export const applyCollectionPoliciesStepId = "apply-collection-policies"

/** This step applies the collections rules: small-balance write-offs and the unpaid-order policy. */
export const applyCollectionPoliciesStep = createStep(applyCollectionPoliciesStepId, async (input: { as_of?: Date | string }, { container }) => {
  return new StepResponse(await applyCollectionPolicies(container, input.as_of ? new Date(input.as_of) : new Date()))
})

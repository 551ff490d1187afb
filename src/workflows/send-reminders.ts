import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { BillingActor } from "../modules/billing/types"
import { sendDueRemindersStep, sendReminderNowStep } from "./steps/send-reminders"

export const sendPaymentRemindersWorkflowId = "send-payment-reminders"

/**
 * This workflow sends the payment reminders the schedule (Settings → Billing → Reminders) has
 * due: each level of each invoice once, with its late fee invoice, the pay link and the PDF.
 */
export const sendPaymentRemindersWorkflow = createWorkflow(sendPaymentRemindersWorkflowId, (input: { as_of?: Date | string }) =>
  new WorkflowResponse(sendDueRemindersStep(input))
)

export const sendInvoiceReminderWorkflowId = "send-invoice-reminder"

/** This workflow sends a reminder for one open invoice now ("Send reminder now"). */
export const sendInvoiceReminderWorkflow = createWorkflow(
  sendInvoiceReminderWorkflowId,
  (input: { invoice_id: string; late_fee?: number | null; actor?: BillingActor }) => new WorkflowResponse(sendReminderNowStep(input))
)

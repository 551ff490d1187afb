import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { BillingActor } from "../modules/billing/types"
import { applyCollectionPoliciesStep, sendDueRemindersStep, sendReminderNowStep } from "./steps/collections"

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

export const applyCollectionPoliciesWorkflowId = "apply-collection-policies"

/**
 * This workflow applies Settings → Billing → Collections: overdue small balances written off
 * (when on) and pay-later orders left unpaid flagged for review or cancelled with a credit note.
 */
export const applyCollectionPoliciesWorkflow = createWorkflow(applyCollectionPoliciesWorkflowId, (input: { as_of?: Date | string }) =>
  new WorkflowResponse(applyCollectionPoliciesStep(input))
)

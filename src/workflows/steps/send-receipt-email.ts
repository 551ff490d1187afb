import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import { composeReceiptEmail } from "../../modules/billing/documents/email"
import { renderReceiptPdf } from "../../modules/billing/documents/render-receipt"
import type BillingModuleService from "../../modules/billing/service"
import type { BillingActor } from "../../modules/billing/types"
import { loadReceipt } from "../utils/billing-documents"
import { sendEmailWithPdf } from "../utils/email-with-pdf"

export type SendReceiptEmailStepInput = {
  payment_id: string
  /** Another address than the customer's. */
  to?: string
  /** The same key sends once, however often the request is repeated. */
  idempotency_key: string
  actor?: BillingActor
}

export const sendReceiptEmailStepId = "send-receipt-email"

/** The notification template name, for providers that render their own templates. */
export const RECEIPT_EMAIL_TEMPLATE = "billing-receipt"

/** This step emails a payment's receipt (PDF attached) through Medusa's Notification Module. */
export const sendReceiptEmailStep = createStep(sendReceiptEmailStepId, async (input: SendReceiptEmailStepInput, { container }) => {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const { payment, receipt, email } = await loadReceipt(container, input.payment_id)
  const to = input.to ?? email
  if (!to) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `The customer of receipt ${payment.receipt_number} has no email address; give one in "to".`)
  }
  const { subject, text } = composeReceiptEmail(receipt)
  const notification = await sendEmailWithPdf(container, {
    to,
    template: RECEIPT_EMAIL_TEMPLATE,
    trigger_type: "billing.receipt.send",
    resource_id: payment.id,
    resource_type: "payment",
    receiver_id: payment.customer_id,
    idempotency_key: input.idempotency_key,
    subject,
    text,
    data: {
      payment_id: payment.id,
      receipt_number: payment.receipt_number,
      amount: payment.amount,
      currency_code: payment.currency_code,
      received_at: payment.received_at,
      locale: receipt.locale,
    },
    pdf: { filename: `${payment.receipt_number ?? payment.id}.pdf`, content: await renderReceiptPdf(receipt), stored: false },
  })
  if (notification.sent) {
    await billing.markReceiptSent(payment.id, { to, notification_id: notification.notification_id }, input.actor)
  }
  return new StepResponse({ id: payment.id, to, ...notification })
})

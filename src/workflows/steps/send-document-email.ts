import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import { composeDocumentEmail } from "../../modules/billing/documents/email"
import type BillingModuleService from "../../modules/billing/service"
import type { BillingActor } from "../../modules/billing/types"
import { documentPdf } from "../utils/document-pdf"
import { sendEmailWithPdf } from "../utils/email-with-pdf"
import { openPaymentLink, presentPaymentLink } from "../utils/stripe-payment-link"

export type SendDocumentEmailStepInput = {
  id: string
  /** Another address than the buyer's. */
  to?: string
  /** The same key sends once, however often the request is repeated. */
  idempotency_key: string
  actor?: BillingActor
}

export const sendDocumentEmailStepId = "send-document-email"

/** The notification template name, for providers that render their own templates. */
export const DOCUMENT_EMAIL_TEMPLATE = "billing-document"

/**
 * This step emails an issued invoice or credit note with its stored PDF attached, through
 * Medusa's Notification Module (channel "email"). A repeated idempotency key sends nothing again.
 */
export const sendDocumentEmailStep = createStep(
  sendDocumentEmailStepId,
  async (input: SendDocumentEmailStepInput, { container }) => {
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    const invoice = await billing.retrieveInvoice(input.id)
    const name = invoice.number ?? input.id
    if (!invoice.issued_at) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Invoice ${name} is a draft; issue it before sending it.`)
    }
    const to = input.to ?? invoice.email
    if (!to) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invoice ${name} has no email address; give one in "to".`)
    }
    const pdf = await documentPdf(container, invoice.id)
    const link = invoice.type === "invoice" ? await openPaymentLink(container, invoice.id) : null
    const { subject, text } = composeDocumentEmail({ ...(invoice as any), payment_url: link?.url ?? null })
    const notification = await sendEmailWithPdf(container, {
      to,
      template: DOCUMENT_EMAIL_TEMPLATE,
      trigger_type: "billing.document.send",
      resource_id: invoice.id,
      resource_type: invoice.type,
      receiver_id: invoice.customer_id ?? null,
      idempotency_key: input.idempotency_key,
      subject,
      text,
      data: {
        document_id: invoice.id,
        document_type: invoice.type,
        number: invoice.number,
        total: invoice.total,
        amount_due: invoice.amount_due,
        currency_code: invoice.currency_code,
        due_at: invoice.due_at,
        locale: invoice.locale,
        payment_url: link?.url ?? null,
        payment_qr_svg: link ? (await presentPaymentLink(link as any)).qr_svg : null,
      },
      pdf,
    })
    if (!notification.sent) {
      return new StepResponse({ id: invoice.id, notification_id: notification.notification_id, sent: false })
    }
    await billing.updateInvoices({ id: invoice.id, last_sent_at: new Date() })
    await billing.logActivity({
      entity_type: "invoice",
      entity_id: invoice.id,
      action: "invoice.sent",
      ...input.actor,
      data: { to, notification_id: notification.notification_id },
    })
    return new StepResponse({ id: invoice.id, notification_id: notification.notification_id, sent: true })
  }
)

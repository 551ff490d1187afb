import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { DocumentPdf } from "./document-pdf"

export type EmailWithPdf = {
  to: string
  template: string
  trigger_type: string
  resource_id: string
  resource_type: string
  receiver_id: string | null
  /** The same key sends once, however often the request is repeated. */
  idempotency_key: string
  subject: string
  text: string
  data: Record<string, unknown>
  pdf: DocumentPdf
}

/**
 * Sends an email with a PDF attached through Medusa's Notification Module (channel "email").
 * A key that already sent successfully sends nothing again.
 */
export async function sendEmailWithPdf(container: MedusaContainer, email: EmailWithPdf) {
  const notifications = container.resolve(Modules.NOTIFICATION)
  const [already] = await notifications.listNotifications({ idempotency_key: email.idempotency_key, status: "success" } as any)
  if (already) {
    return { notification_id: already.id as string, sent: false }
  }
  try {
    const notification = await notifications.createNotifications({
      to: email.to,
      channel: "email",
      template: email.template,
      trigger_type: email.trigger_type,
      resource_id: email.resource_id,
      resource_type: email.resource_type,
      receiver_id: email.receiver_id,
      idempotency_key: email.idempotency_key,
      data: { subject: email.subject, text: email.text, ...email.data, pdf_filename: email.pdf.filename, pdf_size: email.pdf.content.length },
      attachments: [
        { filename: email.pdf.filename, content: email.pdf.content.toString("base64"), content_type: "application/pdf", disposition: "attachment" },
      ],
    })
    return { notification_id: notification.id as string, sent: true }
  } catch (e) {
    if (/provider for channel/i.test((e as Error).message)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `No notification provider sends email: add one for the "email" channel to the Notification Module in medusa-config.ts.`
      )
    }
    throw e
  }
}

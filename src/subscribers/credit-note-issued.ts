import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../modules/billing"
import type BillingModuleService from "../modules/billing/service"
import { BillingEvents } from "../workflows/events"

/**
 * Every path that issues documents (by hand, a credit note, an order change) announces
 * billing.invoice.issued; a credit note is also announced as billing.credit_note.issued, so a
 * finance system can follow corrections without looking at the document's type.
 */
export default async function announceCreditNote({ event, container }: SubscriberArgs<{ id: string }>) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const [document] = await billing.listInvoices({ id: event.data.id }, { select: ["id", "type", "number", "original_invoice_id", "total", "currency_code"] })
  if (document?.type !== "credit_note") return
  await container.resolve(Modules.EVENT_BUS).emit({
    name: BillingEvents.CREDIT_NOTE_ISSUED,
    data: { id: document.id, number: document.number, original_invoice_id: document.original_invoice_id, total: document.total, currency_code: document.currency_code },
  })
}

export const config: SubscriberConfig = {
  event: BillingEvents.INVOICE_ISSUED,
  context: { subscriberId: "billing-announce-credit-note" },
}

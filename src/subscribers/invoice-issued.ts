import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { MathBN } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../modules/billing"
import { paymentUnapplied } from "../modules/billing/domain/allocation"
import type BillingModuleService from "../modules/billing/service"
import { BillingEvents } from "../workflows/events"
import { sendDocumentWorkflow } from "../workflows/send-document"
import { storeDocumentPdf } from "../workflows/utils/document-pdf"

/**
 * Right after a document is issued: renders its PDF once and stores it through the File Module
 * (the document is frozen, so the PDF never changes), applies money Medusa already captured for
 * the order, then emails it to the buyer when
 * Settings → Billing says "email on issue". Issuing itself never waits for rendering. The
 * idempotency key is the document's, so a redelivered event stores and sends nothing twice.
 */
export default async function afterDocumentIssued({ event, container }: SubscriberArgs<{ id: string }>) {
  await storeDocumentPdf(container, event.data.id)

  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  // Money Medusa captured before the invoice existed (e.g. "invoice when fully paid") pays it now.
  const issued = await billing.retrieveInvoice(event.data.id, { select: ["id", "type", "order_id", "email"] })
  if (issued.type === "invoice" && issued.order_id) {
    const payments = await billing.listBillingPayments({ order_id: issued.order_id, source: "medusa" })
    for (const payment of payments.filter((p) => MathBN.gt(paymentUnapplied(p as any), 0))) {
      await billing.allocatePayment(payment.id, "order", { actor_type: "system", actor_id: "billing.invoice.issued" })
    }
  }

  const settings = await billing.retrieveSettings()
  if (!settings.email_on_issue) {
    return
  }
  if (!issued.email) {
    return
  }
  await sendDocumentWorkflow(container).run({
    input: { id: event.data.id, idempotency_key: `billing-issued-${event.data.id}`, actor: { actor_type: "system", actor_id: "email_on_issue" } },
  })
}

export const config: SubscriberConfig = {
  event: BillingEvents.INVOICE_ISSUED,
  context: { subscriberId: "billing-after-document-issued" },
}

import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { BILLING_MODULE } from "../modules/billing"
import type BillingModuleService from "../modules/billing/service"
import { BillingEvents } from "../workflows/events"
import { sendDocumentWorkflow } from "../workflows/send-document"

/**
 * Emails each issued document to its buyer when Settings → Billing says "email on issue".
 * The idempotency key is the document's: a redelivered event sends nothing twice.
 */
export default async function emailOnIssue({ event, container }: SubscriberArgs<{ id: string }>) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const settings = await billing.retrieveSettings()
  if (!settings.email_on_issue) {
    return
  }
  const invoice = await billing.retrieveInvoice(event.data.id, { select: ["id", "email"] })
  if (!invoice.email) {
    return
  }
  await sendDocumentWorkflow(container).run({
    input: { id: event.data.id, idempotency_key: `billing-issued-${event.data.id}`, actor: { actor_type: "system", actor_id: "email_on_issue" } },
  })
}

export const config: SubscriberConfig = {
  event: BillingEvents.INVOICE_ISSUED,
  context: { subscriberId: "billing-email-on-issue" },
}

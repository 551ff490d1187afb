import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { BILLING_MODULE } from "../modules/billing"
import type BillingModuleService from "../modules/billing/service"
import { BillingEvents } from "../workflows/events"
import { sendReceiptWorkflow } from "../workflows/payments"

/**
 * A payment was recorded: email its receipt when the admin asked for it, or, when they did not
 * say, when Settings → Billing says "email receipts". The idempotency key is the payment's, so a
 * redelivered event sends nothing twice.
 */
export default async function sendReceiptOnRecord({ event, container }: SubscriberArgs<{ id: string; send_receipt?: boolean }>) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const wanted = event.data.send_receipt ?? (await billing.retrieveSettings()).email_receipts
  if (!wanted) {
    return
  }
  await sendReceiptWorkflow(container).run({
    input: {
      payment_id: event.data.id,
      idempotency_key: `billing-receipt-${event.data.id}`,
      actor: { actor_type: "system", actor_id: event.data.send_receipt ? "send_receipt" : "email_receipts" },
    },
  })
}

export const config: SubscriberConfig = {
  event: BillingEvents.PAYMENT_RECORDED,
  context: { subscriberId: "billing-send-receipt-on-record" },
}

import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { BILLING_MODULE } from "../modules/billing"
import type BillingModuleService from "../modules/billing/service"
import { BillingEvents } from "../workflows/events"
import { applyWaitingStripeEvents } from "../workflows/utils/stripe-events"

/**
 * A payment was recorded: Stripe events about it that arrived first (a refund or a dispute of a
 * charge billing did not know yet) are applied now rather than at their next retry.
 */
export default async function applyStripeEventsWaitingForPayment({ event, container }: SubscriberArgs<{ id: string }>) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const [payment] = await billing.listBillingPayments({ id: event.data.id }, { select: ["id", "external_id", "stripe_payment_intent_id"] })
  const charge = payment?.external_id && /^(ch|py)_/.test(payment.external_id) ? payment.external_id : null
  if (!payment || (!charge && !payment.stripe_payment_intent_id)) {
    return
  }
  await applyWaitingStripeEvents(container, { charge, payment_intent: payment.stripe_payment_intent_id })
}

export const config: SubscriberConfig = {
  event: BillingEvents.PAYMENT_RECORDED,
  context: { subscriberId: "billing-apply-stripe-events-waiting-for-payment" },
}

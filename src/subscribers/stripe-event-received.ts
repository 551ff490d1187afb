import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { BillingEvents } from "../workflows/events"
import { processStripeEventWorkflow } from "../workflows/stripe-events"

/** A Stripe event was stored: apply it, after the webhook has been answered. */
export default async function applyStripeEventOnReceipt({ event, container }: SubscriberArgs<{ id: string }>) {
  await processStripeEventWorkflow(container).run({ input: { id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: BillingEvents.STRIPE_EVENT_RECEIVED,
  context: { subscriberId: "billing-apply-stripe-event" },
}

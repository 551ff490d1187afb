import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { invoiceOrderOnTrigger } from "../workflows/utils/invoice-on-trigger"

/** Invoices an order at its first fulfillment when the store invoices on "first fulfillment". */
export default async function invoiceOnFirstFulfillment({
  event,
  container,
}: SubscriberArgs<{ order_id: string; fulfillment_id: string }>) {
  await invoiceOrderOnTrigger(container, event.data.order_id, "first_fulfillment")
}

export const config: SubscriberConfig = {
  event: "order.fulfillment_created",
  context: { subscriberId: "billing-invoice-on-first-fulfillment" },
}

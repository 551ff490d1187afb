import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { invoiceOrderOnTrigger } from "../workflows/utils/invoice-on-trigger"

/**
 * Invoices placed orders when the store invoices on "order placed" (the default). Storefront
 * checkouts and converted draft orders both emit `order.placed`; a redelivered event changes nothing.
 */
export default async function invoiceOnOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  await invoiceOrderOnTrigger(container, event.data.id, "order_placed")
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "billing-invoice-on-order-placed" },
}

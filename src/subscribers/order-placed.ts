import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { createInvoiceForOrderWorkflow } from "../workflows/create-invoice-for-order"

/**
 * Invoices every placed order (storefront checkout and converted draft orders both emit
 * `order.placed`). The workflow is idempotent, so a redelivered event changes nothing.
 */
export default async function invoiceOnOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  await createInvoiceForOrderWorkflow(container).run({
    input: { order_id: event.data.id, issue: true, actor: { actor_type: "system", actor_id: "order.placed" } },
  })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "billing-invoice-on-order-placed" },
}

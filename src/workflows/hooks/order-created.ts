import { createOrderWorkflow } from "@medusajs/medusa/core-flows"
import { invoiceOrderOnTrigger } from "../utils/invoice-on-trigger"

/**
 * Orders created with `createOrderWorkflow` (by admins, imports, custom code) do not emit
 * `order.placed`; invoice them here on the same "order placed" setting. A billing failure is
 * logged and never undoes the order: the invoice can still be created from the order page.
 */
createOrderWorkflow.hooks.orderCreated(async ({ order }, { container }) => {
  try {
    await invoiceOrderOnTrigger(container, order.id, "order_placed")
  } catch (e) {
    container.resolve("logger").error(`Billing could not invoice order ${order.id}: ${(e as Error).message}`)
  }
})

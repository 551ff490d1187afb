import type { MedusaContainer } from "@medusajs/framework/types"
import { invoiceMissedOrders } from "../workflows/utils/invoice-missed-orders"

/**
 * Every minute: orders placed in the last two hours (and at least a minute ago, so the order's own
 * `order.placed` had its chance) that have no invoice are invoiced; see invoiceMissedOrders.
 * Older ones are found by the monthly orders ↔ invoices reconciliation (`order_not_invoiced`).
 */
export default async function invoiceMissedOrdersJob(container: MedusaContainer) {
  const now = Date.now()
  await invoiceMissedOrders(container, { from: new Date(now - 2 * 3_600_000), to: new Date(now - 60_000) })
}

export const config = { name: "billing-invoice-missed-orders", schedule: "* * * * *" }

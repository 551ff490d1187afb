import type { MedusaContainer } from "@medusajs/framework/types"
import { invoiceMissedOrders } from "../workflows/utils/invoice-missed-orders"

/**
 * Every minute: orders placed in the last two hours, and at least BILLING_MISSED_ORDER_DELAY_SECONDS
 * ago (default 300: the order's own `order.placed` and its retries had their chance), that have no
 * invoice are invoiced; see invoiceMissedOrders. Older ones are found by the monthly orders ↔
 * invoices reconciliation (`order_not_invoiced`).
 */
export default async function invoiceMissedOrdersJob(container: MedusaContainer) {
  const now = Date.now()
  const delay = Number(process.env.BILLING_MISSED_ORDER_DELAY_SECONDS || 300) * 1000
  await invoiceMissedOrders(container, { from: new Date(now - 2 * 3_600_000), to: new Date(now - delay) })
}

export const config = { name: "billing-invoice-missed-orders", schedule: "* * * * *" }

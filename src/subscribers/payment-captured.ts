import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { roundAmount } from "../modules/billing/domain/money"
import { invoiceOrderOnTrigger } from "../workflows/utils/invoice-on-trigger"
import { orderOfPayment } from "../workflows/utils/order-payments"

/**
 * Invoices an order once it is fully paid, when the store invoices on "fully paid". Decided from
 * the order's captured amounts, not from counting events: `payment.captured` can arrive twice.
 */
export default async function invoiceOnFullyPaid({ event, container }: SubscriberArgs<{ id: string }>) {
  const orderId = await orderOfPayment(container, event.data.id)
  if (!orderId) {
    return
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "total", "currency_code", "payment_collections.status", "payment_collections.captured_amount"],
    filters: { id: orderId },
  })
  const order = orders[0] as any
  const captured = MathBN.sum(
    ...(order.payment_collections ?? []).filter((c: any) => c.status !== "canceled").map((c: any) => c.captured_amount ?? 0)
  )
  // Both sides in the currency's minor unit: Medusa may hold 109.956 where 109.96 was charged.
  if (MathBN.lt(roundAmount(captured, order.currency_code), roundAmount(order.total, order.currency_code))) {
    return
  }
  await invoiceOrderOnTrigger(container, orderId, "fully_paid")
}

export const config: SubscriberConfig = {
  event: "payment.captured",
  context: { subscriberId: "billing-invoice-on-fully-paid" },
}

import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { orderOfPayment, syncOrderPayments } from "../workflows/utils/order-payments"

/**
 * Medusa captured or refunded money for an order: record it in billing. `payment.refunded` is
 * not emitted for every refund (refunds on cancel skip it), so the refund module event
 * `payment.refund.created` is followed too; either way the order's actual captures and refunds
 * are read, so duplicates and missing events do not change the result.
 */
export default async function recordMedusaPayments({ event, container }: SubscriberArgs<{ id: string }>) {
  let paymentId = event.data.id
  if (event.name === "payment.refund.created") {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "refund", fields: ["id", "payment_id"], filters: { id: event.data.id } })
    paymentId = (data[0] as any)?.payment_id
  }
  const orderId = paymentId && (await orderOfPayment(container, paymentId))
  if (orderId) {
    await syncOrderPayments(container, orderId)
  }
}

export const config: SubscriberConfig = {
  event: ["payment.captured", "payment.refunded", "payment.refund.created"],
  context: { subscriberId: "billing-record-medusa-payments" },
}

import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { MathBN } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../modules/billing"
import type BillingModuleService from "../modules/billing/service"
import { BillingEvents } from "../workflows/events"
import { markOrderPaidInMedusaWorkflow } from "../workflows/medusa-payments"

/**
 * Money billing received outside Medusa (a bank transfer, cash…) that pays an order's invoices
 * makes the order paid in Medusa too, so the order page and the invoices never disagree. A
 * payment captured through Medusa is already there and changes nothing.
 */
export default async function showBillingPaymentInMedusa({ event, container }: SubscriberArgs<{ id: string }>) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const [payment] = await billing.listBillingPayments({ id: event.data.id }, { select: ["id", "source"] })
  if (!payment || payment.source === "medusa") return

  const allocations = (await billing.listPaymentAllocations({ payment_id: payment.id })).filter((a) => MathBN.gt(a.amount, 0))
  if (!allocations.length) return
  const invoices = await billing.listInvoices(
    { id: [...new Set(allocations.map((a) => a.invoice_id))], status: "paid" },
    { select: ["id", "order_id"] }
  )
  const orderIds = [...new Set(invoices.map((i) => i.order_id).filter((id): id is string => !!id))]
  for (const orderId of orderIds) {
    await markOrderPaidInMedusaWorkflow(container).run({ input: { order_id: orderId, payment_id: payment.id } })
  }
}

export const config: SubscriberConfig = {
  event: [BillingEvents.PAYMENT_RECORDED, BillingEvents.PAYMENT_ALLOCATED],
  context: { subscriberId: "billing-show-payment-in-medusa" },
}

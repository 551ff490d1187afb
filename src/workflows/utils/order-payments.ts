import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../modules/billing"
import { roundAmount } from "../../modules/billing/domain/money"
import type BillingModuleService from "../../modules/billing/service"

/**
 * Brings an order's Medusa captures and refunds into billing: each capture becomes a payment
 * (allocated to the order's invoices, the rest is the customer's credit) and each refund a
 * refund of it, keyed by Medusa's capture and refund ids under unique constraints. It reads the
 * order's actual captures and refunds, so a duplicate `payment.captured` or a refund Medusa
 * announced with no event ends in the same state. Safe to run any number of times.
 */
export async function syncOrderPayments(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "customer_id",
      "currency_code",
      "payment_collections.payments.id",
      "payment_collections.payments.provider_id",
      "payment_collections.payments.captures.id",
      "payment_collections.payments.captures.amount",
      "payment_collections.payments.captures.created_at",
      "payment_collections.payments.refunds.id",
      "payment_collections.payments.refunds.amount",
      "payment_collections.payments.refunds.note",
      "payment_collections.payments.refunds.created_at",
    ],
    filters: { id: orderId },
  })
  const order = data[0] as any
  if (!order?.customer_id) return { recorded: 0, refunded: 0 }
  const currency = order.currency_code
  let recorded = 0
  let refunded = 0
  const ignoreDuplicate = async (write: () => Promise<unknown>) => {
    try {
      await write()
      return true
    } catch (e) {
      // Another process recorded the same Medusa id first: the unique constraint keeps one.
      if (/unique|duplicate/i.test((e as Error).message)) return false
      throw e
    }
  }

  for (const medusaPayment of (order.payment_collections ?? []).flatMap((c: any) => c.payments ?? [])) {
    const method = String(medusaPayment.provider_id ?? "").includes("stripe") ? "card" : "other"
    for (const capture of medusaPayment.captures ?? []) {
      const [existing] = await billing.listBillingPayments({ external_id: capture.id }, { select: ["id"] })
      if (existing) continue
      const ok = await ignoreDuplicate(() =>
        billing.recordPayment({
          customer_id: order.customer_id,
          currency_code: currency,
          amount: roundAmount(capture.amount, currency).toString(),
          method,
          source: "medusa",
          external_id: capture.id,
          order_id: order.id,
          received_at: capture.created_at,
          reference: medusaPayment.id,
          allocate: "order",
          actor: { actor_type: "system", actor_id: "payment.captured" },
        })
      )
      if (ok) recorded++
    }
    for (const refund of medusaPayment.refunds ?? []) {
      const [existing] = await billing.listPaymentRefunds({ external_id: refund.id }, { select: ["id"] })
      if (existing) continue
      // The billing payments of this Medusa payment, the one with the most left to refund first.
      const candidates = await billing.listBillingPayments({ reference: medusaPayment.id, source: "medusa" })
      const amount = roundAmount(refund.amount, currency)
      const target = candidates
        .filter((p) => MathBN.gte(MathBN.sub(p.amount, p.amount_refunded), amount))
        .sort((a, b) => (MathBN.gt(MathBN.sub(b.amount, b.amount_refunded), MathBN.sub(a.amount, a.amount_refunded)) ? 1 : -1))[0]
      if (!target) continue
      const ok = await ignoreDuplicate(() =>
        billing.refundPayment(target.id, {
          amount: amount.toString(),
          reason: refund.note ?? "Refunded in Medusa",
          source: "medusa",
          external_id: refund.id,
          refunded_at: refund.created_at,
          actor: { actor_type: "system", actor_id: "payment.refunded" },
        })
      )
      if (ok) refunded++
    }
  }
  return { recorded, refunded }
}

/** The order a Medusa payment belongs to. */
export async function orderOfPayment(container: MedusaContainer, paymentId: string): Promise<string | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "payment", fields: ["id", "payment_collection.order.id"], filters: { id: paymentId } })
  return (data[0] as any)?.payment_collection?.order?.id
}

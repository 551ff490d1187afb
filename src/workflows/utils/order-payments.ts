import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../modules/billing"
import { roundAmount } from "../../modules/billing/domain/money"
import type BillingModuleService from "../../modules/billing/service"
import { BillingEvents } from "../events"
import { isUniqueViolation } from "./unique-violation"

/**
 * The lock every change that brings money between Medusa and billing takes for an order: the
 * sync of captures and refunds, refunds through Medusa, and marking an order paid in Medusa.
 */
export const orderPaymentsLockKey = (orderId: string) => `billing-order-payments-${orderId}`

/**
 * Captures that billing itself asked Medusa for, to show in Medusa money billing already has
 * (a bank transfer marking the order paid), name that billing payment as their author. Such a
 * capture is the same money, not another payment: it is never recorded a second time.
 */
export const isBillingPaymentId = (value: unknown): value is string => typeof value === "string" && value.startsWith("bpay_")

const ORDER_PAYMENT_FIELDS = [
  "id",
  "customer_id",
  "currency_code",
  "payment_collections.payments.id",
  "payment_collections.payments.provider_id",
  "payment_collections.payments.data",
  "payment_collections.payments.captures.id",
  "payment_collections.payments.captures.amount",
  "payment_collections.payments.captures.created_by",
  "payment_collections.payments.captures.created_at",
  "payment_collections.payments.refunds.id",
  "payment_collections.payments.refunds.amount",
  "payment_collections.payments.refunds.note",
  "payment_collections.payments.refunds.created_at",
]

/**
 * Brings an order's Medusa captures and refunds into billing, one sync per order at a time (the
 * order's payments lock, across processes with Redis locking). See `recordOrderPayments`.
 */
export async function syncOrderPayments(container: MedusaContainer, orderId: string) {
  const locking = container.resolve(Modules.LOCKING)
  return await locking.execute(orderPaymentsLockKey(orderId), () => recordOrderPayments(container, orderId), { timeout: 30 })
}

/**
 * Each capture becomes a payment (allocated to the order's invoices, the rest is the customer's
 * credit) and each refund a refund of it, keyed by Medusa's capture and refund ids under unique
 * constraints. It reads the order's actual captures and refunds, so a duplicate
 * `payment.captured` or a refund Medusa announced with no event ends in the same state. Safe to
 * run any number of times; callers that do not hold the order's payments lock use
 * `syncOrderPayments`. Each payment it records is announced as `billing.payment.recorded`.
 */
export async function recordOrderPayments(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const { data } = await query.graph({ entity: "order", fields: ORDER_PAYMENT_FIELDS, filters: { id: orderId } })
  const order = data[0] as any
  if (!order?.customer_id) return { recorded: 0, refunded: 0 }
  const currency = order.currency_code
  const recordedIds: string[] = []
  let refunded = 0
  const ignoreDuplicate = async <T>(write: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await write()
    } catch (e) {
      // Another process recorded the same Medusa id first: the unique constraint keeps one.
      if (isUniqueViolation(e)) return undefined
      throw e
    }
  }

  for (const medusaPayment of (order.payment_collections ?? []).flatMap((c: any) => c.payments ?? [])) {
    const viaStripe = String(medusaPayment.provider_id ?? "").includes("stripe")
    const method = viaStripe ? "card" : "other"
    // Medusa's Stripe provider keeps the PaymentIntent in the payment's data: Stripe's refund
    // events name it, so refunds made in Stripe find this payment.
    const intentId = viaStripe && typeof medusaPayment.data?.id === "string" && medusaPayment.data.id.startsWith("pi_") ? medusaPayment.data.id : null
    const mirrored = new Set<string>()
    for (const capture of medusaPayment.captures ?? []) {
      if (isBillingPaymentId(capture.created_by)) {
        const [mirror] = await billing.listBillingPayments({ id: capture.created_by }, { select: ["id"] })
        if (mirror) {
          // Billing marked the order paid with this money: it is that payment, already recorded.
          mirrored.add(mirror.id)
          continue
        }
      }
      const [existing] = await billing.listBillingPayments({ external_id: capture.id }, { select: ["id"] })
      if (existing) continue
      const payment = await ignoreDuplicate(() =>
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
          stripe_payment_intent_id: intentId,
          allocate: "order",
          actor: { actor_type: "system", actor_id: "payment.captured" },
        })
      )
      if (payment) recordedIds.push(payment.id)
    }
    for (const refund of medusaPayment.refunds ?? []) {
      const [existing] = await billing.listPaymentRefunds({ external_id: refund.id }, { select: ["id"] })
      if (existing) continue
      // The billing payments of this Medusa payment (its captures, or the payment its capture
      // mirrors), the one with the most left to refund first.
      const candidates = [
        ...(await billing.listBillingPayments({ reference: medusaPayment.id, source: "medusa" })),
        ...(mirrored.size ? await billing.listBillingPayments({ id: [...mirrored] }) : []),
      ]
      const amount = roundAmount(refund.amount, currency)
      const throughStripe = candidates.filter((p) => p.stripe_payment_intent_id)
      if (throughStripe.length) {
        // Stripe may announce the refund Medusa asked it for before Medusa's own refund reaches
        // billing: that refund is this one. Tied to Medusa's id, it is never recorded twice.
        const untied = (await billing.listPaymentRefunds({ payment_id: throughStripe.map((p) => p.id), source: "stripe", canceled_at: null } as any))
          .filter((r) => r.external_id === r.provider_refund_id && MathBN.eq(r.amount, amount))
          .sort((a, b) => new Date(a.refunded_at).getTime() - new Date(b.refunded_at).getTime())[0]
        if (untied) {
          await billing.updatePaymentRefunds({ id: untied.id, external_id: refund.id, source: "medusa", reason: refund.note ?? "Refunded in Medusa" } as any)
          refunded++
          continue
        }
      }
      const left = (p: { amount: any; amount_refunded: any; amount_disputed?: any }) => MathBN.sub(MathBN.sub(p.amount, p.amount_refunded), p.amount_disputed ?? 0)
      const target = candidates
        .filter((p) => MathBN.gte(left(p), amount))
        .sort((a, b) => (MathBN.gt(left(b), left(a)) ? 1 : -1))[0]
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
  if (refunded) {
    // A return received with a refund: the credit note and the refund name each other.
    await billing.linkOrderRefundsToCreditNotes(order.id)
  }
  if (recordedIds.length) {
    // Announced like payments recorded by hand, so receipts and Medusa's payment status follow.
    await container
      .resolve(Modules.EVENT_BUS)
      .emit(recordedIds.map((id) => ({ name: BillingEvents.PAYMENT_RECORDED, data: { id } })))
  }
  return { recorded: recordedIds.length, refunded }
}

/** The order a Medusa payment belongs to. */
export async function orderOfPayment(container: MedusaContainer, paymentId: string): Promise<string | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "payment", fields: ["id", "payment_collection.order.id"], filters: { id: paymentId } })
  return (data[0] as any)?.payment_collection?.order?.id
}

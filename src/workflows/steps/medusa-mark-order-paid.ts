import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { capturePaymentWorkflow, markPaymentCollectionAsPaid } from "@medusajs/medusa/core-flows"
import { BILLING_MODULE } from "../../modules/billing"
import { roundAmount } from "../../modules/billing/domain/money"
import type BillingModuleService from "../../modules/billing/service"
import { isBillingPaymentId } from "../utils/order-payments"

/** Medusa's payment provider for money collected outside of it; its authorization is only a promise. */
const SYSTEM_PROVIDER_ID = "pp_system_default"

type MedusaPaymentLike = {
  id: string
  provider_id: string
  amount: any
  canceled_at?: Date | string | null
  captures?: { amount: any; created_by?: string | null }[]
}
type MedusaCollectionLike = { id: string; status: string; amount: any; payments?: MedusaPaymentLike[] }

export type MedusaSettlement =
  | { type: "mark_paid"; payment_collection_id: string; amount: string }
  | { type: "capture"; payment_id: string; amount: string }

/**
 * What Medusa still waits for on an order and how billing can settle it with money it received:
 * a collection nobody started paying is marked paid (as Medusa's "Mark as paid"), a payment the
 * system provider authorized ("pay later") is captured. A collection awaiting another provider
 * (a card authorized, a Stripe intent pending) blocks: capturing it would charge the customer
 * a second time.
 */
export function planMedusaSettlement(collections: MedusaCollectionLike[], currency: string) {
  const settlements: MedusaSettlement[] = []
  const blocked: string[] = []
  for (const collection of collections) {
    if (collection.status === "not_paid") {
      settlements.push({ type: "mark_paid", payment_collection_id: collection.id, amount: MathBN.convert(collection.amount).toString() })
      continue
    }
    if (collection.status === "awaiting") {
      blocked.push(`payment collection ${collection.id} awaits a payment session`)
      continue
    }
    if (!["authorized", "partially_authorized", "partially_captured"].includes(collection.status)) continue
    for (const payment of collection.payments ?? []) {
      if (payment.canceled_at) continue
      const uncaptured = MathBN.sub(payment.amount, MathBN.sum(0, ...(payment.captures ?? []).map((c) => c.amount)))
      if (!MathBN.gt(roundAmount(uncaptured, currency), 0)) continue
      if (payment.provider_id !== SYSTEM_PROVIDER_ID) {
        blocked.push(`payment ${payment.id} is authorized by ${payment.provider_id}`)
        continue
      }
      settlements.push({ type: "capture", payment_id: payment.id, amount: uncaptured.toString() })
    }
  }
  const total = roundAmount(MathBN.sum(0, ...settlements.map((s) => s.amount)), currency)
  return { settlements, blocked, total }
}

export type MarkOrderPaidInMedusaStepInput = { order_id: string; payment_id: string }

export const markOrderPaidInMedusaStepId = "mark-order-paid-in-medusa"

/**
 * This step makes Medusa show an order paid when billing was paid for it outside Medusa (a bank
 * transfer): only when every issued invoice of the order is paid and what Medusa still waits
 * for equals what billing received outside Medusa and has not shown there yet. The captures it
 * makes name the billing payment as their author, so the sync of `payment.captured` knows them
 * for the same money and records no second payment. Runs under the order's payments lock.
 */
export const markOrderPaidInMedusaStep = createStep(
  markOrderPaidInMedusaStepId,
  async (input: MarkOrderPaidInMedusaStepInput, { container }) => {
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    type Result = { settled: MedusaSettlement[]; reason: string | null }
    const skip = (reason: string) => new StepResponse<Result>({ settled: [], reason })

    const { data } = await query.graph({
      entity: "order",
      fields: [
        "id",
        "currency_code",
        "payment_collections.id",
        "payment_collections.status",
        "payment_collections.amount",
        "payment_collections.payments.id",
        "payment_collections.payments.provider_id",
        "payment_collections.payments.amount",
        "payment_collections.payments.canceled_at",
        "payment_collections.payments.captures.amount",
        "payment_collections.payments.captures.created_by",
      ],
      filters: { id: input.order_id },
    })
    const order = data[0] as any
    if (!order) return skip("order not found")
    const currency = order.currency_code

    const invoices = (
      await billing.listInvoices({ order_id: order.id, type: "invoice" }, { select: ["id", "status", "issued_at"] })
    ).filter((i) => i.issued_at && i.status !== "void")
    if (!invoices.length || invoices.some((i) => i.status !== "paid")) return skip("the order's invoices are not all paid")

    const { settlements, blocked, total } = planMedusaSettlement(order.payment_collections ?? [], currency)
    if (!settlements.length) return skip("Medusa waits for no payment")
    if (blocked.length) {
      logger.warn(`Billing: order ${order.id} is paid in billing but Medusa cannot be marked paid: ${blocked.join("; ")}.`)
      return skip(blocked.join("; "))
    }

    // Money billing received outside Medusa for the order, less what Medusa already shows of it.
    const allocations = (await billing.listPaymentAllocations({ invoice_id: invoices.map((i) => i.id) })).filter((a) =>
      MathBN.gt(a.amount, 0)
    )
    const payments = allocations.length
      ? await billing.listBillingPayments({ id: [...new Set(allocations.map((a) => a.payment_id))] }, { select: ["id", "source"] })
      : []
    const outside = new Set(payments.filter((p) => p.source !== "medusa").map((p) => p.id))
    const paidOutside = MathBN.sum(0, ...allocations.filter((a) => outside.has(a.payment_id)).map((a) => a.amount))
    const shown = MathBN.sum(
      0,
      ...(order.payment_collections ?? [])
        .flatMap((c: any) => c.payments ?? [])
        .flatMap((p: any) => p.captures ?? [])
        .filter((c: any) => isBillingPaymentId(c.created_by))
        .map((c: any) => c.amount)
    )
    const unshown = roundAmount(MathBN.sub(paidOutside, shown), currency)
    if (!MathBN.eq(unshown, total)) {
      return skip(`Medusa waits for ${total.toString()}, billing received ${unshown.toString()} outside Medusa`)
    }

    for (const settlement of settlements) {
      if (settlement.type === "mark_paid") {
        await markPaymentCollectionAsPaid(container).run({
          input: { payment_collection_id: settlement.payment_collection_id, order_id: order.id, captured_by: input.payment_id },
        })
      } else {
        await capturePaymentWorkflow(container).run({
          input: { payment_id: settlement.payment_id, amount: settlement.amount, captured_by: input.payment_id },
        })
      }
    }
    await billing.logActivity({
      entity_type: "payment",
      entity_id: input.payment_id,
      action: "payment.order_marked_paid",
      actor_type: "system",
      actor_id: "billing.payment.recorded",
      data: { order_id: order.id, amount: total.toString() },
    })
    return new StepResponse<Result>({ settled: settlements, reason: null })
  }
)

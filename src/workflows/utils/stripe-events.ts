import type { MedusaContainer } from "@medusajs/framework/types"
import { MathBN, Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../modules/billing"
import { fromMinorUnits } from "../../modules/billing/domain/money"
import type BillingModuleService from "../../modules/billing/service"
import { recordPaymentWorkflow } from "../payments"
import { orderPaymentsLockKey } from "./order-payments"
import { applyCheckoutSession } from "./stripe-payment-link"
import { applyStripeCharge, applyStripePayout, balanceRow, idOf } from "./stripe-settlements"
import { isUniqueViolation } from "./unique-violation"

type StripeEventPayload = { id: string; type: string; created: number; data: { object: Record<string, any> } }
type Outcome = { status: "processed" | "ignored" | "waiting"; detail?: string }

/**
 * A payment made through one of the plugin's own payment links (a PaymentIntent whose metadata
 * names an invoice and no Medusa payment session): recorded once, by its charge, and applied to
 * that invoice; whatever the invoice no longer owes stays the customer's credit.
 */
async function applyPaymentLinkPayment(container: MedusaContainer, intent: Record<string, any>): Promise<Outcome> {
  const invoiceId = intent.metadata?.invoice_id
  if (!invoiceId || intent.metadata?.session_id) {
    return { status: "ignored", detail: "not a billing payment link (a Medusa checkout's intent is Medusa's)" }
  }
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const externalId = typeof intent.latest_charge === "string" ? intent.latest_charge : intent.latest_charge?.id ?? intent.id
  const [already] = await billing.listBillingPayments({ external_id: externalId }, { select: ["id"] })
  if (already) return { status: "processed", detail: `payment ${already.id} already recorded` }
  const [invoice] = await billing.listInvoices({ id: invoiceId }, { select: ["id", "customer_id", "currency_code", "status", "amount_due"] })
  if (!invoice?.customer_id) {
    throw new Error(`Payment ${intent.id} names invoice ${invoiceId}, which does not exist or has no customer.`)
  }
  const currency = String(intent.currency).toLowerCase()
  const amount = fromMinorUnits(intent.amount_received ?? intent.amount, currency)
  const open = ["open", "partially_paid"].includes(invoice.status) && invoice.currency_code === currency
  const toInvoice = open ? MathBN.min(amount, invoice.amount_due) : MathBN.convert(0)
  try {
    // Through the workflow: `billing.payment.recorded` follows (receipt, order paid in Medusa,
    // Stripe events that waited for this payment).
    await recordPaymentWorkflow(container).run({
      input: {
        customer_id: invoice.customer_id,
        currency_code: currency,
        amount,
        method: "card",
        source: "stripe",
        external_id: externalId,
        reference: intent.id,
        stripe_payment_intent_id: intent.id,
        received_at: new Date((intent.created ?? Date.now() / 1000) * 1000),
        allocate: MathBN.gt(toInvoice, 0) ? [{ invoice_id: invoice.id, amount: toInvoice.toString() }] : "none",
        actor: { actor_type: "stripe", actor_id: intent.id },
      },
    })
  } catch (e) {
    // Another delivery of the same payment got there first: the unique charge id keeps one.
    if (isUniqueViolation(e)) return { status: "processed", detail: "recorded by a concurrent delivery" }
    throw e
  }
  // The invoice's open links are done: it was paid through one of them.
  const links = await billing.listPaymentLinks({ invoice_id: invoice.id, status: "open" }, { select: ["id"] })
  if (links.length) {
    await billing.updatePaymentLinks(links.map((l) => ({ id: l.id, status: "completed", completed_at: new Date() })) as any)
  }
  return { status: "processed" }
}

/**
 * A refund made anywhere (the Stripe dashboard included), recorded once by its re_ id on the
 * payment its charge or PaymentIntent paid. A refund Medusa initiated is already in billing
 * under Medusa's refund id: the same amount on the same payment, not yet tied to a Stripe
 * refund, is that refund, and is only tied to it. A failed or canceled refund gives the money
 * back as credit; seen first, it is kept as canceled so a late "created" changes nothing.
 */
async function applyStripeRefund(container: MedusaContainer, refund: Record<string, any>): Promise<Outcome> {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const failed = ["failed", "canceled"].includes(refund.status)
  const chargeId = typeof refund.charge === "string" ? refund.charge : refund.charge?.id
  const intentId = typeof refund.payment_intent === "string" ? refund.payment_intent : refund.payment_intent?.id
  const paymentId = await billing.findPaymentByStripeIds({ charge: chargeId, payment_intent: intentId })
  if (!paymentId) {
    return { status: "waiting", detail: `No payment for charge ${chargeId ?? "–"} / ${intentId ?? "–"} yet; applied when it is recorded.` }
  }
  const payment = await billing.retrieveBillingPayment(paymentId, { select: ["id", "currency_code", "order_id"] })
  if (payment.order_id) {
    // Serialized with the sync of the order's Medusa refunds, which ties the same refund from its side.
    const locking = container.resolve(Modules.LOCKING)
    return await locking.execute(orderPaymentsLockKey(payment.order_id), () => recordStripeRefund(container, payment, refund, failed), { timeout: 30 })
  }
  return await recordStripeRefund(container, payment, refund, failed)
}

async function recordStripeRefund(
  container: MedusaContainer,
  payment: { id: string; currency_code: string },
  refund: Record<string, any>,
  failed: boolean
): Promise<Outcome> {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const paymentId = payment.id
  const [known] = await billing.listPaymentRefunds({ provider_refund_id: refund.id }, { select: ["id", "canceled_at"] })
  if (known) {
    if (failed && !known.canceled_at) {
      await billing.cancelPaymentRefund(known.id, { actor_type: "stripe", actor_id: refund.id })
    }
    return { status: "processed" }
  }
  const amount = fromMinorUnits(refund.amount, payment.currency_code)
  const refundedAt = new Date((refund.created ?? Date.now() / 1000) * 1000)
  if (failed) {
    await billing.recordFailedRefund({
      payment_id: paymentId, amount, source: "stripe", external_id: refund.id, provider_refund_id: refund.id,
      reason: refund.failure_reason ?? refund.status, refunded_at: refundedAt,
    })
    return { status: "processed", detail: "refund failed before it was recorded" }
  }
  const medusaRefund = (await billing.listPaymentRefunds({ payment_id: paymentId, source: "medusa", provider_refund_id: null, canceled_at: null } as any))
    .find((r) => MathBN.eq(r.amount, amount))
  if (medusaRefund) {
    await billing.updatePaymentRefunds({ id: medusaRefund.id, provider_refund_id: refund.id } as any)
    return { status: "processed", detail: `the refund Medusa initiated (${medusaRefund.external_id})` }
  }
  try {
    await billing.refundPayment(paymentId, {
      amount,
      reason: refund.reason ? `Refunded in Stripe (${refund.reason})` : "Refunded in Stripe",
      source: "stripe",
      external_id: refund.id,
      provider_refund_id: refund.id,
      refunded_at: refundedAt,
      actor: { actor_type: "stripe", actor_id: refund.id },
    })
  } catch (e) {
    if (isUniqueViolation(e)) return { status: "processed", detail: "recorded by a concurrent delivery" }
    throw e
  }
  return { status: "processed" }
}

/**
 * `charge.dispute.*`: the dispute applied to the payment its charge or PaymentIntent paid (funds
 * withdrawn and reinstated move the payment and its invoices; the status shows on the invoices),
 * and its balance transactions (with the dispute fee) stored for payout reconciliation. Every
 * event carries the whole dispute, so any one of them, in any order, brings billing up to date.
 */
async function applyStripeDispute(container: MedusaContainer, dispute: Record<string, any>, eventCreated: number): Promise<Outcome> {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const chargeId = idOf(dispute.charge)
  const intentId = idOf(dispute.payment_intent)
  const paymentId = await billing.findPaymentByStripeIds({ charge: chargeId, payment_intent: intentId })
  if (!paymentId) {
    return { status: "waiting", detail: `No payment for charge ${chargeId ?? "–"} / ${intentId ?? "–"} yet; applied when it is recorded.` }
  }
  const transactions: Record<string, any>[] = (dispute.balance_transactions ?? []).filter((t: unknown) => t && typeof t === "object")
  const applied = await billing.applyPaymentDispute({
    external_id: dispute.id,
    payment_id: paymentId,
    charge_id: chargeId,
    payment_intent_id: intentId,
    currency_code: String(dispute.currency),
    amount_minor: dispute.amount,
    status: dispute.status,
    reason: dispute.reason ?? null,
    evidence_due_by: dispute.evidence_details?.due_by ? new Date(dispute.evidence_details.due_by * 1000) : null,
    event_created_at: new Date(eventCreated * 1000),
    balance_transactions: transactions.map((t) => ({ id: t.id, amount: t.amount, fee: t.fee ?? 0, currency: t.currency, created: t.created })),
  })
  if (transactions.length) {
    await billing.upsertStripeBalanceTransactions(transactions.map((t) => balanceRow(t as any, { charge_id: chargeId, payment_intent_id: intentId })))
  }
  return { status: "processed", detail: `dispute ${applied.status}: ${applied.withdrawn} withdrawn, ${applied.reinstated} reinstated` }
}

/** The event types billing applies; every other event is stored as ignored. */
const APPLIED_TYPES = new Set([
  "payment_intent.succeeded",
  "refund.created",
  "refund.updated",
  "refund.failed",
  "charge.refunded",
  "charge.succeeded",
  "charge.captured",
  "charge.dispute.created",
  "charge.dispute.updated",
  "charge.dispute.closed",
  "charge.dispute.funds_withdrawn",
  "charge.dispute.funds_reinstated",
  "payout.paid",
  "payout.failed",
  "payout.canceled",
  "payout.updated",
  "payout.reconciliation_completed",
  "checkout.session.completed",
  "checkout.session.expired",
])

/**
 * Whether billing acts on an event at all, from the event alone: its type, and for a succeeded
 * PaymentIntent or a Checkout Session whether it is one of billing's payment links (a Medusa
 * checkout's is Medusa's).
 * The webhook stores the others as ignored and runs nothing for them.
 */
export function billingActsOn(event: { type: string; data: { object: Record<string, any> } }): boolean {
  if (!APPLIED_TYPES.has(event.type)) return false
  if (event.type === "payment_intent.succeeded" || event.type.startsWith("checkout.session.")) {
    const metadata = event.data.object.metadata ?? {}
    return !!metadata.invoice_id && !metadata.session_id
  }
  return true
}

/** Applies one Stripe event to billing. Every applier is idempotent: applying twice changes nothing. */
export async function applyStripeEvent(container: MedusaContainer, event: StripeEventPayload): Promise<Outcome> {
  if (!billingActsOn(event)) {
    return { status: "ignored", detail: `billing does not act on ${event.type} events like this one` }
  }
  switch (event.type) {
    case "payment_intent.succeeded":
      return await applyPaymentLinkPayment(container, event.data.object)
    case "refund.created":
    case "refund.updated":
    case "refund.failed":
      return await applyStripeRefund(container, event.data.object)
    case "charge.succeeded":
    case "charge.captured":
      return await applyStripeCharge(container, event.data.object)
    case "payout.paid":
    case "payout.failed":
    case "payout.canceled":
    case "payout.updated":
    case "payout.reconciliation_completed":
      return await applyStripePayout(container, event.type, event.data.object, event.created)
    case "charge.dispute.created":
    case "charge.dispute.updated":
    case "charge.dispute.closed":
    case "charge.dispute.funds_withdrawn":
    case "charge.dispute.funds_reinstated":
      return await applyStripeDispute(container, event.data.object, event.created)
    case "checkout.session.completed":
    case "checkout.session.expired":
      return await applyCheckoutSession(container, event.type, event.data.object)
    case "charge.refunded": {
      // The charge lists its refunds; each is applied like its own refund event.
      const refunds: Record<string, any>[] = event.data.object.refunds?.data ?? []
      const outcomes: Outcome[] = []
      for (const refund of refunds) outcomes.push(await applyStripeRefund(container, { charge: event.data.object.id, payment_intent: event.data.object.payment_intent, ...refund }))
      const waiting = outcomes.find((o) => o.status === "waiting")
      return waiting ?? { status: refunds.length ? "processed" : "ignored", detail: refunds.length ? undefined : "no refunds listed on the charge" }
    }
    default:
      return { status: "ignored", detail: `billing does not act on ${event.type} yet` }
  }
}

/**
 * Applies a stored event, one process at a time per event, and records the outcome: processed,
 * ignored, waiting for an object not known yet, or failed with its error (retried later by the
 * `billing-retry-stripe-events` job or from the admin). A failing event never stops the others.
 */
export async function processStoredStripeEvent(container: MedusaContainer, id: string) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const locking = container.resolve(Modules.LOCKING)
  return await locking.execute(`billing-stripe-event-${id}`, async () => {
    const row = await billing.retrieveStripeEvent(id)
    if (row.status === "processed" || row.status === "ignored") {
      return { id, status: row.status, attempts: row.attempts }
    }
    try {
      const payload = row.payload as unknown as StripeEventPayload
      let outcome = await applyStripeEvent(container, payload)
      await billing.recordStripeEventOutcome(id, { status: outcome.status, error: outcome.status === "waiting" ? outcome.detail : null })
      if (outcome.status === "waiting") {
        // The payment may have been recorded meanwhile, its waiting events listed before this one
        // was marked waiting: one more try closes that gap.
        outcome = await applyStripeEvent(container, payload)
        if (outcome.status !== "waiting") await billing.recordStripeEventOutcome(id, { status: outcome.status, error: null })
      }
      return { id, status: outcome.status, attempts: row.attempts + 1 }
    } catch (e) {
      await billing.recordStripeEventOutcome(id, { status: "failed", error: (e as Error).message })
      return { id, status: "failed", attempts: row.attempts + 1, error: (e as Error).message }
    }
  }, { timeout: 30 })
}

/**
 * Applies the stored events that waited for a payment (a refund or dispute that arrived before
 * the charge it is about): called when a payment with Stripe ids is recorded.
 */
export async function applyWaitingStripeEvents(container: MedusaContainer, ids: { charge?: string | null; payment_intent?: string | null }) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const waiting = await billing.listWaitingStripeEventIds(ids)
  const results: Awaited<ReturnType<typeof processStoredStripeEvent>>[] = []
  for (const id of waiting) results.push(await processStoredStripeEvent(container, id))
  return results
}

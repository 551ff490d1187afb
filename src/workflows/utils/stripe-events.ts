import type { MedusaContainer } from "@medusajs/framework/types"
import { MathBN, Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../modules/billing"
import { fromMinorUnits } from "../../modules/billing/domain/money"
import type BillingModuleService from "../../modules/billing/service"

type StripeEventPayload = { id: string; type: string; data: { object: Record<string, any> } }
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
    await billing.recordPayment({
      customer_id: invoice.customer_id,
      currency_code: currency,
      amount,
      method: "card",
      source: "stripe",
      external_id: externalId,
      reference: intent.id,
      received_at: new Date((intent.created ?? Date.now() / 1000) * 1000),
      allocate: MathBN.gt(toInvoice, 0) ? [{ invoice_id: invoice.id, amount: toInvoice.toString() }] : "none",
      actor: { actor_type: "stripe", actor_id: intent.id },
    })
  } catch (e) {
    // Another delivery of the same payment got there first: the unique charge id keeps one.
    if (/unique|duplicate/i.test((e as Error).message)) return { status: "processed", detail: "recorded by a concurrent delivery" }
    throw e
  }
  // The invoice's open links are done: it was paid through one of them.
  const links = await billing.listPaymentLinks({ invoice_id: invoice.id, status: "open" }, { select: ["id"] })
  if (links.length) {
    await billing.updatePaymentLinks(links.map((l) => ({ id: l.id, status: "completed", completed_at: new Date() })) as any)
  }
  return { status: "processed" }
}

/** Applies one Stripe event to billing. Every applier is idempotent: applying twice changes nothing. */
export async function applyStripeEvent(container: MedusaContainer, event: StripeEventPayload): Promise<Outcome> {
  switch (event.type) {
    case "payment_intent.succeeded":
      return await applyPaymentLinkPayment(container, event.data.object)
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
      const outcome = await applyStripeEvent(container, row.payload as unknown as StripeEventPayload)
      await billing.recordStripeEventOutcome(id, { status: outcome.status, error: outcome.status === "waiting" ? outcome.detail : null })
      return { id, status: outcome.status, attempts: row.attempts + 1 }
    } catch (e) {
      await billing.recordStripeEventOutcome(id, { status: "failed", error: (e as Error).message })
      return { id, status: "failed", attempts: row.attempts + 1, error: (e as Error).message }
    }
  }, { timeout: 30 })
}

import type { MedusaContainer } from "@medusajs/framework/types"
import type Stripe from "stripe"
import { BILLING_MODULE } from "../../modules/billing"
import { fromMinorUnits } from "../../modules/billing/domain/money"
import type BillingModuleService from "../../modules/billing/service"
import { stripeClient, stripeSettings } from "../../modules/billing/utils/stripe-webhook"

type Outcome = { status: "processed" | "ignored" | "waiting"; detail?: string }

function requireStripe(): Stripe {
  const stripe = stripeClient(stripeSettings())
  if (!stripe) throw new Error("Set BILLING_STRIPE_API_KEY: balance transactions and payouts are fetched from Stripe.")
  return stripe
}

export const idOf = (value: unknown): string | null =>
  typeof value === "string" ? value : value && typeof value === "object" && "id" in value ? String((value as { id: string }).id) : null

/** A balance transaction as billing stores it: major units of its own currency. */
export function balanceRow(txn: Stripe.BalanceTransaction, context: { payout_id?: string | null; charge_id?: string | null; payment_intent_id?: string | null }) {
  const currency = txn.currency.toLowerCase()
  const source = txn.source as unknown
  const sourceId = idOf(source)
  const expanded = source && typeof source === "object" ? (source as Record<string, any>) : null
  return {
    external_id: txn.id,
    // A dispute's money moves as "adjustment"; its category says which way (dispute, dispute_reversal).
    type: txn.type === "adjustment" && txn.reporting_category?.startsWith("dispute") ? txn.reporting_category : txn.type,
    source_id: sourceId,
    charge_id: context.charge_id ?? (sourceId?.startsWith("ch_") || sourceId?.startsWith("py_") ? sourceId : idOf(expanded?.charge)),
    payment_intent_id: context.payment_intent_id ?? idOf(expanded?.payment_intent),
    currency_code: currency,
    amount: fromMinorUnits(txn.amount, currency),
    fee: fromMinorUnits(txn.fee, currency),
    net: fromMinorUnits(txn.net, currency),
    exchange_rate: txn.exchange_rate === null || txn.exchange_rate === undefined ? null : String(txn.exchange_rate),
    status: txn.status ?? null,
    available_on: txn.available_on ? new Date(txn.available_on * 1000) : null,
    stripe_created_at: new Date(txn.created * 1000),
    payout_id: context.payout_id ?? null,
  }
}

/**
 * `charge.succeeded` / `charge.captured`: the charge's balance transaction (gross, fee, net,
 * exchange rate), stored once and found by the payment through its charge or PaymentIntent.
 * An uncaptured charge has none yet: its capture brings it.
 */
export async function applyStripeCharge(container: MedusaContainer, charge: Record<string, any>): Promise<Outcome> {
  const txnId = idOf(charge.balance_transaction)
  if (!txnId) return { status: "processed", detail: "not captured yet: no balance transaction" }
  // Expanded in the event when the endpoint asks for it; fetched otherwise.
  const expanded = typeof charge.balance_transaction === "object" && "amount" in charge.balance_transaction
  const txn: Stripe.BalanceTransaction = expanded ? charge.balance_transaction : await requireStripe().balanceTransactions.retrieve(txnId)
  await container
    .resolve<BillingModuleService>(BILLING_MODULE)
    .upsertStripeBalanceTransactions([balanceRow(txn, { charge_id: charge.id, payment_intent_id: idOf(charge.payment_intent) })])
  return { status: "processed" }
}

/**
 * `payout.*`: the payout stored with the status of the newest event about it; when paid (or
 * reconciled), every balance transaction it carries is fetched, page by page, and stored with
 * the payout's id, ready for reconciliation.
 */
export async function applyStripePayout(container: MedusaContainer, type: string, payout: Record<string, any>, eventCreated: number): Promise<Outcome> {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const currency = String(payout.currency).toLowerCase()
  const stored = await billing.upsertStripePayout({
    external_id: payout.id,
    currency_code: currency,
    amount: fromMinorUnits(payout.amount, currency),
    status: payout.status,
    arrival_date: payout.arrival_date ? new Date(payout.arrival_date * 1000) : null,
    failure_code: payout.failure_code ?? null,
    failure_message: payout.failure_message ?? null,
    event_created_at: new Date(eventCreated * 1000),
  })
  if (!(type === "payout.paid" || type === "payout.reconciliation_completed")) {
    return { status: "processed", detail: `payout ${stored.status}` }
  }
  const stripe = requireStripe()
  const rows: ReturnType<typeof balanceRow>[] = []
  await stripe.balanceTransactions.list({ payout: payout.id, limit: 100, expand: ["data.source"] }).autoPagingEach(async (txn) => {
    rows.push(balanceRow(txn, { payout_id: payout.id }))
  })
  await billing.upsertStripeBalanceTransactions(rows)
  await billing.updateStripePayouts({ id: stored.id, transactions_fetched_at: new Date(), transaction_count: rows.length } as any)
  return { status: "processed", detail: `payout ${stored.status}, ${rows.length} balance transactions` }
}

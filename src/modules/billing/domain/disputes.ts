import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { Amount, fromMinorUnits, roundAmount } from "./money"

/**
 * Disputes (chargebacks) as plain data. Every event about a dispute carries the whole dispute with
 * the balance transactions Stripe made for it so far: at most one withdrawal (negative) and one
 * reinstatement (positive), each with the dispute fee or its return in `fee`. Billing keeps the
 * union of all transactions it has seen, so whichever event comes first, the amounts end the same.
 */

/** A dispute's balance transaction, in minor units of the balance's currency. */
export type DisputeTransaction = { id: string; amount: number; fee: number; currency: string; created: number }

export type DisputeOutcome = "open" | "won" | "lost"

/** Stripe's statuses that end a dispute, with what they mean for the invoice. */
const CLOSED: Record<string, DisputeOutcome> = { won: "won", lost: "lost", warning_closed: "won", prevented: "won" }

/** open, won or lost: `warning_closed` (an inquiry closed without a chargeback) ends like a win. */
export function disputeOutcome(status: string): DisputeOutcome {
  return CLOSED[status] ?? "open"
}

/**
 * Whether an event's status replaces the stored one: the newest event wins; at the same second a
 * closing status wins over an open one, so a dispute never reopens by the order of delivery.
 */
export function isNewerDisputeStatus(stored: { status: string; at: Date }, incoming: { status: string; at: Date }) {
  const diff = incoming.at.getTime() - stored.at.getTime()
  if (diff !== 0) return diff > 0
  return disputeOutcome(stored.status) === "open" && disputeOutcome(incoming.status) !== "open"
}

/** The union of stored and incoming transactions, by id. */
export function mergeDisputeTransactions(
  stored: Record<string, DisputeTransaction> | null | undefined,
  incoming: DisputeTransaction[]
): Record<string, DisputeTransaction> {
  const merged = { ...(stored ?? {}) }
  for (const txn of incoming) merged[txn.id] = txn
  return merged
}

/**
 * What the transactions moved, in major units of the dispute's (the payment's) currency: funds
 * withdrawn and reinstated, with the dates of the first of each, and the net fee in the balance's
 * currency. A balance in another currency than the charge gives the disputed amount for the
 * withdrawal, and the reinstated share of it, rounded to the currency.
 */
export function disputeMovements(
  dispute: { amount: number; currency: string },
  transactions: Record<string, DisputeTransaction>
) {
  const currency = dispute.currency.toLowerCase()
  const txns = Object.values(transactions).sort((a, b) => a.created - b.created || a.id.localeCompare(b.id))
  const out = txns.filter((t) => t.amount < 0)
  const back = txns.filter((t) => t.amount > 0)
  const sameCurrency = txns.every((t) => t.currency.toLowerCase() === currency)
  const minor = (list: DisputeTransaction[]) => list.reduce((sum, t) => sum + Math.abs(t.amount), 0)
  let withdrawn: Amount = MathBN.convert(0)
  let reinstated: Amount = MathBN.convert(0)
  if (sameCurrency) {
    withdrawn = MathBN.convert(fromMinorUnits(minor(out), currency))
    reinstated = MathBN.convert(fromMinorUnits(minor(back), currency))
  } else if (out.length) {
    withdrawn = MathBN.convert(fromMinorUnits(dispute.amount, currency))
    const share = minor(out) ? MathBN.div(minor(back), minor(out)) : MathBN.convert(0)
    reinstated = MathBN.min(withdrawn, roundAmount(MathBN.mult(withdrawn, share), currency))
  }
  const feeCurrency = txns[0]?.currency.toLowerCase() ?? null
  const fee = feeCurrency ? MathBN.convert(fromMinorUnits(txns.reduce((sum, t) => sum + (t.fee ?? 0), 0), feeCurrency)).toString() : "0"
  return {
    withdrawn,
    reinstated,
    withdrawn_at: out[0] ? new Date(out[0].created * 1000) : null,
    reinstated_at: back[0] ? new Date(back[0].created * 1000) : null,
    fee,
    fee_currency_code: feeCurrency,
  }
}

/**
 * The amounts billing applies, given what the payment can still lose: a withdrawal never takes
 * more than the payment holds (received, less refunds and other disputes), and never less than
 * was applied before; a reinstatement never gives back more than was withdrawn.
 */
export function disputeTargets(
  applied: { withdrawn: BigNumberInput; reinstated: BigNumberInput },
  moved: { withdrawn: BigNumberInput; reinstated: BigNumberInput },
  paymentHolds: BigNumberInput
) {
  const withdrawn = MathBN.max(applied.withdrawn, MathBN.min(moved.withdrawn, MathBN.add(applied.withdrawn, MathBN.max(0, paymentHolds))))
  const reinstated = MathBN.max(applied.reinstated, MathBN.min(moved.reinstated, withdrawn))
  return { withdrawn, reinstated }
}

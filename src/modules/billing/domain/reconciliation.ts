import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { roundAmount, sumAmounts } from "./money"

/**
 * What reconciliation runs find, as plain data: matches (two records that agree) and exceptions
 * (a difference, with the amounts expected and found), and how each kind of exception can be
 * resolved. The runs themselves read and write the database; the rules are here.
 */

export type Links = Record<string, string | null | undefined>

export type FoundMatch = {
  key: string
  source_type: string
  source_id: string
  target_type: string
  target_id: string
  currency_code: string | null
  amount: string
}

export type FoundException = {
  key: string
  type: ExceptionType
  currency_code: string | null
  expected_amount: string | null
  actual_amount: string | null
  difference: string | null
  description: string
  links: Links
}

/** Every kind of exception, with the actions that resolve it (besides "explain", always possible). */
export const EXCEPTION_TYPES = {
  // Stripe payouts
  stripe_line_unrecorded: ["link"],
  stripe_amount_mismatch: [],
  stripe_fee_mismatch: [],
  stripe_line_unclassified: [],
  payout_total_mismatch: [],
  payment_without_stripe_line: [],
  // Orders ↔ invoices ↔ payments
  order_not_invoiced: ["create_invoice"],
  order_invoice_mismatch: ["create_invoice"],
  invoice_paid_mismatch: [],
  capture_not_recorded: ["record_payment"],
  capture_amount_mismatch: [],
  payment_without_capture: [],
  refund_not_recorded: ["record_payment"],
  refund_without_medusa_refund: [],
  // Bank statements
  bank_line_unmatched: ["record_payment", "link"],
  bank_amount_difference: ["write_off"],
  bank_overpayment: [],
} as const satisfies Record<string, readonly string[]>

export type ExceptionType = keyof typeof EXCEPTION_TYPES
export const RESOLUTION_ACTIONS = ["create_invoice", "record_payment", "link", "write_off", "explain"] as const
export type ResolutionAction = (typeof RESOLUTION_ACTIONS)[number]

/** The actions an exception of this type can be resolved with. */
export function resolutionsFor(type: string): ResolutionAction[] {
  const specific = (EXCEPTION_TYPES as Record<string, readonly ResolutionAction[]>)[type] ?? []
  return [...specific, "explain"]
}

const text = (v: BigNumberInput) => MathBN.convert(v).toString()
const minus = (a: BigNumberInput, b: BigNumberInput) => MathBN.sub(a, b).toString()

/** A Stripe balance transaction with the billing record its ids lead to, if any. */
export type StripeLine = {
  id: string
  external_id: string
  type: string
  source_id: string | null
  currency_code: string
  amount: string
  fee: string
  net: string
  payout_id: string | null
  reported: { amount?: string; fee?: string; net?: string } | null
  payment_id: string | null
  payment_amount: string | null
  payment_currency: string | null
  refund_id: string | null
  refund_amount: string | null
  /** Billing recorded the refund as failed (its `canceled_at`). */
  refund_canceled?: boolean | null
  dispute_id: string | null
  dispute_amount: string | null
}

const CHARGE_TYPES = new Set(["charge", "payment"])
const REFUND_TYPES = new Set(["refund", "payment_refund", "payment_failure_refund"])
const DISPUTE_TYPES = new Set(["dispute", "dispute_reversal", "adjustment"])

/**
 * Compares one balance transaction of a payout with its record: a charge with the payment, a
 * refund with the refund (Stripe shows it negative), a dispute with the dispute's withdrawal or
 * reinstatement. Amounts are compared when both are in the same currency (a charge settled in
 * another currency carries an exchange rate instead). Fees: what Stripe reported later against
 * what was recorded, and gross − fee = net.
 */
export function compareStripeLine(line: StripeLine): { match?: FoundMatch; exceptions: FoundException[] } {
  const links: Links = { balance_transaction_id: line.external_id, payout_id: line.payout_id, source_id: line.source_id }
  const exceptions: FoundException[] = []
  const base = { currency_code: line.currency_code }
  let target: { type: string; id: string; amount: string | null; currency: string | null; signed: string } | null = null
  if (CHARGE_TYPES.has(line.type)) {
    if (line.payment_id) target = { type: "payment", id: line.payment_id, amount: line.payment_amount, currency: line.payment_currency, signed: line.amount }
  } else if (REFUND_TYPES.has(line.type)) {
    if (line.refund_id) target = { type: "refund", id: line.refund_id, amount: line.refund_amount, currency: line.payment_currency, signed: MathBN.mult(line.amount, -1).toString() }
  } else if (line.type === "refund_failure") {
    // The money of a failed refund back in the balance: billing should have that refund as failed.
    if (line.refund_id) {
      target = { type: "refund", id: line.refund_id, amount: line.refund_canceled ? line.refund_amount : "0", currency: line.payment_currency, signed: line.amount }
    }
  } else if (DISPUTE_TYPES.has(line.type)) {
    if (line.dispute_id) target = { type: "dispute", id: line.dispute_id, amount: line.dispute_amount, currency: line.payment_currency, signed: MathBN.abs(line.amount).toString() }
  } else {
    exceptions.push({
      key: `unclassified:${line.external_id}`,
      type: "stripe_line_unclassified",
      ...base,
      expected_amount: null,
      actual_amount: text(line.net),
      difference: null,
      description: `Stripe ${line.type} ${line.external_id} (${text(line.net)} ${line.currency_code.toUpperCase()}) is not a payment, refund or dispute: book or explain it.`,
      links,
    })
    return { exceptions }
  }
  if (!target) {
    exceptions.push({
      key: `unrecorded:${line.external_id}`,
      type: "stripe_line_unrecorded",
      ...base,
      expected_amount: null,
      actual_amount: text(line.amount),
      difference: text(line.amount),
      description: `Stripe ${line.type} ${line.source_id ?? line.external_id} (${text(line.amount)} ${line.currency_code.toUpperCase()}) has no ${CHARGE_TYPES.has(line.type) ? "payment" : DISPUTE_TYPES.has(line.type) ? "dispute" : "refund"} in billing.`,
      links,
    })
    return { exceptions }
  }
  const targetLinks = { ...links, [`${target.type}_id`]: target.id }
  if (target.amount !== null && target.currency === line.currency_code && !MathBN.eq(target.amount, target.signed)) {
    exceptions.push({
      key: `amount:${line.external_id}`,
      type: "stripe_amount_mismatch",
      ...base,
      expected_amount: text(target.amount),
      actual_amount: text(target.signed),
      difference: minus(target.signed, target.amount),
      description: `Stripe moved ${text(target.signed)} for ${line.source_id ?? line.external_id}; billing recorded ${text(target.amount)}.`,
      links: targetLinks,
    })
  }
  const reportedFee = line.reported?.fee
  const netOff = !MathBN.eq(MathBN.sub(line.amount, line.fee), line.net)
  if ((reportedFee !== undefined && !MathBN.eq(reportedFee, line.fee)) || netOff) {
    const actual = reportedFee ?? minus(line.amount, line.net)
    exceptions.push({
      key: `fee:${line.external_id}`,
      type: "stripe_fee_mismatch",
      ...base,
      expected_amount: text(line.fee),
      actual_amount: text(actual),
      difference: minus(actual, line.fee),
      description: `Stripe's fee for ${line.source_id ?? line.external_id} is ${text(actual)}, recorded ${text(line.fee)}.`,
      links: targetLinks,
    })
  }
  return {
    match: {
      key: `txn:${line.external_id}`,
      source_type: "stripe_balance_transaction",
      source_id: line.id,
      target_type: target.type,
      target_id: target.id,
      currency_code: line.currency_code,
      amount: text(line.amount),
    },
    exceptions,
  }
}

/** The payout's amount against the sum of the net of its balance transactions (the payout line itself aside). */
export function comparePayoutTotal(
  payout: { external_id: string; amount: string; currency_code: string },
  lines: { type: string; net: string; reported?: { net?: string } | null }[]
): FoundException | null {
  // Stripe's figures as it reports them now (a fee changed later changes the net it pays out).
  const sum = sumAmounts(lines.filter((l) => l.type !== "payout").map((l) => l.reported?.net ?? l.net))
  if (MathBN.eq(sum, payout.amount)) return null
  return {
    key: `payout_total:${payout.external_id}`,
    type: "payout_total_mismatch",
    currency_code: payout.currency_code,
    expected_amount: text(payout.amount),
    actual_amount: sum.toString(),
    difference: minus(sum, payout.amount),
    description: `Payout ${payout.external_id} paid ${text(payout.amount)} ${payout.currency_code.toUpperCase()}; its ${lines.length} balance transactions add up to ${sum.toString()}.`,
    links: { payout_id: payout.external_id },
  }
}

/** An order as Medusa has it, for the three-way run. */
export type OrderFacts = {
  id: string
  display_id: number | null
  currency_code: string
  /** What the order's documents should add up to now: its total after changes (0 when canceled), rounded as documents are. */
  expected_total: string
  /** The order has not reached the store's invoice trigger yet (see `awaitsInvoiceTrigger`): no invoice is expected. */
  awaiting_invoice?: boolean
  captures: { id: string; amount: string; created_by?: string | null }[]
  refunds: { id: string; amount: string }[]
}

/**
 * Whether an order has not reached the store's invoice trigger yet, so that no invoice is expected:
 * nothing fulfilled when the store invoices on first fulfillment, less captured than its total
 * when it invoices once fully paid. On "order placed", and on "manual only" (the merchant owes
 * those invoices), every order expects one.
 */
export function awaitsInvoiceTrigger(trigger: string, order: { fulfilled: boolean; captured: BigNumberInput; total: BigNumberInput }): boolean {
  if (trigger === "first_fulfillment") return !order.fulfilled
  if (trigger === "fully_paid") return MathBN.lt(order.captured, order.total)
  return false
}

/** The billing side of an order. */
export type OrderBilling = {
  invoices: { id: string; number: string | null; type: string; origin: string; total: string; amount_paid: string; allocated: string }[]
  payments: { id: string; external_id: string | null; source: string; amount: string }[]
  refunds: { id: string; payment_id: string; external_id: string | null; source: string; amount: string }[]
}

/**
 * The three-way comparison of one order: its documents (invoices − credit notes = its total
 * now), each invoice's paid amount against its allocations, each Medusa capture and refund
 * against its billing payment and refund, and the reverse.
 */
export function compareOrder(order: OrderFacts, billing: OrderBilling): { matches: FoundMatch[]; exceptions: FoundException[] } {
  const matches: FoundMatch[] = []
  const exceptions: FoundException[] = []
  const currency = order.currency_code
  const name = order.display_id ? `Order #${order.display_id}` : `Order ${order.id}`
  const orderLinks = { order_id: order.id }
  const invoices = billing.invoices.filter((i) => i.type === "invoice")
  const creditNotes = billing.invoices.filter((i) => i.type === "credit_note")
  const documented = MathBN.sub(sumAmounts(invoices.map((i) => i.total)), sumAmounts(creditNotes.map((i) => i.total)))
  const expected = roundAmount(order.expected_total, currency)
  const main = invoices.find((i) => i.origin === "order") ?? invoices[0]
  if (!invoices.length) {
    if (!MathBN.eq(expected, 0) && !order.awaiting_invoice) {
      exceptions.push({
        key: `order_not_invoiced:${order.id}`,
        type: "order_not_invoiced",
        currency_code: currency,
        expected_amount: expected.toString(),
        actual_amount: "0",
        difference: MathBN.mult(expected, -1).toString(),
        description: `${name} (${expected.toString()} ${currency.toUpperCase()}) has no invoice.`,
        links: orderLinks,
      })
    }
  } else if (!MathBN.eq(documented, expected)) {
    exceptions.push({
      key: `order_invoice_mismatch:${order.id}`,
      type: "order_invoice_mismatch",
      currency_code: currency,
      expected_amount: expected.toString(),
      actual_amount: documented.toString(),
      difference: MathBN.sub(documented, expected).toString(),
      description: `${name} totals ${expected.toString()} ${currency.toUpperCase()}; its invoices less credit notes total ${documented.toString()}.`,
      links: { ...orderLinks, invoice_id: main?.id },
    })
  } else if (main) {
    matches.push({ key: `order:${order.id}`, source_type: "order", source_id: order.id, target_type: "invoice", target_id: main.id, currency_code: currency, amount: documented.toString() })
  }
  for (const invoice of invoices) {
    if (!MathBN.eq(invoice.amount_paid, invoice.allocated)) {
      exceptions.push({
        key: `invoice_paid_mismatch:${invoice.id}`,
        type: "invoice_paid_mismatch",
        currency_code: currency,
        expected_amount: text(invoice.allocated),
        actual_amount: text(invoice.amount_paid),
        difference: minus(invoice.amount_paid, invoice.allocated),
        description: `Invoice ${invoice.number ?? invoice.id} shows ${text(invoice.amount_paid)} paid; its allocations add up to ${text(invoice.allocated)}.`,
        links: { ...orderLinks, invoice_id: invoice.id },
      })
    }
  }
  const paymentsByExternal = new Map(billing.payments.filter((p) => p.external_id).map((p) => [p.external_id!, p]))
  const seenPayments = new Set<string>()
  for (const capture of order.captures) {
    // A capture billing asked Medusa for (an order marked paid) is the billing payment it names.
    const payment = paymentsByExternal.get(capture.id) ?? (capture.created_by?.startsWith("bpay_") ? billing.payments.find((p) => p.id === capture.created_by) : undefined)
    if (!payment) {
      exceptions.push({
        key: `capture_not_recorded:${capture.id}`,
        type: "capture_not_recorded",
        currency_code: currency,
        expected_amount: text(capture.amount),
        actual_amount: "0",
        difference: MathBN.mult(capture.amount, -1).toString(),
        description: `${name}: Medusa captured ${text(capture.amount)} ${currency.toUpperCase()} (${capture.id}); billing has no payment for it.`,
        links: { ...orderLinks, capture_id: capture.id },
      })
      continue
    }
    seenPayments.add(payment.id)
    if (!MathBN.eq(payment.amount, capture.amount)) {
      exceptions.push({
        key: `capture_amount_mismatch:${capture.id}`,
        type: "capture_amount_mismatch",
        currency_code: currency,
        expected_amount: text(capture.amount),
        actual_amount: text(payment.amount),
        difference: minus(payment.amount, capture.amount),
        description: `${name}: Medusa captured ${text(capture.amount)}; billing recorded ${text(payment.amount)}.`,
        links: { ...orderLinks, capture_id: capture.id, payment_id: payment.id },
      })
    } else {
      matches.push({ key: `capture:${capture.id}`, source_type: "medusa_capture", source_id: capture.id, target_type: "payment", target_id: payment.id, currency_code: currency, amount: text(capture.amount) })
    }
  }
  for (const payment of billing.payments) {
    if (payment.source === "medusa" && !seenPayments.has(payment.id)) {
      exceptions.push({
        key: `payment_without_capture:${payment.id}`,
        type: "payment_without_capture",
        currency_code: currency,
        expected_amount: "0",
        actual_amount: text(payment.amount),
        difference: text(payment.amount),
        description: `${name}: billing has a payment from Medusa (${payment.external_id}) that Medusa no longer shows as captured.`,
        links: { ...orderLinks, payment_id: payment.id },
      })
    }
  }
  const refundsByExternal = new Map(billing.refunds.filter((r) => r.external_id).map((r) => [r.external_id!, r]))
  const seenRefunds = new Set<string>()
  for (const refund of order.refunds) {
    const recorded = refundsByExternal.get(refund.id)
    if (!recorded) {
      exceptions.push({
        key: `refund_not_recorded:${refund.id}`,
        type: "refund_not_recorded",
        currency_code: currency,
        expected_amount: text(refund.amount),
        actual_amount: "0",
        difference: MathBN.mult(refund.amount, -1).toString(),
        description: `${name}: Medusa refunded ${text(refund.amount)} ${currency.toUpperCase()} (${refund.id}); billing has no refund for it.`,
        links: { ...orderLinks, medusa_refund_id: refund.id },
      })
      continue
    }
    seenRefunds.add(recorded.id)
    matches.push({ key: `refund:${refund.id}`, source_type: "medusa_refund", source_id: refund.id, target_type: "refund", target_id: recorded.id, currency_code: currency, amount: text(refund.amount) })
  }
  for (const refund of billing.refunds) {
    if (refund.source === "medusa" && !seenRefunds.has(refund.id)) {
      exceptions.push({
        key: `refund_without_medusa_refund:${refund.id}`,
        type: "refund_without_medusa_refund",
        currency_code: currency,
        expected_amount: "0",
        actual_amount: text(refund.amount),
        difference: text(refund.amount),
        description: `${name}: billing has a refund from Medusa (${refund.external_id}) that Medusa does not show.`,
        links: { ...orderLinks, refund_id: refund.id, payment_id: refund.payment_id },
      })
    }
  }
  return { matches, exceptions }
}

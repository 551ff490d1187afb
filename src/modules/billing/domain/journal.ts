import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { toCsv } from "../documents/xlsx"
import { AccountCodes, AccountRole, writeOffAccount } from "./accounts"
import type { Amount } from "./money"

/**
 * The journal: every fact of the books as a balanced double entry, in the merchant's account
 * codes. Receivable lines follow exactly the facts of the customer ledger (utils/receivable.ts),
 * with the same amounts and dates, so the receivable account of the journal always equals the
 * sum of the customers' balances. Amounts are exact decimals in major units, as text.
 */

export type JournalLine = {
  account: string
  role: AccountRole
  debit: string
  credit: string
  description?: string
}

export type JournalEntryType =
  | "invoice"
  | "invoice_void"
  | "credit_note"
  | "payment"
  | "refund"
  | "refund_failed"
  | "dispute_withdrawn"
  | "dispute_reinstated"
  | "dispute_fee"
  | "stripe_fee"
  | "payout"
  | "write_off"

export type JournalEntry = {
  /** Stable across exports: the kind of fact and the id of what it books ("invoice:inv_…", "stripe_fee:txn_…"). */
  id: string
  date: string
  type: JournalEntryType
  /** The document people know it by: invoice, credit note or receipt number, Stripe id. */
  reference: string | null
  description: string
  currency_code: string
  customer_id: string | null
  source_type: string
  source_id: string
  lines: JournalLine[]
}

type Day = Date | string
type TaxSummary = { code: string | null; rate: string; amount: string }[] | null

/** An issued invoice or credit note, or the void of an invoice: the document's totals. */
export type DocumentFact = {
  id: string
  number: string | null
  customer_id: string | null
  currency_code: string
  total: BigNumberInput
  tax_total: BigNumberInput
  shipping_total: BigNumberInput
  rounding_total: BigNumberInput
  tax_summary?: TaxSummary
  order_display_id?: number | null
  reason?: string | null
}

/** Where the money of a payment is: its collection account, or what its source says. */
export type MoneyAccount = {
  /** The collection account's own journal code, if it has one. */
  account_code?: string | null
  account_type?: string | null
  source?: string | null
  stripe_payment_intent_id?: string | null
  /** A Stripe collection account's own code in the payment's currency: where Stripe money without an account lands. */
  stripe_account_code?: string | null
}

export type JournalFact =
  | ({ kind: "invoice"; date: Day } & DocumentFact)
  | ({ kind: "credit_note"; date: Day; original_number?: string | null } & DocumentFact)
  | ({ kind: "invoice_void"; date: Day; amount_credited: BigNumberInput; amount_written_off: BigNumberInput } & DocumentFact)
  | ({
      kind: "payment"
      date: Day
      id: string
      receipt_number: string | null
      customer_id: string | null
      currency_code: string
      amount: BigNumberInput
      method?: string | null
      reference?: string | null
    } & MoneyAccount)
  | ({
      /** A refund, or its failure (the money came back: the refund's lines reversed, on the day it failed). */
      kind: "refund" | "refund_failed"
      date: Day
      id: string
      payment_id: string
      receipt_number: string | null
      customer_id: string | null
      currency_code: string
      amount: BigNumberInput
      reason?: string | null
    } & MoneyAccount)
  | ({
      kind: "dispute_withdrawn" | "dispute_reinstated"
      date: Day
      id: string
      external_id: string
      receipt_number: string | null
      customer_id: string | null
      currency_code: string
      amount: BigNumberInput
      reason?: string | null
    } & MoneyAccount)
  | {
      kind: "dispute_fee"
      date: Day
      id: string
      external_id: string
      customer_id: string | null
      /** The Stripe balance's currency, which the fee is charged in. */
      currency_code: string
      fee: BigNumberInput
      stripe_account_code?: string | null
    }
  | {
      kind: "stripe_fee"
      date: Day
      id: string
      external_id: string
      type: string
      source_id?: string | null
      currency_code: string
      fee: BigNumberInput
      stripe_account_code?: string | null
    }
  | {
      kind: "payout"
      date: Day
      id: string
      external_id: string
      currency_code: string
      amount: BigNumberInput
      /** The journal code of the bank account it arrives on (a bank collection account in its currency). */
      bank_account_code?: string | null
      stripe_account_code?: string | null
    }
  | {
      kind: "write_off"
      date: Day
      id: string
      invoice_id: string
      invoice_number: string | null
      customer_id: string | null
      currency_code: string
      amount: BigNumberInput
      reason: string
      note?: string | null
    }

const ZERO = MathBN.convert(0)
/** Plain decimal text, never exponent notation (bignumber.js switches to it past 1e21). */
const text = (value: BigNumberInput | Amount) => MathBN.convert(value).toFixed()
const iso = (date: Day) => new Date(date).toISOString()

/**
 * A line booking `amount` on the debit side; a negative amount is a credit of its opposite
 * (a negative rounding, a negative payout). Zero lines are dropped by `entry`.
 */
const debit = (account: string, role: AccountRole, amount: BigNumberInput | Amount, description?: string): JournalLine => {
  const value = MathBN.convert(amount)
  return MathBN.lt(value, 0)
    ? { account, role, debit: "0", credit: text(MathBN.mult(value, -1)), ...(description ? { description } : {}) }
    : { account, role, debit: text(value), credit: "0", ...(description ? { description } : {}) }
}
const credit = (account: string, role: AccountRole, amount: BigNumberInput | Amount, description?: string) =>
  debit(account, role, MathBN.mult(MathBN.convert(amount), -1), description)
/** The same line on the other side: how a credit note mirrors an invoice and a void reverses it. */
const reverse = (line: JournalLine): JournalLine => ({ ...line, debit: line.credit, credit: line.debit })

function entry(head: Omit<JournalEntry, "lines">, lines: JournalLine[]): JournalEntry | null {
  const kept = lines.filter((l) => !(MathBN.eq(l.debit, 0) && MathBN.eq(l.credit, 0)))
  return kept.length ? { ...head, lines: kept } : null
}

/**
 * The credit side of an invoice: revenue, shipping, output tax (per tax code when the summary
 * adds up to the tax total) and rounding. Revenue is what remains of the total, so the entry
 * always balances to the document's total, discounts included.
 */
function invoiceCreditLines(doc: DocumentFact, codes: AccountCodes): JournalLine[] {
  const revenue = MathBN.sub(MathBN.sub(MathBN.sub(doc.total, doc.tax_total), doc.shipping_total), doc.rounding_total)
  const summary = (doc.tax_summary ?? []).filter((t) => !MathBN.eq(t.amount ?? 0, 0))
  const summaryTotal = summary.reduce((sum, t) => MathBN.add(sum, t.amount), ZERO)
  const taxLines =
    summary.length > 0 && MathBN.eq(summaryTotal, doc.tax_total)
      ? summary.map((t) => credit(codes.tax, "tax", t.amount, [t.code, `${t.rate} %`].filter(Boolean).join(" ")))
      : [credit(codes.tax, "tax", doc.tax_total)]
  return [
    credit(codes.revenue, "revenue", revenue),
    credit(codes.shipping, "shipping", doc.shipping_total),
    ...taxLines,
    credit(codes.rounding, "rounding", doc.rounding_total),
  ]
}

/** The account money of a payment is on: its collection account's code, the Stripe balance, or cash. */
export function moneyAccount(payment: MoneyAccount, codes: AccountCodes): { account: string; role: AccountRole } {
  const viaStripe = payment.account_type === "stripe" || payment.source === "stripe" || !!payment.stripe_payment_intent_id
  const role: AccountRole = viaStripe ? "stripe_clearing" : "cash"
  // Fees and payouts book the Stripe balance the same way, so its account nets to what Stripe holds.
  return { account: payment.account_code || (viaStripe && payment.stripe_account_code) || codes[role], role }
}

/** The account of the Stripe balance: a Stripe collection account's own code, else the clearing account. */
const stripeAccount = (code: string | null | undefined, codes: AccountCodes) => code || codes.stripe_clearing

/** One fact as its journal entry; null when it moves nothing (all amounts zero). */
export function journalEntry(fact: JournalFact, codes: AccountCodes): JournalEntry | null {
  const date = iso(fact.date)
  switch (fact.kind) {
    case "invoice": {
      const order = fact.order_display_id != null ? ` · order #${fact.order_display_id}` : ""
      return entry(
        {
          id: `invoice:${fact.id}`, date, type: "invoice", reference: fact.number, description: `Invoice ${fact.number ?? fact.id}${order}`,
          currency_code: fact.currency_code, customer_id: fact.customer_id, source_type: "invoice", source_id: fact.id,
        },
        [debit(codes.receivable, "receivable", fact.total), ...invoiceCreditLines(fact, codes)]
      )
    }
    case "credit_note": {
      const of = fact.original_number ? ` for ${fact.original_number}` : ""
      return entry(
        {
          id: `credit_note:${fact.id}`, date, type: "credit_note", reference: fact.number,
          description: [`Credit note ${fact.number ?? fact.id}${of}`, fact.reason].filter(Boolean).join(" · "),
          currency_code: fact.currency_code, customer_id: fact.customer_id, source_type: "invoice", source_id: fact.id,
        },
        // The mirror of an invoice: revenue, shipping and tax given back, the receivable lowered.
        [...invoiceCreditLines(fact, codes).map(reverse), credit(codes.receivable, "receivable", fact.total)]
      )
    }
    case "invoice_void": {
      // The ledger credits what the void cancels: the total less what credit notes and write-offs
      // already took off (they booked their own reversal and expense).
      const remaining = MathBN.sub(MathBN.sub(fact.total, fact.amount_credited), fact.amount_written_off)
      const untouched = MathBN.eq(fact.amount_credited, 0) && MathBN.eq(fact.amount_written_off, 0)
      // Untouched, a void is the exact reverse of its invoice. Once partly credited or written off,
      // which share of the rest is tax or shipping is no longer known for sure: the remaining
      // amount is reversed against revenue only, which keeps the receivable exact.
      const lines = untouched ? invoiceCreditLines(fact, codes).map(reverse) : [debit(codes.revenue, "revenue", remaining)]
      return entry(
        {
          id: `invoice_void:${fact.id}`, date, type: "invoice_void", reference: fact.number,
          description: [`Void of invoice ${fact.number ?? fact.id}`, fact.reason].filter(Boolean).join(" · "),
          currency_code: fact.currency_code, customer_id: fact.customer_id, source_type: "invoice", source_id: fact.id,
        },
        [...lines, credit(codes.receivable, "receivable", remaining)]
      )
    }
    case "payment": {
      const money = moneyAccount(fact, codes)
      return entry(
        {
          id: `payment:${fact.id}`, date, type: "payment", reference: fact.receipt_number,
          description: [`Payment ${fact.receipt_number ?? fact.id}`, fact.method, fact.reference].filter(Boolean).join(" · "),
          currency_code: fact.currency_code, customer_id: fact.customer_id, source_type: "payment", source_id: fact.id,
        },
        [debit(money.account, money.role, fact.amount), credit(codes.receivable, "receivable", fact.amount)]
      )
    }
    case "refund":
    case "refund_failed": {
      // The money leaves the account the payment arrived on; a failed refund brings it back.
      const money = moneyAccount(fact, codes)
      const lines = [debit(codes.receivable, "receivable", fact.amount), credit(money.account, money.role, fact.amount)]
      const failed = fact.kind === "refund_failed"
      return entry(
        {
          id: `${fact.kind}:${fact.id}`, date, type: fact.kind, reference: fact.receipt_number,
          description: [`${failed ? "Failed refund" : "Refund"} of payment ${fact.receipt_number ?? fact.payment_id}`, fact.reason].filter(Boolean).join(" · "),
          currency_code: fact.currency_code, customer_id: fact.customer_id, source_type: "payment_refund", source_id: fact.id,
        },
        failed ? lines.map(reverse) : lines
      )
    }
    case "dispute_withdrawn":
    case "dispute_reinstated": {
      // Disputes are Stripe's: the funds leave (and come back to) the Stripe balance.
      const money = moneyAccount(fact, codes)
      const stripe = money.role === "stripe_clearing" ? money.account : stripeAccount(fact.stripe_account_code, codes)
      const withdrawn = fact.kind === "dispute_withdrawn"
      const lines = [debit(codes.receivable, "receivable", fact.amount), credit(stripe, "stripe_clearing", fact.amount)]
      return entry(
        {
          id: `${fact.kind}:${fact.id}`, date, type: fact.kind, reference: fact.external_id,
          description: [
            `${withdrawn ? "Chargeback" : "Chargeback reversed"} on payment ${fact.receipt_number ?? ""}`.trim(),
            fact.reason,
          ].filter(Boolean).join(" · "),
          currency_code: fact.currency_code, customer_id: fact.customer_id, source_type: "payment_dispute", source_id: fact.id,
        },
        withdrawn ? lines : lines.map(reverse)
      )
    }
    case "dispute_fee":
      // Booked from the dispute (net of any fee Stripe returned), never from its balance transactions.
      return entry(
        {
          id: `dispute_fee:${fact.id}`, date, type: "dispute_fee", reference: fact.external_id, description: `Stripe dispute fee ${fact.external_id}`,
          currency_code: fact.currency_code, customer_id: fact.customer_id, source_type: "payment_dispute", source_id: fact.id,
        },
        [debit(codes.stripe_fees, "stripe_fees", fact.fee), credit(stripeAccount(fact.stripe_account_code, codes), "stripe_clearing", fact.fee)]
      )
    case "stripe_fee":
      return entry(
        {
          id: `stripe_fee:${fact.external_id}`, date, type: "stripe_fee", reference: fact.source_id || fact.external_id,
          description: `Stripe fee ${fact.external_id}${fact.source_id ? ` (${fact.type} ${fact.source_id})` : ""}`,
          currency_code: fact.currency_code, customer_id: null, source_type: "stripe_balance_transaction", source_id: fact.id,
        },
        [debit(codes.stripe_fees, "stripe_fees", fact.fee), credit(stripeAccount(fact.stripe_account_code, codes), "stripe_clearing", fact.fee)]
      )
    case "payout":
      return entry(
        {
          id: `payout:${fact.external_id}`, date, type: "payout", reference: fact.external_id, description: `Stripe payout ${fact.external_id}`,
          currency_code: fact.currency_code, customer_id: null, source_type: "stripe_payout", source_id: fact.id,
        },
        [debit(fact.bank_account_code || codes.cash, "cash", fact.amount), credit(stripeAccount(fact.stripe_account_code, codes), "stripe_clearing", fact.amount)]
      )
    case "write_off": {
      const role = writeOffAccount(fact.reason)
      return entry(
        {
          id: `write_off:${fact.id}`, date, type: "write_off", reference: fact.invoice_number,
          description: [`Write-off on invoice ${fact.invoice_number ?? fact.invoice_id}`, fact.reason, fact.note].filter(Boolean).join(" · "),
          currency_code: fact.currency_code, customer_id: fact.customer_id, source_type: "write_off", source_id: fact.id,
        },
        [debit(codes[role], role, fact.amount), credit(codes.receivable, "receivable", fact.amount)]
      )
    }
  }
}

/** The journal of a set of facts: one entry per fact that moves money, by date, then id. */
export function buildJournal(facts: JournalFact[], codes: AccountCodes): JournalEntry[] {
  return facts
    .map((fact) => journalEntry(fact, codes))
    .filter((e): e is JournalEntry => e !== null)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** Debits minus credits of an entry (zero when it balances). */
export function entryDifference(entry: Pick<JournalEntry, "lines">): Amount {
  return entry.lines.reduce((sum, l) => MathBN.add(sum, MathBN.sub(l.debit, l.credit)), ZERO)
}

export const isBalanced = (entry: Pick<JournalEntry, "lines">) => MathBN.eq(entryDifference(entry), 0)

export type AccountTotal = { account: string; currency_code: string; debit: string; credit: string }

/** Debits and credits per account and currency, ordered by account then currency. */
export function totalsByAccount(entries: JournalEntry[]): AccountTotal[] {
  const totals = new Map<string, { account: string; currency_code: string; debit: Amount; credit: Amount }>()
  for (const e of entries) {
    for (const l of e.lines) {
      const key = `${l.account}\u0000${e.currency_code}`
      const t = totals.get(key) ?? { account: l.account, currency_code: e.currency_code, debit: ZERO, credit: ZERO }
      totals.set(key, { ...t, debit: MathBN.add(t.debit, l.debit), credit: MathBN.add(t.credit, l.credit) })
    }
  }
  return [...totals.values()]
    .sort((a, b) => a.account.localeCompare(b.account) || a.currency_code.localeCompare(b.currency_code))
    .map((t) => ({ ...t, debit: text(t.debit), credit: text(t.credit) }))
}

export type ReceivableTotal = { currency_code: string; opening: string; debit: string; credit: string; closing: string }

/** The receivable's balance per currency after these entries (debits − credits of their receivable lines). */
export function receivableBalances(entries: JournalEntry[]): { currency_code: string; balance: string }[] {
  const balances = new Map<string, Amount>()
  for (const e of entries) {
    for (const l of e.lines.filter((l) => l.role === "receivable")) {
      balances.set(e.currency_code, MathBN.add(balances.get(e.currency_code) ?? ZERO, MathBN.sub(l.debit, l.credit)))
    }
  }
  return [...balances.entries()].map(([currency_code, balance]) => ({ currency_code, balance: text(balance) }))
}

/**
 * The receivable per currency over a period: its balance at the start (`opening`, e.g. the sum of
 * the customers' ledgers then), the period's debits and credits, and the closing balance.
 */
export function receivableTotals(opening: { currency_code: string; balance: string }[], period: JournalEntry[]): ReceivableTotal[] {
  const totals = new Map<string, { opening: Amount; debit: Amount; credit: Amount }>()
  const at = (currency: string) => totals.get(currency) ?? { opening: ZERO, debit: ZERO, credit: ZERO }
  for (const o of opening) {
    totals.set(o.currency_code, { ...at(o.currency_code), opening: MathBN.convert(o.balance) })
  }
  for (const e of period) {
    for (const l of e.lines.filter((l) => l.role === "receivable")) {
      const t = at(e.currency_code)
      totals.set(e.currency_code, { ...t, debit: MathBN.add(t.debit, l.debit), credit: MathBN.add(t.credit, l.credit) })
    }
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency_code, t]) => ({
      currency_code,
      opening: text(t.opening),
      debit: text(t.debit),
      credit: text(t.credit),
      closing: text(MathBN.sub(MathBN.add(t.opening, t.debit), t.credit)),
    }))
}

export const JOURNAL_COLUMNS = ["date", "entry_id", "type", "reference", "description", "currency", "account", "debit", "credit"]

/** One row per line: the entry's day, id, type, reference and description, and the line's account and amounts. */
export function journalRows(entries: JournalEntry[]): string[][] {
  return entries.flatMap((e) =>
    e.lines.map((l) => [
      e.date.slice(0, 10),
      e.id,
      e.type,
      e.reference ?? "",
      l.description ? `${e.description} · ${l.description}` : e.description,
      e.currency_code,
      l.account,
      l.debit,
      l.credit,
    ])
  )
}

/** The journal as CSV: a header row, then one row per line (RFC 4180, amounts as plain decimals). */
export function journalToCsv(entries: JournalEntry[]): string {
  return toCsv({ columns: JOURNAL_COLUMNS, rows: journalRows(entries) })
}

import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { sumAmounts } from "./money"

/**
 * Matching rules of reconciliation runs, over plain rows: tolerances, invoice references in bank
 * texts, and the plan that pairs bank lines with recorded payments and open invoices.
 */

export type Tolerances = {
  /** Absolute difference accepted, in the currency's major units. */
  amount_tolerance: number
  /** Difference accepted as a percentage of the expected amount. The larger of both applies. */
  amount_tolerance_percent: number
  /** Days a bank booking may be away from the payment's date. */
  date_tolerance_days: number
}

export const DEFAULT_TOLERANCES: Tolerances = { amount_tolerance: 0, amount_tolerance_percent: 0, date_tolerance_days: 3 }

export function tolerances(custom?: Partial<Tolerances> | null): Tolerances {
  const t = { ...DEFAULT_TOLERANCES }
  for (const key of Object.keys(DEFAULT_TOLERANCES) as (keyof Tolerances)[]) {
    if (custom?.[key] !== undefined && custom?.[key] !== null) t[key] = Number(custom[key])
  }
  return t
}

/** Whether `actual` is within the tolerance of `expected` (absolute or percent, whichever is larger). */
export function withinTolerance(expected: BigNumberInput, actual: BigNumberInput, t: Tolerances): boolean {
  const diff = MathBN.abs(MathBN.sub(actual, expected))
  const percent = MathBN.div(MathBN.mult(MathBN.abs(expected), t.amount_tolerance_percent), 100)
  return MathBN.lte(diff, MathBN.max(t.amount_tolerance, percent))
}

const DAY = 24 * 60 * 60 * 1000

/** Whole days between two dates (calendar days in UTC), whatever their order. */
export function daysApart(a: Date | string, b: Date | string): number {
  const day = (d: Date | string) => Math.floor(new Date(d).getTime() / DAY)
  return Math.abs(day(a) - day(b))
}

/** Letters and digits only, upper case: "inv-2026/000.12" → "INV202600012". */
export function normalizeReference(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, "")
}

/**
 * Finds known document numbers in free texts. Banks cut, join and reformat texts ("INV 2026
 * 000012", "Rg.INV-2026-000012/13"), so numbers are compared on their letters and digits only,
 * and a number is found only where it is not part of a longer number. All numbers are searched at
 * once (Aho–Corasick), so a text costs its length, not the count of open invoices.
 */
export class NumberFinder {
  private readonly next: Map<string, number>[] = [new Map()]
  private readonly fail: number[] = [0]
  /** The keys ending at each state (its own and those of its suffixes). */
  private readonly out: string[][] = [[]]

  constructor(private readonly numbers: Map<string, string>) {
    for (const key of numbers.keys()) {
      if (!key) continue
      let state = 0
      for (const c of key) {
        let to = this.next[state].get(c)
        if (to === undefined) {
          to = this.next.length
          this.next.push(new Map())
          this.fail.push(0)
          this.out.push([])
          this.next[state].set(c, to)
        }
        state = to
      }
      this.out[state].push(key)
    }
    const queue = [...this.next[0].values()]
    while (queue.length) {
      const state = queue.shift()!
      for (const [c, to] of this.next[state]) {
        let f = this.fail[state]
        while (f && !this.next[f].has(c)) f = this.fail[f]
        const target = this.next[f].get(c)
        this.fail[to] = target !== undefined && target !== to ? target : 0
        this.out[to] = [...this.out[to], ...this.out[this.fail[to]]]
        queue.push(to)
      }
    }
  }

  /** The numbers `text` names, in order of appearance, each once. */
  find(text: string | null | undefined): string[] {
    if (!text) return []
    const normalized = normalizeReference(text)
    const found: { at: number; number: string }[] = []
    const seen = new Set<string>()
    let state = 0
    for (let i = 0; i < normalized.length; i++) {
      const c = normalized[i]
      while (state && !this.next[state].has(c)) state = this.fail[state]
      state = this.next[state].get(c) ?? 0
      for (const key of this.out[state]) {
        const start = i - key.length + 1
        const before = normalized[start - 1]
        const after = normalized[i + 1]
        const partOfLonger = (/\d/.test(key[key.length - 1]) && after !== undefined && /\d/.test(after)) || (/\d/.test(key[0]) && before !== undefined && /\d/.test(before))
        const number = this.numbers.get(key)!
        if (!partOfLonger && !seen.has(number)) {
          seen.add(number)
          found.push({ at: start, number })
        }
      }
    }
    return found.sort((a, b) => a.at - b.at).map((f) => f.number)
  }
}

export type BankLine = {
  id: string
  booked_at: Date | string
  amount: BigNumberInput
  currency_code: string
  text: string
}

export type RecordedPayment = {
  id: string
  amount: BigNumberInput
  currency_code: string
  received_at: Date | string
  reference?: string | null
  receipt_number?: string | null
  /** Numbers of the invoices it is allocated to. */
  invoice_numbers?: string[]
}

export type OpenInvoice = {
  id: string
  number: string
  customer_id: string | null
  currency_code: string
  amount_due: BigNumberInput
}

export type BankMatch =
  /** The line is money already recorded as a payment. */
  | { kind: "payment"; line_id: string; payment_id: string; amount: string; difference: string }
  /** The line pays these invoices (by their numbers in its text): a payment is to be recorded. */
  | { kind: "invoices"; line_id: string; invoices: { invoice_id: string; amount: string }[]; expected: string; difference: string }

export type BankPlan = { matches: BankMatch[]; unmatched: string[] }

/**
 * Pairs incoming bank lines with what billing knows, in three passes:
 * 1. a recorded payment whose receipt number or reference the text names, same currency, amount
 *    within tolerance and date within the window;
 * 2. open invoices the text names by number: one line may pay several invoices (in text order,
 *    each taking what it owes; more than they owe stays the customer's credit), and several lines
 *    one invoice (each line takes what the invoice still owes after the lines before it);
 * 3. a single recorded payment of the same amount (within tolerance) and currency in the date
 *    window, when there is exactly one such candidate (never a guess between two).
 * Each payment is matched once. Lines left over are unmatched.
 */
export function planBankMatches(
  lines: BankLine[],
  payments: RecordedPayment[],
  invoices: OpenInvoice[],
  t: Tolerances
): BankPlan {
  const matches: BankMatch[] = []
  const unmatched: string[] = []
  const usedPayments = new Set<string>()
  const paymentKeys = new Map<string, string>()
  for (const p of payments) {
    for (const ref of [p.receipt_number, p.reference]) {
      if (ref && normalizeReference(ref).length >= 4) paymentKeys.set(normalizeReference(ref), p.id)
    }
  }
  const byId = new Map(payments.map((p) => [p.id, p]))
  const paymentFinder = new NumberFinder(new Map([...paymentKeys.keys()].map((k) => [k, k])))
  const invoiceFinder = new NumberFinder(new Map(invoices.map((i) => [normalizeReference(i.number), i.number])))
  const invoiceByNumber = new Map(invoices.map((i) => [i.number, i]))
  const stillDue = new Map(invoices.map((i) => [i.id, MathBN.convert(i.amount_due)]))
  const byAmount = new Map<string, RecordedPayment[]>()
  for (const p of payments) {
    const key = `${p.currency_code}:${MathBN.convert(p.amount).toString()}`
    const same = byAmount.get(key)
    if (same) same.push(p)
    else byAmount.set(key, [p])
  }
  const byValue = [...payments].sort((a, b) => (MathBN.lt(a.amount, b.amount) ? -1 : MathBN.gt(a.amount, b.amount) ? 1 : 0))
  /** Payments whose amount may be within the tolerance of `amount`: a window of the sorted amounts, found by bisection. */
  const near = (amount: BigNumberInput) => {
    // |line − p| ≤ max(abs, p × pct) holds only for p ≤ line / (1 − pct), so the window is at most that wide.
    const pct = Math.min(t.amount_tolerance_percent, 99)
    const width = MathBN.max(t.amount_tolerance, MathBN.div(MathBN.mult(MathBN.abs(amount), pct), 100 - pct))
    const low = MathBN.sub(amount, width)
    const high = MathBN.add(amount, width)
    let lo = 0
    let hi = byValue.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (MathBN.lt(byValue[mid].amount, low)) lo = mid + 1
      else hi = mid
    }
    const found: RecordedPayment[] = []
    for (let i = lo; i < byValue.length && MathBN.lte(byValue[i].amount, high); i++) found.push(byValue[i])
    return found
  }
  const fits = (line: BankLine, p: RecordedPayment) =>
    p.currency_code === line.currency_code &&
    withinTolerance(p.amount, line.amount, t) &&
    daysApart(p.received_at, line.booked_at) <= t.date_tolerance_days

  const ordered = [...lines].sort((a, b) => new Date(a.booked_at).getTime() - new Date(b.booked_at).getTime() || a.id.localeCompare(b.id))
  for (const line of ordered) {
    if (!MathBN.gt(line.amount, 0)) {
      unmatched.push(line.id)
      continue
    }
    // 1. A recorded payment named in the text.
    const named = paymentFinder
      .find(line.text)
      .map((k) => byId.get(paymentKeys.get(k)!)!)
      .find((p) => p && !usedPayments.has(p.id) && fits(line, p))
    if (named) {
      usedPayments.add(named.id)
      matches.push({ kind: "payment", line_id: line.id, payment_id: named.id, amount: MathBN.convert(line.amount).toString(), difference: MathBN.sub(line.amount, named.amount).toString() })
      continue
    }
    // 2. Open invoices named in the text.
    const named_invoices = invoiceFinder
      .find(line.text)
      .map((n) => invoiceByNumber.get(n)!)
      .filter((i) => i.currency_code === line.currency_code && MathBN.gt(stillDue.get(i.id)!, 0))
    if (named_invoices.length) {
      const expected = sumAmounts(named_invoices.map((i) => stillDue.get(i.id)!))
      const allocations: { invoice_id: string; amount: string }[] = []
      let left = MathBN.convert(line.amount)
      for (const invoice of named_invoices) {
        const due = stillDue.get(invoice.id)!
        const take = MathBN.min(left, due)
        if (MathBN.gt(take, 0)) allocations.push({ invoice_id: invoice.id, amount: take.toString() })
        left = MathBN.sub(left, take)
        stillDue.set(invoice.id, MathBN.sub(due, take))
      }
      const difference = MathBN.sub(line.amount, expected)
      matches.push({ kind: "invoices", line_id: line.id, invoices: allocations, expected: expected.toString(), difference: difference.toString() })
      continue
    }
    // 3. The only recorded payment of that amount in the window.
    const exact = (byAmount.get(`${line.currency_code}:${MathBN.convert(line.amount).toString()}`) ?? []).filter((p) => !usedPayments.has(p.id) && fits(line, p))
    const candidates = exact.length ? exact : t.amount_tolerance || t.amount_tolerance_percent ? near(line.amount).filter((p) => !usedPayments.has(p.id) && fits(line, p)) : []
    if (candidates.length === 1) {
      usedPayments.add(candidates[0].id)
      matches.push({ kind: "payment", line_id: line.id, payment_id: candidates[0].id, amount: MathBN.convert(line.amount).toString(), difference: MathBN.sub(line.amount, candidates[0].amount).toString() })
      continue
    }
    unmatched.push(line.id)
  }
  return { matches, unmatched }
}

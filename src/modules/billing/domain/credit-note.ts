import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { InvoiceLineDraft, InvoiceLineKind, InvoiceTaxLine, totalsOfLines } from "./invoice-from-order"
import { Amount, currencyDecimals, formatAmount, roundAmount, sumAmounts } from "./money"

/**
 * Corrections of issued invoices, as plain data:
 *  - credit notes by line and quantity, or by amount (spread over the invoice's tax rates);
 *  - the difference between what an order's documents say and what the order says now, which
 *    becomes a credit note (order lowered) and/or a supplementary invoice (order raised).
 * Every amount stays in the currency's minor unit and every document still adds up.
 */

/** A line as it stands on an issued document. */
export type DocumentLine = InvoiceLineDraft & { id?: string }

export class CorrectionError extends Error {}

const keyOf = (line: Pick<DocumentLine, "kind" | "source_id">) => `${line.kind}:${line.source_id ?? ""}`

/** What is left to credit of each line of an invoice, after the credit notes already issued on it. */
export function remainingByLine(invoiceLines: DocumentLine[], creditedLines: DocumentLine[], currency: string) {
  const credited = netByKey(creditedLines.map((l) => ({ line: l, sign: 1 as const })), currency)
  return invoiceLines.map((line) => {
    const done = credited.get(keyOf(line))
    return done ? subtractLine(line, done, currency) : line
  })
}

/**
 * Credit note lines for `selection` (line id and quantity) of an invoice's lines. A quantity
 * that empties a line credits exactly what is left of it; a partial quantity credits its
 * proportional share, rounded like the invoice (per line, per tax line).
 */
export function creditLinesByQuantity(
  remaining: DocumentLine[],
  selection: { line_id: string; quantity: number }[],
  currency: string
): InvoiceLineDraft[] {
  return selection.map(({ line_id, quantity }, rank) => {
    const line = remaining.find((l) => l.id === line_id)
    if (!line) {
      throw new CorrectionError(`Line ${line_id} is not a line of this invoice.`)
    }
    if (!(quantity > 0)) {
      throw new CorrectionError(`The quantity to credit for "${line.title}" must be more than 0.`)
    }
    if (MathBN.gt(quantity, line.quantity)) {
      throw new CorrectionError(`Only ${line.quantity} of "${line.title}" can still be credited, not ${quantity}.`)
    }
    if (MathBN.eq(quantity, line.quantity)) {
      return { ...stripId(line), rank }
    }
    const share = (v: BigNumberInput) => roundAmount(MathBN.div(MathBN.mult(v, quantity), line.quantity), currency)
    const subtotal = share(line.subtotal)
    const discount = share(line.discount_total)
    return buildLine(line, { quantity: String(quantity), subtotal, discount, rank }, currency)
  })
}

/**
 * Credit note lines for an amount (tax included), spread over the invoice's tax rates in
 * proportion to what each rate weighs in the invoice's total; the last rate takes the rounding
 * remainder so the lines add up to the amount exactly.
 */
export function creditLinesByAmount(
  invoice: { total: BigNumberInput; tax_summary: { code: string | null; rate: string; taxable_amount: string; amount: string }[] | null },
  amount: BigNumberInput,
  title: string,
  currency: string
): InvoiceLineDraft[] {
  const gross = roundAmount(amount, currency)
  if (!MathBN.gt(gross, 0)) {
    throw new CorrectionError(`The amount to credit must be more than 0.`)
  }
  if (!MathBN.eq(gross, MathBN.convert(amount))) {
    throw new CorrectionError(`The amount to credit has more decimals than ${currency.toUpperCase()} has (${currencyDecimals(currency)}).`)
  }
  const groups = (invoice.tax_summary ?? []).map((t) => ({
    code: t.code,
    rate: t.rate,
    weight: MathBN.add(t.taxable_amount, t.amount),
  }))
  const taxedWeight = sumAmounts(groups.map((g) => g.weight))
  const untaxed = MathBN.sub(invoice.total, taxedWeight)
  if (MathBN.gt(untaxed, 0) || !groups.length) {
    groups.push({ code: null, rate: "0", weight: MathBN.gt(untaxed, 0) ? untaxed : MathBN.convert(1) })
  }
  const totalWeight = sumAmounts(groups.map((g) => g.weight))
  let left: Amount = gross
  return groups.map((group, rank) => {
    const last = rank === groups.length - 1
    const groupGross = last ? left : roundAmount(MathBN.div(MathBN.mult(gross, group.weight), totalWeight), currency)
    left = MathBN.sub(left, groupGross)
    const net = roundAmount(MathBN.div(groupGross, MathBN.add(1, MathBN.div(group.rate, 100))), currency)
    const tax = MathBN.sub(groupGross, net)
    const hasTax = !MathBN.eq(group.rate, 0)
    return {
      kind: InvoiceLineKind.ITEM,
      rank,
      source_id: null,
      title: hasTax ? `${title} (${group.rate}%)` : title,
      subtitle: null,
      sku: null,
      quantity: "1",
      unit_price: formatAmount(net, currency),
      is_tax_inclusive: false,
      subtotal: formatAmount(net, currency),
      discount_total: formatAmount(0, currency),
      tax_total: formatAmount(tax, currency),
      total: formatAmount(groupGross, currency),
      tax_lines: hasTax
        ? [{ code: group.code, rate: group.rate, taxable_amount: formatAmount(net, currency), amount: formatAmount(tax, currency) }]
        : [],
    }
  }).filter((l) => !MathBN.eq(l.total, 0))
}

/**
 * What must be issued so that an order's documents say what the order says now:
 * `credit` lines where the order went down (returns, cancellation, edits, claims), `invoice`
 * lines where it went up (exchanges, edits). Compared line by line (order item, shipping
 * method, rounding), quantities and amounts and taxes per rate.
 */
export function orderCorrections(
  target: InvoiceLineDraft[],
  invoiced: DocumentLine[],
  credited: DocumentLine[],
  currency: string
): { credit: InvoiceLineDraft[]; invoice: InvoiceLineDraft[] } {
  const documented = netByKey(
    [...invoiced.map((line) => ({ line, sign: 1 as const })), ...credited.map((line) => ({ line, sign: -1 as const }))],
    currency
  )
  const wanted = netByKey(target.map((line) => ({ line, sign: 1 as const })), currency)
  const keys = [...new Set([...documented.keys(), ...wanted.keys()])]
  const credit: InvoiceLineDraft[] = []
  const invoice: InvoiceLineDraft[] = []
  let rounding: DocumentLine | null = null
  for (const key of keys) {
    const now = wanted.get(key)
    const before = documented.get(key)
    const template = (now ?? before)!
    const diff = subtractLine(now ?? zeroLike(template, currency), before ?? zeroLike(template, currency), currency)
    if (MathBN.eq(diff.total, 0) && MathBN.eq(diff.quantity, 0)) {
      continue
    }
    if (template.kind === InvoiceLineKind.ROUNDING) {
      rounding = diff
      continue
    }
    if (MathBN.lt(diff.total, 0) || (MathBN.eq(diff.total, 0) && MathBN.lt(diff.quantity, 0))) {
      credit.push({ ...negateLine(diff, currency), rank: credit.length })
    } else {
      invoice.push({ ...diff, rank: invoice.length })
    }
  }
  // A change in rounding travels with the document that the rest of the change produces
  // (a cent of rounding alone never makes a document of its own unless nothing else changed).
  if (rounding) {
    const line = { ...rounding, quantity: "1", unit_price: rounding.total, subtotal: rounding.total, tax_lines: [] }
    if (credit.length || (!invoice.length && MathBN.lt(rounding.total, 0))) {
      const negated = negateLine(line, currency)
      credit.push({ ...negated, quantity: "1", unit_price: negated.total, rank: credit.length })
    } else {
      invoice.push({ ...line, rank: invoice.length })
    }
  }
  return { credit, invoice }
}

export { totalsOfLines }

function stripId(line: DocumentLine): InvoiceLineDraft {
  const { id: _id, ...rest } = line as DocumentLine & { invoice_id?: string; invoice?: unknown }
  delete (rest as any).invoice_id
  delete (rest as any).invoice
  return rest
}

/** A line with new quantity, subtotal and discount, its taxes recomputed by the invoice rule. */
function buildLine(
  from: DocumentLine,
  next: { quantity: string; subtotal: Amount; discount: Amount; rank: number },
  currency: string
): InvoiceLineDraft {
  const taxable = MathBN.sub(next.subtotal, next.discount)
  const taxLines: InvoiceTaxLine[] = (from.tax_lines ?? []).map((t) => ({
    code: t.code,
    rate: t.rate,
    taxable_amount: formatAmount(taxable, currency),
    amount: formatAmount(roundAmount(MathBN.div(MathBN.mult(taxable, t.rate), 100), currency), currency),
  }))
  const tax = sumAmounts(taxLines.map((t) => t.amount))
  return {
    ...stripId(from),
    rank: next.rank,
    quantity: next.quantity,
    subtotal: formatAmount(next.subtotal, currency),
    discount_total: formatAmount(next.discount, currency),
    tax_total: formatAmount(tax, currency),
    total: formatAmount(MathBN.add(taxable, tax), currency),
    tax_lines: taxLines,
  }
}

/** Sums lines (with a sign) by what they bill: an order item, a shipping method, the rounding. */
function netByKey(entries: { line: DocumentLine; sign: 1 | -1 }[], currency: string) {
  const result = new Map<string, DocumentLine>()
  for (const { line, sign } of entries) {
    const signed = sign === 1 ? stripId(line) : negateLine(stripId(line), currency)
    const key = keyOf(line)
    const existing = result.get(key)
    result.set(key, existing ? addLines(existing, signed, currency) : signed)
  }
  return result
}

function combineTaxLines(a: InvoiceTaxLine[], b: InvoiceTaxLine[], sign: 1 | -1, currency: string): InvoiceTaxLine[] {
  const byRate = new Map<string, InvoiceTaxLine>()
  for (const t of a) byRate.set(`${t.code ?? ""}|${t.rate}`, { ...t })
  for (const t of b) {
    const key = `${t.code ?? ""}|${t.rate}`
    const existing = byRate.get(key) ?? { code: t.code, rate: t.rate, taxable_amount: "0", amount: "0" }
    byRate.set(key, {
      ...existing,
      taxable_amount: formatAmount(MathBN.add(existing.taxable_amount, MathBN.mult(t.taxable_amount, sign)), currency),
      amount: formatAmount(MathBN.add(existing.amount, MathBN.mult(t.amount, sign)), currency),
    })
  }
  return [...byRate.values()].filter((t) => !(MathBN.eq(t.amount, 0) && MathBN.eq(t.taxable_amount, 0)))
}

function combine(a: DocumentLine, b: DocumentLine, sign: 1 | -1, currency: string): DocumentLine {
  const op = (x: BigNumberInput, y: BigNumberInput) => MathBN.add(x, MathBN.mult(y, sign))
  return {
    ...a,
    quantity: op(a.quantity, b.quantity).toString(),
    subtotal: formatAmount(op(a.subtotal, b.subtotal), currency),
    discount_total: formatAmount(op(a.discount_total, b.discount_total), currency),
    tax_total: formatAmount(op(a.tax_total, b.tax_total), currency),
    total: formatAmount(op(a.total, b.total), currency),
    tax_lines: combineTaxLines(a.tax_lines ?? [], b.tax_lines ?? [], sign, currency),
  }
}

const addLines = (a: DocumentLine, b: DocumentLine, currency: string) => combine(a, b, 1, currency)
const subtractLine = (a: DocumentLine, b: DocumentLine, currency: string) => combine(a, b, -1, currency)
const zeroLike = (line: DocumentLine, currency: string): DocumentLine => ({
  ...line,
  quantity: "0",
  subtotal: formatAmount(0, currency),
  discount_total: formatAmount(0, currency),
  tax_total: formatAmount(0, currency),
  total: formatAmount(0, currency),
  tax_lines: [],
})
const negateLine = (line: DocumentLine, currency: string): DocumentLine => combine(zeroLike(line, currency), line, -1, currency)

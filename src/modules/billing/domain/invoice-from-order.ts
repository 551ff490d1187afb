import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { Amount, formatAmount, roundAmount, sumAmounts } from "./money"

/**
 * Turns an order (plain data, as Medusa computes it) into invoice lines and totals.
 *
 * The rounding rule, documented once here and in the README:
 *  1. each line's net amount before discount and its discount are rounded to the currency's minor unit;
 *  2. each tax line is computed on the rounded taxable amount (net − discount) and rounded on its own;
 *  3. a line's total is net − discount + its taxes; the invoice totals are sums of its lines;
 *  4. the invoice total is Medusa's order total rounded to the minor unit (what the customer is charged);
 *     if the rounded lines do not add up to it, the difference becomes an explicit `rounding` line,
 *     so lines always add up to the total and reconciliation can explain every cent.
 * `source_total` keeps Medusa's unrounded total so the difference to it stays visible too.
 */

export type OrderTaxLineInput = {
  code?: string | null
  rate: BigNumberInput
  description?: string | null
}

export type OrderLineInput = {
  id: string
  title: string
  subtitle?: string | null
  sku?: string | null
  quantity: BigNumberInput
  unit_price: BigNumberInput
  is_tax_inclusive?: boolean | null
  /** Medusa's line subtotal: excluding tax, before discounts. */
  subtotal: BigNumberInput
  /** Medusa's discount on the line, excluding tax. */
  discount_subtotal?: BigNumberInput | null
  tax_lines?: OrderTaxLineInput[] | null
}

export type OrderForInvoice = {
  currency_code: string
  /** Medusa's order total, possibly with more decimals than the currency has. */
  total: BigNumberInput
  items: OrderLineInput[]
  shipping_methods: OrderLineInput[]
}

export const InvoiceLineKind = {
  ITEM: "item",
  SHIPPING: "shipping",
  ROUNDING: "rounding",
} as const
export type InvoiceLineKind = (typeof InvoiceLineKind)[keyof typeof InvoiceLineKind]

export type InvoiceTaxLine = { code: string | null; rate: string; taxable_amount: string; amount: string }

export type InvoiceLineDraft = {
  kind: InvoiceLineKind
  rank: number
  source_id: string | null
  title: string
  subtitle: string | null
  sku: string | null
  quantity: string
  unit_price: string
  is_tax_inclusive: boolean
  subtotal: string
  discount_total: string
  tax_total: string
  total: string
  tax_lines: InvoiceTaxLine[]
}

export type TaxSummaryEntry = { code: string | null; rate: string; taxable_amount: string; amount: string }

export type InvoiceTotalsDraft = {
  currency_code: string
  lines: InvoiceLineDraft[]
  subtotal: string
  shipping_total: string
  discount_total: string
  tax_total: string
  rounding_total: string
  total: string
  source_total: string
  tax_summary: TaxSummaryEntry[]
}

export function buildInvoiceFromOrder(order: OrderForInvoice): InvoiceTotalsDraft {
  const currency = order.currency_code.toLowerCase()
  const fmt = (v: BigNumberInput | Amount) => formatAmount(v, currency)

  const toLine = (line: OrderLineInput, kind: InvoiceLineKind, rank: number): InvoiceLineDraft => {
    const subtotal = roundAmount(line.subtotal, currency)
    const discount = roundAmount(line.discount_subtotal ?? 0, currency)
    const taxable = MathBN.sub(subtotal, discount)
    const taxLines = (line.tax_lines ?? []).map((t) => ({
      code: t.code ?? null,
      rate: MathBN.convert(t.rate).toString(),
      taxable_amount: fmt(taxable),
      amount: fmt(roundAmount(MathBN.div(MathBN.mult(taxable, t.rate), 100), currency)),
    }))
    const tax = sumAmounts(taxLines.map((t) => t.amount))
    return {
      kind,
      rank,
      source_id: line.id,
      title: line.title,
      subtitle: line.subtitle ?? null,
      sku: line.sku ?? null,
      quantity: MathBN.convert(line.quantity).toString(),
      unit_price: MathBN.convert(line.unit_price).toString(),
      is_tax_inclusive: !!line.is_tax_inclusive,
      subtotal: fmt(subtotal),
      discount_total: fmt(discount),
      tax_total: fmt(tax),
      total: fmt(MathBN.add(taxable, tax)),
      tax_lines: taxLines,
    }
  }

  const lines: InvoiceLineDraft[] = [
    ...order.items.map((item, i) => toLine(item, InvoiceLineKind.ITEM, i)),
    ...order.shipping_methods.map((s, i) => toLine(s, InvoiceLineKind.SHIPPING, order.items.length + i)),
  ]

  const total = roundAmount(order.total, currency)
  const rounding = MathBN.sub(total, sumAmounts(lines.map((l) => l.total)))
  if (!MathBN.eq(rounding, 0)) {
    lines.push({
      kind: InvoiceLineKind.ROUNDING,
      rank: lines.length,
      source_id: null,
      title: "Rounding",
      subtitle: null,
      sku: null,
      quantity: "1",
      unit_price: fmt(rounding),
      is_tax_inclusive: false,
      subtotal: fmt(rounding),
      discount_total: fmt(0),
      tax_total: fmt(0),
      total: fmt(rounding),
      tax_lines: [],
    })
  }

  return {
    ...totalsOfLines(lines, currency),
    total: fmt(total),
    source_total: MathBN.convert(order.total).toString(),
  }
}

/** A document's totals, all sums of its lines: item subtotal, shipping, discounts, tax, rounding, total, tax summary. */
export function totalsOfLines(lines: InvoiceLineDraft[], currencyCode: string) {
  const currency = currencyCode.toLowerCase()
  const sumOf = (kinds: InvoiceLineKind[] | null, field: "subtotal" | "discount_total" | "tax_total" | "total") =>
    formatAmount(sumAmounts(lines.filter((l) => kinds === null || kinds.includes(l.kind)).map((l) => l[field])), currency)
  return {
    currency_code: currency,
    lines,
    subtotal: sumOf([InvoiceLineKind.ITEM], "subtotal"),
    shipping_total: sumOf([InvoiceLineKind.SHIPPING], "subtotal"),
    discount_total: sumOf(null, "discount_total"),
    tax_total: sumOf(null, "tax_total"),
    rounding_total: sumOf([InvoiceLineKind.ROUNDING], "total"),
    total: sumOf(null, "total"),
    tax_summary: summarizeTaxes(lines, currency),
  }
}

/** Taxable base and tax per (code, rate), from the already rounded tax lines. */
export function summarizeTaxes(lines: Pick<InvoiceLineDraft, "tax_lines">[], currency: string): TaxSummaryEntry[] {
  const byRate = new Map<string, { code: string | null; rate: string; taxable: Amount[]; amount: Amount[] }>()
  for (const line of lines) {
    for (const t of line.tax_lines) {
      const key = `${t.code ?? ""}|${t.rate}`
      const entry = byRate.get(key) ?? { code: t.code, rate: t.rate, taxable: [], amount: [] }
      entry.taxable.push(MathBN.convert(t.taxable_amount))
      entry.amount.push(MathBN.convert(t.amount))
      byRate.set(key, entry)
    }
  }
  return [...byRate.values()].map((e) => ({
    code: e.code,
    rate: e.rate,
    taxable_amount: formatAmount(sumAmounts(e.taxable), currency),
    amount: formatAmount(sumAmounts(e.amount), currency),
  }))
}

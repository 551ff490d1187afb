import fc from "fast-check"
import { MathBN } from "@medusajs/framework/utils"
import { getLineItemTotals } from "@medusajs/framework/utils"
import { buildInvoiceFromOrder, OrderForInvoice, OrderLineInput } from "../invoice-from-order"
import { currencyDecimals } from "../money"

const sum = (values: string[]) => MathBN.sum(...values).toString()

/** An order line with Medusa's own totals, computed by Medusa's own total function. */
function medusaLine(id: string, unit_price: string, quantity: number, rates: number[], taxInclusive = false) {
  const totals = getLineItemTotals(
    {
      id,
      unit_price: MathBN.convert(unit_price) as any,
      quantity: MathBN.convert(quantity) as any,
      is_tax_inclusive: taxInclusive,
      tax_lines: rates.map((rate) => ({ rate })),
    },
    {}
  )
  const line: OrderLineInput = {
    id,
    title: `Line ${id}`,
    quantity,
    unit_price,
    is_tax_inclusive: taxInclusive,
    subtotal: totals.subtotal.numeric,
    discount_subtotal: totals.discount_subtotal.numeric,
    tax_lines: rates.map((rate) => ({ code: `VAT${rate}`, rate })),
  }
  return { line, total: MathBN.convert(totals.total) }
}

function order(currency: string, lines: ReturnType<typeof medusaLine>[], shipping: ReturnType<typeof medusaLine>[] = []): OrderForInvoice {
  return {
    currency_code: currency,
    total: MathBN.sum(...[...lines, ...shipping].map((l) => l.total)).toString(),
    items: lines.map((l) => l.line),
    shipping_methods: shipping.map((l) => l.line),
  }
}

describe("invoice from order", () => {
  it("rounds each tax line and sums the lines into the totals (EUR)", () => {
    const invoice = buildInvoiceFromOrder(
      order("eur", [medusaLine("a", "9.99", 5, [19]), medusaLine("b", "12.5", 3, [19])], [medusaLine("s", "4.95", 1, [19])])
    )
    expect(invoice.lines.map((l) => [l.kind, l.subtotal, l.tax_total, l.total])).toEqual([
      ["item", "49.95", "9.49", "59.44"],
      ["item", "37.50", "7.13", "44.63"],
      ["shipping", "4.95", "0.94", "5.89"],
    ])
    expect(invoice.subtotal).toBe("87.45")
    expect(invoice.shipping_total).toBe("4.95")
    expect(invoice.tax_total).toBe("17.56")
    // Medusa's total is 109.956; the customer is charged 109.96; the lines add up to 109.96.
    expect(invoice.source_total).toBe("109.956")
    expect(invoice.total).toBe("109.96")
    expect(invoice.rounding_total).toBe("0.00")
    expect(invoice.tax_summary).toEqual([{ code: "VAT19", rate: "19", taxable_amount: "92.40", amount: "17.56" }])
  })

  it("adds an explicit rounding line when rounded lines miss the rounded order total (JPY, zero decimals)", () => {
    // 1650 + 3 × 1299 + 800 shipping, 10 % tax: Medusa's total is 6981.7 JPY.
    const invoice = buildInvoiceFromOrder(
      order("jpy", [medusaLine("a", "1650", 1, [10]), medusaLine("b", "1299", 3, [10])], [medusaLine("s", "800", 1, [10])])
    )
    expect(invoice.source_total).toBe("6981.7")
    expect(invoice.lines.filter((l) => l.kind !== "rounding").map((l) => l.tax_total)).toEqual(["165", "390", "80"])
    expect(invoice.total).toBe("6982")
    expect(invoice.rounding_total).toBe("0")
    expect(sum(invoice.lines.map((l) => l.total))).toBe("6982")
  })

  it("shows the rounding line for tax-inclusive prices whose net amounts do not round back (EUR)", () => {
    // 3 × 9.99 including 19 % VAT = 29.97; net 25.1849… rounds to 25.18, tax 4.78: 29.96 without rounding.
    const invoice = buildInvoiceFromOrder(order("eur", [medusaLine("a", "9.99", 3, [19], true)]))
    expect(invoice.total).toBe("29.97")
    const rounding = invoice.lines.find((l) => l.kind === "rounding")
    expect(rounding?.total).toBe("0.01")
    expect(invoice.rounding_total).toBe("0.01")
    expect(sum(invoice.lines.map((l) => l.total))).toBe("29.97")
  })

  it("keeps three decimals for KWD", () => {
    const invoice = buildInvoiceFromOrder(order("kwd", [medusaLine("a", "1.235", 3, [5])]))
    expect(invoice.lines[0].subtotal).toBe("3.705")
    expect(invoice.lines[0].tax_total).toBe("0.185")
    expect(invoice.total).toBe("3.890")
  })

  it("lines always add up to the total, every amount in the minor unit, and the total is the rounded order total (property)", () => {
    const currency = fc.constantFrom("eur", "jpy", "kwd", "usd")
    const line = fc.record({
      cents: fc.integer({ min: 1, max: 5_000_000 }),
      quantity: fc.integer({ min: 1, max: 50 }),
      rates: fc.subarray([0, 5, 7, 8.5, 10, 19, 20, 21], { maxLength: 2 }),
      inclusive: fc.boolean(),
    })
    fc.assert(
      fc.property(currency, fc.array(line, { minLength: 1, maxLength: 8 }), (cur, specs) => {
        const decimals = currencyDecimals(cur)
        const lines = specs.map((s, i) =>
          medusaLine(String(i), MathBN.convert(s.cents).shiftedBy(-decimals).toString(), s.quantity, s.rates, s.inclusive)
        )
        const o = order(cur, lines)
        const invoice = buildInvoiceFromOrder(o)
        const inMinorUnit = (v: string) => MathBN.convert(v).decimalPlaces() <= decimals
        expect(sum(invoice.lines.map((l) => l.total))).toBe(MathBN.convert(invoice.total).toString())
        expect(MathBN.convert(invoice.total).toFixed(decimals)).toBe(MathBN.convert(o.total).toFixed(decimals, 4))
        for (const l of invoice.lines) {
          expect([l.subtotal, l.discount_total, l.tax_total, l.total].every(inMinorUnit)).toBe(true)
        }
        // The rounding line stays small: at most half a minor unit per rounded amount.
        const bound = MathBN.convert(1).shiftedBy(-decimals).times(specs.length * 3)
        expect(MathBN.convert(invoice.rounding_total).abs().lte(bound)).toBe(true)
      }),
      { numRuns: 300 }
    )
  })
})

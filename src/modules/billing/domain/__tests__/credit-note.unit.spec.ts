import fc from "fast-check"
import { MathBN } from "@medusajs/framework/utils"
import {
  CorrectionError,
  creditLinesByAmount,
  creditLinesByQuantity,
  orderCorrections,
  remainingByLine,
  totalsOfLines,
} from "../credit-note"
import { buildInvoiceFromOrder, OrderLineInput } from "../invoice-from-order"

const sum = (values: string[]) => MathBN.sum(...values).toString()

const item = (id: string, unit: number, quantity: number, rate = 19, discount = 0): OrderLineInput => ({
  id,
  title: `Item ${id}`,
  quantity,
  unit_price: unit,
  subtotal: MathBN.mult(unit, quantity).toString(),
  discount_subtotal: discount,
  tax_lines: rate ? [{ code: `VAT${rate}`, rate }] : [],
})

const orderOf = (items: OrderLineInput[], currency = "eur") => {
  const draft = buildInvoiceFromOrder({ currency_code: currency, total: 0, items, shipping_methods: [] })
  // A total equal to the rounded lines, as for an order without sub-cent tax.
  const total = draft.lines.filter((l) => l.kind !== "rounding").reduce((a, l) => MathBN.add(a, l.total).toString(), "0")
  return buildInvoiceFromOrder({ currency_code: currency, total, items, shipping_methods: [] })
}

const withIds = <T extends object>(lines: T[]) => lines.map((l, i) => ({ ...l, id: `invl_${i}` }))

describe("credit notes by line and quantity", () => {
  const invoice = orderOf([item("a", 9.99, 3), item("b", 25, 1)])
  const lines = withIds(invoice.lines)

  it("credits a whole line exactly", () => {
    const [line] = creditLinesByQuantity(remainingByLine(lines, [], "eur"), [{ line_id: "invl_1", quantity: 1 }], "eur")
    expect([line.title, line.quantity, line.subtotal, line.tax_total, line.total]).toEqual(["Item b", "1", "25.00", "4.75", "29.75"])
  })

  it("credits part of a line in proportion, and the last part exactly what is left", () => {
    let remaining = remainingByLine(lines, [], "eur")
    const first = creditLinesByQuantity(remaining, [{ line_id: "invl_0", quantity: 1 }], "eur")
    expect(first[0]).toEqual(expect.objectContaining({ quantity: "1", subtotal: "9.99", tax_total: "1.90", total: "11.89" }))
    remaining = remainingByLine(lines, first, "eur")
    expect(remaining[0].quantity).toBe("2")
    const rest = creditLinesByQuantity(remaining, [{ line_id: "invl_0", quantity: 2 }], "eur")
    expect(sum([first[0].total, rest[0].total])).toBe(MathBN.convert(lines[0].total).toString())
  })

  it("refuses more than is left, a quantity of zero, and a line of another invoice", () => {
    const remaining = remainingByLine(lines, [], "eur")
    expect(() => creditLinesByQuantity(remaining, [{ line_id: "invl_1", quantity: 2 }], "eur")).toThrow("Only 1 of \"Item b\"")
    expect(() => creditLinesByQuantity(remaining, [{ line_id: "invl_1", quantity: 0 }], "eur")).toThrow(CorrectionError)
    expect(() => creditLinesByQuantity(remaining, [{ line_id: "nope", quantity: 1 }], "eur")).toThrow("not a line of this invoice")
  })
})

describe("credit notes by amount", () => {
  it("spreads an amount over the invoice's tax rates and adds up to it exactly", () => {
    const invoice = orderOf([item("a", 100, 1, 19), item("b", 100, 1, 7)])
    const lines = creditLinesByAmount(invoice, "50.00", "Goodwill", "eur")
    expect(lines.map((l) => [l.title, l.subtotal, l.tax_total, l.total])).toEqual([
      // 50 × 119/226 = 26.33 at 19 %, the rest (23.67) at 7 %; net = gross / (1 + rate), tax = gross − net.
      ["Goodwill (19%)", "22.13", "4.20", "26.33"],
      ["Goodwill (7%)", "22.12", "1.55", "23.67"],
    ])
    expect(sum(lines.map((l) => l.total))).toBe("50")
  })

  it("refuses zero, negative amounts and more decimals than the currency has", () => {
    const invoice = orderOf([item("a", 1000, 1, 10)], "jpy")
    expect(() => creditLinesByAmount(invoice, 0, "x", "jpy")).toThrow("more than 0")
    expect(() => creditLinesByAmount(invoice, -5, "x", "jpy")).toThrow("more than 0")
    expect(() => creditLinesByAmount(invoice, "10.5", "x", "jpy")).toThrow("more decimals than JPY has (0)")
  })

  it("always adds up to the amount asked, in minor units (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cents: fc.integer({ min: 1, max: 100000 }), qty: fc.integer({ min: 1, max: 5 }), rate: fc.constantFrom(0, 7, 19, 20) }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 100000 }),
        (specs, cents) => {
          const invoice = orderOf(specs.map((s, i) => item(String(i), s.cents / 100, s.qty, s.rate)))
          const amount = MathBN.convert(cents).shiftedBy(-2).toFixed(2)
          const lines = creditLinesByAmount(invoice, amount, "Credit", "eur")
          expect(MathBN.convert(sum(lines.map((l) => l.total))).toFixed(2)).toBe(amount)
          for (const l of lines) expect(MathBN.convert(l.total).decimalPlaces()).toBeLessThanOrEqual(2)
        }
      )
    )
  })
})

describe("corrections that follow an order", () => {
  it("credits a returned unit and invoices an added item, line by line", () => {
    const before = orderOf([item("a", 9.99, 3), item("b", 25, 1)])
    const after = orderOf([item("a", 9.99, 2), item("b", 25, 1), item("c", 5, 2)])
    const { credit, invoice } = orderCorrections(after.lines, before.lines, [], "eur")
    // 3 × 9.99 + 19 % = 35.66 (tax 5.69); 2 × 9.99 + 19 % = 23.78 (tax 3.80): the difference is 11.88.
    expect(credit.map((l) => [l.title, l.quantity, l.total])).toEqual([["Item a", "1", "11.88"]])
    expect(invoice.map((l) => [l.title, l.quantity, l.total])).toEqual([["Item c", "2", "11.90"]])
  })

  it("credits everything of a canceled order, and nothing more once credited", () => {
    const order = orderOf([item("a", 9.99, 3), item("b", 25, 1)])
    const { credit, invoice } = orderCorrections([], order.lines, [], "eur")
    expect(invoice).toEqual([])
    expect(totalsOfLines(credit, "eur").total).toBe(order.total)
    expect(orderCorrections([], order.lines, credit, "eur")).toEqual({ credit: [], invoice: [] })
  })

  it("leaves documents in step with any sequence of order changes (property)", () => {
    const orderState = fc.array(
      fc.record({ id: fc.constantFrom("a", "b", "c", "d"), qty: fc.integer({ min: 0, max: 4 }) }),
      { minLength: 0, maxLength: 4 }
    )
    fc.assert(
      fc.property(fc.array(orderState, { minLength: 1, maxLength: 6 }), (states) => {
        const prices: Record<string, number> = { a: 9.99, b: 25, c: 0.33, d: 12.5 }
        const invoiced: any[] = []
        const credited: any[] = []
        for (const state of states) {
          const merged = new Map<string, number>()
          for (const s of state) if (s.qty) merged.set(s.id, s.qty)
          const target = orderOf([...merged].map(([id, qty]) => item(id, prices[id], qty))).lines
          const { credit, invoice } = orderCorrections(target, invoiced, credited, "eur")
          invoiced.push(...invoice)
          credited.push(...credit)
          // Invoices minus credit notes equal the order now.
          const documented = MathBN.sub(sum(["0", ...invoiced.map((l) => l.total)]), sum(["0", ...credited.map((l) => l.total)]))
          expect(documented.toFixed(2)).toBe(MathBN.convert(sum(["0", ...target.map((l) => l.total)])).toFixed(2))
          expect(orderCorrections(target, invoiced, credited, "eur")).toEqual({ credit: [], invoice: [] })
          for (const l of [...credit, ...invoice]) expect(MathBN.gte(l.total, 0)).toBe(true)
        }
      }),
      { numRuns: 200 }
    )
  })
})

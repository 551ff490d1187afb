import { isKnownCurrency } from "../currencies"
import { frozenFieldsIn } from "../immutability"

describe("currencies", () => {
  it("knows ISO 4217 codes in either case and refuses others", () => {
    expect(isKnownCurrency("eur")).toBe(true)
    expect(isKnownCurrency("JPY")).toBe(true)
    expect(isKnownCurrency("kwd")).toBe(true)
    expect(isKnownCurrency("xyz")).toBe(false)
    expect(isKnownCurrency("")).toBe(false)
    expect(isKnownCurrency(null)).toBe(false)
  })
})

describe("issued documents", () => {
  it("allow payment state, void marks, notes and metadata to move", () => {
    expect(frozenFieldsIn({ id: "inv_1", status: "paid", amount_paid: 10, amount_due: 0, notes: "called", metadata: {} })).toEqual([])
  })

  it("freeze amounts, parties, number, dates and lines", () => {
    expect(frozenFieldsIn({ total: 1, buyer: {}, number: "X", due_at: new Date(), lines: [] })).toEqual([
      "total",
      "buyer",
      "number",
      "due_at",
      "lines",
    ])
  })
})

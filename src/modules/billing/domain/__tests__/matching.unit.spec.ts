import fc from "fast-check"
import { MathBN } from "@medusajs/framework/utils"
import { NumberFinder, planBankMatches, tolerances, withinTolerance } from "../matching"
import { closedPeriodAt, openBookingDate, periodBounds, rebookedDate } from "../periods"

const numbers = (...list: string[]) => new Map(list.map((n) => [n.replace(/[^A-Z0-9]/gi, "").toUpperCase(), n]))

describe("matching", () => {
  it("finds invoice numbers in bank texts however banks reformat them, never inside a longer number", () => {
    const known = new NumberFinder(numbers("INV-2026-000012", "INV-2026-000013", "INV-2026-000001"))
    expect(known.find("Rg. INV 2026 000012 und inv-2026-000013")).toEqual(["INV-2026-000012", "INV-2026-000013"])
    expect(known.find("INV2026000012")).toEqual(["INV-2026-000012"])
    expect(known.find("INV-2026-0000123")).toEqual([])
    expect(known.find(null)).toEqual([])
  })

  it("accepts a difference within the absolute or the percent tolerance, whichever is larger", () => {
    const t = tolerances({ amount_tolerance: 1, amount_tolerance_percent: 2 })
    expect(withinTolerance("100", "99", t)).toBe(true)
    expect(withinTolerance("100", "98", t)).toBe(true)
    expect(withinTolerance("100", "97.99", t)).toBe(false)
    expect(withinTolerance("10", "9", t)).toBe(true)
    expect(withinTolerance("10", "8.99", t)).toBe(false)
  })

  const invoice = (id: string, number: string, due: string, customer = "cus_1") => ({ id, number, customer_id: customer, currency_code: "eur", amount_due: due })
  const line = (id: string, amount: string, text: string, day = "2026-10-05") => ({ id, booked_at: new Date(`${day}T00:00:00Z`), amount, currency_code: "eur", text })

  it("pairs lines with payments by reference, then invoices by number (several each way), then a lone payment by amount and date", () => {
    const t = tolerances({ date_tolerance_days: 3 })
    const payments = [
      { id: "bpay_ref", amount: "50", currency_code: "eur", received_at: new Date("2026-10-04"), reference: "SEPA-4711", receipt_number: "RCT-1" },
      { id: "bpay_amount", amount: "33.33", currency_code: "eur", received_at: new Date("2026-10-06") },
      { id: "bpay_far", amount: "77", currency_code: "eur", received_at: new Date("2026-09-01") },
    ]
    const invoices = [invoice("inv_a", "INV-1001", "100"), invoice("inv_b", "INV-1002", "40"), invoice("inv_c", "INV-1003", "90")]
    const plan = planBankMatches(
      [
        line("l1", "50", "Payment sepa 4711"),
        line("l2", "140", "INV-1001 INV-1002"),
        line("l3", "60", "part 1 INV-1003"),
        line("l4", "30", "part 2 INV-1003"),
        line("l5", "33.33", "no reference"),
        line("l6", "77", "too far away"),
        line("l7", "-12", "fees"),
      ],
      payments,
      invoices,
      t
    )
    expect(plan.matches).toEqual([
      { kind: "payment", line_id: "l1", payment_id: "bpay_ref", amount: "50", difference: "0" },
      { kind: "invoices", line_id: "l2", invoices: [{ invoice_id: "inv_a", amount: "100" }, { invoice_id: "inv_b", amount: "40" }], expected: "140", difference: "0" },
      { kind: "invoices", line_id: "l3", invoices: [{ invoice_id: "inv_c", amount: "60" }], expected: "90", difference: "-30" },
      { kind: "invoices", line_id: "l4", invoices: [{ invoice_id: "inv_c", amount: "30" }], expected: "30", difference: "0" },
      { kind: "payment", line_id: "l5", payment_id: "bpay_amount", amount: "33.33", difference: "0" },
    ])
    expect(plan.unmatched).toEqual(["l6", "l7"])
  })

  it("never guesses between two payments of the same amount", () => {
    const payments = ["a", "b"].map((id) => ({ id, amount: "20", currency_code: "eur", received_at: new Date("2026-10-05") }))
    expect(planBankMatches([line("l1", "20", "?")], payments, [], tolerances()).unmatched).toEqual(["l1"])
  })

  it("never allocates more than a line brings nor more than an invoice owes, and matches each payment once", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ due: fc.integer({ min: 1, max: 10_000 }) }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ amount: fc.integer({ min: 1, max: 10_000 }), refs: fc.array(fc.nat(5), { maxLength: 3 }) }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 5 }),
        (dues, lines, paymentAmounts) => {
          const invoices = dues.map((d, i) => invoice(`inv_${i}`, `INV-${9000 + i}`, (d.due / 100).toFixed(2)))
          const payments = paymentAmounts.map((a, i) => ({ id: `bpay_${i}`, amount: (a / 100).toFixed(2), currency_code: "eur", received_at: new Date("2026-10-05") }))
          const bankLines = lines.map((l, i) => line(`l${i}`, (l.amount / 100).toFixed(2), l.refs.filter((r) => r < invoices.length).map((r) => invoices[r].number).join(" ")))
          const plan = planBankMatches(bankLines, payments, invoices, tolerances())
          const allocated = new Map<string, ReturnType<typeof MathBN.convert>>()
          const usedPayments = new Set<string>()
          for (const m of plan.matches) {
            if (m.kind === "payment") {
              expect(usedPayments.has(m.payment_id)).toBe(false)
              usedPayments.add(m.payment_id)
              continue
            }
            const amount = bankLines.find((l) => l.id === m.line_id)!.amount
            expect(MathBN.lte(MathBN.sum(0, ...m.invoices.map((i) => i.amount)), amount)).toBe(true)
            for (const a of m.invoices) allocated.set(a.invoice_id, MathBN.add(allocated.get(a.invoice_id) ?? 0, a.amount))
          }
          for (const inv of invoices) expect(MathBN.lte(allocated.get(inv.id) ?? 0, inv.amount_due)).toBe(true)
          expect(plan.matches.length + plan.unmatched.length).toBe(bankLines.length)
        }
      )
    )
  })
})

describe("periods", () => {
  it("names months and books late facts after the closed months around them", () => {
    expect(periodBounds("2026-12")).toEqual({ period: "2026-12", starts_at: new Date("2026-12-01T00:00:00Z"), ends_at: new Date("2027-01-01T00:00:00Z") })
    const closed = [periodBounds("2026-09"), periodBounds("2026-10")]
    expect(closedPeriodAt(closed, "2026-10-31T23:59:59Z")?.period).toBe("2026-10")
    expect(closedPeriodAt(closed, "2026-11-01T00:00:00Z")).toBeUndefined()
    expect(openBookingDate(closed, "2026-09-15T10:00:00Z").toISOString()).toBe("2026-11-01T00:00:00.000Z")
    expect(openBookingDate(closed, "2026-11-15T10:00:00Z").toISOString()).toBe("2026-11-15T10:00:00.000Z")
    // Worked out again on each delivery: what was booked in a period closed since stays; the rest moves past closed periods.
    expect(rebookedDate(closed, "2026-10-20T10:00:00Z", "2026-10-05T10:00:00Z")?.toISOString()).toBe("2026-10-20T10:00:00.000Z")
    expect(rebookedDate(closed, null, "2026-10-05T10:00:00Z")?.toISOString()).toBe("2026-11-01T00:00:00.000Z")
    expect(rebookedDate(closed, "2026-11-03T10:00:00Z", "2026-11-02T10:00:00Z")?.toISOString()).toBe("2026-11-02T10:00:00.000Z")
    expect(rebookedDate(closed, "2026-11-03T10:00:00Z", null)).toBeNull()
  })
})

describe("matching at scale", () => {
  it("finds numbers among 20,000 open invoices in 5,000 texts with the same answers as a plain search", () => {
    const numbers = Array.from({ length: 20_000 }, (_, i) => `INV-2026-${String(i + 1).padStart(6, "0")}`)
    const known = new Map(numbers.map((n) => [n.replace(/-/g, ""), n]))
    const texts = Array.from({ length: 5_000 }, (_, i) => `Payment ${numbers[(i * 7) % numbers.length].replace(/-/g, " ")} and INV2026${String((i * 13) % 20_000 + 1).padStart(6, "0")}7`)
    const finder = new NumberFinder(known)
    const found = texts.map((t) => finder.find(t))
    texts.forEach((t, i) => expect(found[i]).toEqual([numbers[(i * 7) % numbers.length]]))
    // A plain search over every number gives the same on a sample.
    for (const i of [0, 1, 2500, 4999]) {
      const normalized = texts[i].toUpperCase().replace(/[^A-Z0-9]/g, "")
      const plain = numbers.filter((n) => {
        const key = n.replace(/-/g, "")
        const at = normalized.indexOf(key)
        return at >= 0 && !/\d/.test(normalized[at + key.length] ?? "")
      })
      expect(found[i]).toEqual(plain)
    }
  })

  it("pairs 20,000 lines with 20,000 payments by amount and date within a tolerance, each with its own", () => {
    const t = tolerances({ amount_tolerance: 0.05, date_tolerance_days: 2 })
    const payments = Array.from({ length: 20_000 }, (_, i) => ({ id: `bpay_${i}`, amount: (1000 + i * 0.1).toFixed(2), currency_code: "eur", received_at: new Date("2026-10-05") }))
    const bankLines = payments.map((p, i) => ({ id: `l${i}`, booked_at: new Date("2026-10-06T00:00:00Z"), amount: MathBN.sub(p.amount, "0.03").toString(), currency_code: "eur", text: "transfer" }))
    const plan = planBankMatches(bankLines, payments, [], t)
    expect(plan.unmatched).toEqual([])
    expect(plan.matches.every((m) => m.kind === "payment" && m.payment_id === `bpay_${m.line_id.slice(1)}`)).toBe(true)
  })
})

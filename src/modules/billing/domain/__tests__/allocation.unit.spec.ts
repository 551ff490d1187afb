import fc from "fast-check"
import { MathBN } from "@medusajs/framework/utils"
import {
  AllocationError,
  assertAllocation,
  assertPaymentAmount,
  assertRefund,
  InvoiceBalance,
  invoiceAmountDue,
  invoicePaymentStatus,
  PaymentBalance,
  paymentUnapplied,
  planOldestDueFirst,
  planCreditNoteRelease,
  planRefund,
} from "../allocation"

const invoice = (id: string, total: string, due: string, extra: Partial<InvoiceBalance> = {}): InvoiceBalance => ({
  id,
  number: `INV-${id}`,
  customer_id: "cus_1",
  currency_code: "eur",
  status: "open",
  total,
  amount_paid: "0",
  amount_credited: "0",
  due_at: due,
  ...extra,
})
const payment = (amount: string, extra: Partial<PaymentBalance> = {}): PaymentBalance => ({
  id: "pay_1",
  customer_id: "cus_1",
  currency_code: "eur",
  amount,
  amount_allocated: "0",
  amount_refunded: "0",
  ...extra,
})

describe("allocation rules", () => {
  it("pays the oldest due invoice first and keeps the rest as credit", () => {
    const plan = planOldestDueFirst(payment("150.00"), [
      invoice("b", "80.00", "2026-03-01"),
      invoice("a", "50.00", "2026-02-01"),
      invoice("c", "40.00", "2026-04-01", { currency_code: "usd" }),
      invoice("d", "40.00", "2026-01-01", { customer_id: "cus_2" }),
      invoice("e", "40.00", "2026-01-01", { status: "void" }),
    ])
    expect(plan).toEqual([
      { invoice_id: "a", amount: "50" },
      { invoice_id: "b", amount: "80" },
    ])
  })

  it("refuses zero, negative, too precise, foreign-currency, other-customer and over-due allocations", () => {
    const p = payment("100.00")
    expect(() => assertPaymentAmount(0, "eur")).toThrow("must be more than 0")
    expect(() => assertPaymentAmount(-5, "eur")).toThrow("must be more than 0")
    expect(() => assertPaymentAmount("1.005", "eur")).toThrow("more decimals than EUR has (2)")
    expect(() => assertPaymentAmount("10.5", "jpy")).toThrow("more decimals than JPY has (0)")
    expect(() => assertAllocation(p, invoice("a", "50", "2026-01-01", { currency_code: "usd" }), 10)).toThrow("a payment pays invoices of its own currency")
    expect(() => assertAllocation(p, invoice("a", "50", "2026-01-01", { customer_id: "cus_2" }), 10)).toThrow("another customer")
    expect(() => assertAllocation(p, invoice("a", "50", "2026-01-01"), 60)).toThrow("owes 50, less than 60")
    expect(() => assertAllocation(payment("30"), invoice("a", "50", "2026-01-01"), 40)).toThrow("has 30 left to allocate")
    expect(() => assertAllocation(p, invoice("a", "50", "2026-01-01", { status: "void" }), 10)).toThrow("only open invoices")
  })

  it("refunds unapplied credit first, then the newest allocations", () => {
    const p = payment("100", { amount_allocated: "80" })
    const plan = planRefund(
      p,
      [
        { id: "al_1", invoice_id: "a", amount: "50", created_at: "2026-01-01" },
        { id: "al_2", invoice_id: "b", amount: "30", created_at: "2026-01-02" },
      ],
      "60"
    )
    expect(plan).toEqual([{ allocation_id: "al_2", invoice_id: "b", amount: "30" }, { allocation_id: "al_1", invoice_id: "a", amount: "10" }])
    expect(() => assertRefund(payment("100", { amount_refunded: "70" }), 31)).toThrow("At most 30")
  })

  it("keeps DESIGN rule 5 after any sequence of payments, allocations, credit notes, unapplies and refunds (property)", () => {
    type Op =
      | { kind: "pay"; cents: number }
      | { kind: "auto"; p: number }
      | { kind: "allocate"; p: number; i: number; cents: number }
      | { kind: "credit"; i: number; cents: number }
      | { kind: "unapply"; a: number }
      | { kind: "refund"; p: number; cents: number }
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant("pay" as const), cents: fc.integer({ min: 1, max: 50_000 }) }),
      fc.record({ kind: fc.constant("auto" as const), p: fc.nat(10) }),
      fc.record({ kind: fc.constant("allocate" as const), p: fc.nat(10), i: fc.nat(4), cents: fc.integer({ min: 1, max: 50_000 }) }),
      fc.record({ kind: fc.constant("credit" as const), i: fc.nat(4), cents: fc.integer({ min: 1, max: 20_000 }) }),
      fc.record({ kind: fc.constant("unapply" as const), a: fc.nat(20) }),
      fc.record({ kind: fc.constant("refund" as const), p: fc.nat(10), cents: fc.integer({ min: 1, max: 50_000 }) })
    )
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 100, max: 30_000 }), { minLength: 1, maxLength: 5 }), fc.array(op, { maxLength: 40 }), (totals, ops) => {
        const eur = (cents: number) => MathBN.convert(cents).shiftedBy(-2).toFixed(2)
        const invoices: InvoiceBalance[] = totals.map((t, n) => invoice(`i${n}`, eur(t), `2026-0${(n % 9) + 1}-01`))
        const payments: PaymentBalance[] = []
        const allocations: { id: string; payment_id: string; invoice_id: string; amount: string; created_at: string }[] = []
        let creditNotes = MathBN.convert(0)
        let refunds = MathBN.convert(0)
        const allocate = (p: PaymentBalance, inv: InvoiceBalance, amount: string) => {
          assertAllocation(p, inv, amount)
          p.amount_allocated = MathBN.add(p.amount_allocated, amount).toString()
          inv.amount_paid = MathBN.add(inv.amount_paid, amount).toString()
          allocations.push({ id: `al_${allocations.length}`, payment_id: p.id, invoice_id: inv.id, amount, created_at: new Date(allocations.length * 1000).toISOString() })
        }
        for (const o of ops) {
          try {
            if (o.kind === "pay") payments.push(payment(eur(o.cents), { id: `p${payments.length}` }))
            if (o.kind === "auto" && payments[o.p]) {
              for (const step of planOldestDueFirst(payments[o.p], invoices)) allocate(payments[o.p], invoices.find((i) => i.id === step.invoice_id)!, step.amount)
            }
            if (o.kind === "allocate" && payments[o.p] && invoices[o.i]) allocate(payments[o.p], invoices[o.i], eur(o.cents))
            if (o.kind === "credit" && invoices[o.i]) {
              const inv = invoices[o.i]
              const creditable = MathBN.sub(inv.total, inv.amount_credited)
              if (MathBN.lte(eur(o.cents), creditable)) {
                // What was paid beyond what the invoice now owes goes back to its payments as credit.
                const paidBy = allocations.filter((a) => a.invoice_id === inv.id && MathBN.gt(a.amount, 0))
                for (const release of planCreditNoteRelease(inv, eur(o.cents), paidBy)) {
                  const al = allocations.find((a) => a.id === release.allocation_id)!
                  const p = payments.find((x) => x.id === al.payment_id)!
                  al.amount = MathBN.sub(al.amount, release.amount).toString()
                  inv.amount_paid = MathBN.sub(inv.amount_paid, release.amount).toString()
                  p.amount_allocated = MathBN.sub(p.amount_allocated, release.amount).toString()
                }
                inv.amount_credited = MathBN.add(inv.amount_credited, eur(o.cents)).toString()
                creditNotes = MathBN.add(creditNotes, eur(o.cents))
              }
            }
            if (o.kind === "unapply" && allocations[o.a] && MathBN.gt(allocations[o.a].amount, 0)) {
              const al = allocations[o.a]
              const p = payments.find((x) => x.id === al.payment_id)!
              const inv = invoices.find((x) => x.id === al.invoice_id)!
              p.amount_allocated = MathBN.sub(p.amount_allocated, al.amount).toString()
              inv.amount_paid = MathBN.sub(inv.amount_paid, al.amount).toString()
              al.amount = "0"
            }
            if (o.kind === "refund" && payments[o.p]) {
              const p = payments[o.p]
              assertRefund(p, eur(o.cents))
              const mine = allocations.filter((a) => a.payment_id === p.id && MathBN.gt(a.amount, 0))
              for (const release of planRefund(p, mine, eur(o.cents))) {
                const al = allocations.find((a) => a.id === release.allocation_id)!
                const inv = invoices.find((x) => x.id === release.invoice_id)!
                al.amount = MathBN.sub(al.amount, release.amount).toString()
                inv.amount_paid = MathBN.sub(inv.amount_paid, release.amount).toString()
                p.amount_allocated = MathBN.sub(p.amount_allocated, release.amount).toString()
              }
              p.amount_refunded = MathBN.add(p.amount_refunded, eur(o.cents)).toString()
              refunds = MathBN.add(refunds, eur(o.cents))
            }
          } catch (e) {
            if (!(e instanceof AllocationError)) throw e
          }
          for (const inv of invoices) {
            inv.status = invoicePaymentStatus({ ...inv, status: "open" })
            // amount_due = total − allocated − credited, never below zero; payments never over-allocate an invoice.
            const allocated = allocations.filter((a) => a.invoice_id === inv.id).reduce((s, a) => MathBN.add(s, a.amount), MathBN.convert(0))
            expect(MathBN.eq(allocated, inv.amount_paid)).toBe(true)
            expect(MathBN.gte(MathBN.sub(MathBN.sub(inv.total, inv.amount_paid), inv.amount_credited), 0)).toBe(true)
            expect(MathBN.lte(inv.amount_paid, inv.total)).toBe(true)
          }
          for (const p of payments) {
            const allocated = allocations.filter((a) => a.payment_id === p.id).reduce((s, a) => MathBN.add(s, a.amount), MathBN.convert(0))
            expect(MathBN.eq(allocated, p.amount_allocated)).toBe(true)
            // allocated + unapplied + refunded = amount, with nothing negative.
            expect(MathBN.eq(MathBN.sum(p.amount_allocated, paymentUnapplied(p), p.amount_refunded), p.amount)).toBe(true)
            expect(MathBN.gte(paymentUnapplied(p), 0)).toBe(true)
            expect(MathBN.gte(p.amount_allocated, 0)).toBe(true)
          }
          // The customer's balance is the sum of the ledger: invoices − credit notes − payments + refunds
          // equals what the invoices still owe minus the unapplied credit.
          const ledger = MathBN.sub(
            MathBN.add(MathBN.sub(MathBN.sum(0, ...invoices.map((i) => i.total)), creditNotes), refunds),
            MathBN.sum(0, ...payments.map((p) => p.amount))
          )
          const owed = MathBN.sum(0, ...invoices.map((i) => invoiceAmountDue(i)))
          const credit = MathBN.sum(0, ...payments.map((p) => paymentUnapplied(p)))
          expect(MathBN.eq(ledger, MathBN.sub(owed, credit))).toBe(true)
        }
      }),
      { numRuns: 300 }
    )
  })
})

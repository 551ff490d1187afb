import fc from "fast-check"
import { MathBN } from "@medusajs/framework/utils"
import { accountCodes, DEFAULT_ACCOUNT_CODES } from "../accounts"
import {
  buildJournal,
  entryDifference,
  isBalanced,
  journalEntry,
  JournalEntry,
  JournalFact,
  journalToCsv,
  moneyAccount,
  receivableBalances,
  receivableTotals,
  totalsByAccount,
} from "../journal"

const codes = accountCodes()
const lines = (entry: JournalEntry | null) => entry!.lines.map((l) => [l.account, l.debit, l.credit])

const invoice = (extra: Partial<Extract<JournalFact, { kind: "invoice" }>> = {}): Extract<JournalFact, { kind: "invoice" }> => ({
  kind: "invoice",
  date: "2026-01-15T10:00:00.000Z",
  id: "inv_1",
  number: "INV-2026-000001",
  customer_id: "cus_1",
  currency_code: "eur",
  // 100 goods − 10 discount + 5.90 shipping + 18.22 VAT − 0.02 rounding
  total: "114.10",
  tax_total: "18.22",
  shipping_total: "5.90",
  rounding_total: "-0.02",
  tax_summary: [
    { code: "DE19", rate: "19", amount: "17.10" },
    { code: "DE7", rate: "7", amount: "1.12" },
  ],
  order_display_id: 1042,
  ...extra,
})

describe("journal entries", () => {
  it("books an invoice: receivable debit, revenue, shipping and tax per rate credited, a negative rounding as a debit", () => {
    const entry = journalEntry(invoice(), codes)!
    expect(entry).toEqual(
      expect.objectContaining({
        id: "invoice:inv_1",
        date: "2026-01-15T10:00:00.000Z",
        type: "invoice",
        reference: "INV-2026-000001",
        description: "Invoice INV-2026-000001 · order #1042",
        currency_code: "eur",
        customer_id: "cus_1",
        source_type: "invoice",
        source_id: "inv_1",
      })
    )
    expect(lines(entry)).toEqual([
      ["1200", "114.1", "0"],
      ["4000", "0", "90"],
      ["4010", "0", "5.9"],
      ["2200", "0", "17.1"],
      ["2200", "0", "1.12"],
      ["6990", "0.02", "0"],
    ])
    expect(entry.lines[3].description).toBe("DE19 19 %")
    expect(isBalanced(entry)).toBe(true)
  })

  it("books the tax on one line when the tax summary does not add up to the tax total, and leaves out zero lines", () => {
    const entry = journalEntry(invoice({ total: "119", tax_total: "19", shipping_total: "0", rounding_total: "0", tax_summary: [{ code: "X", rate: "19", amount: "18" }] }), codes)
    expect(lines(entry)).toEqual([
      ["1200", "119", "0"],
      ["4000", "0", "100"],
      ["2200", "0", "19"],
    ])
    expect(journalEntry(invoice({ total: "0", tax_total: "0", shipping_total: "0", rounding_total: "0" }), codes)).toBeNull()
  })

  it("books a credit note as the mirror of an invoice", () => {
    const entry = journalEntry({ ...invoice({ id: "inv_cn", number: "CN-2026-000001", reason: "Return" }), kind: "credit_note", original_number: "INV-2026-000001" }, codes)!
    expect(entry.description).toBe("Credit note CN-2026-000001 for INV-2026-000001 · Return")
    expect(lines(entry)).toEqual([
      ["4000", "90", "0"],
      ["4010", "5.9", "0"],
      ["2200", "17.1", "0"],
      ["2200", "1.12", "0"],
      ["6990", "0", "0.02"],
      ["1200", "0", "114.1"],
    ])
  })

  it("reverses an untouched invoice entirely when it is voided", () => {
    const voided = journalEntry({ ...invoice(), kind: "invoice_void", date: "2026-01-20T00:00:00Z", amount_credited: "0", amount_written_off: "0" }, codes)!
    expect(voided.id).toBe("invoice_void:inv_1")
    const issued = journalEntry(invoice(), codes)!
    // Every line of the invoice comes back on the other side.
    expect(voided.lines.map((l) => [l.account, l.credit, l.debit]).sort()).toEqual(issued.lines.map((l) => [l.account, l.debit, l.credit]).sort())
  })

  it("voids only what is left after a partial credit note and write-off, against revenue, as the ledger credits it", () => {
    const voided = journalEntry({ ...invoice(), kind: "invoice_void", date: "2026-01-20T00:00:00Z", amount_credited: "20", amount_written_off: "0.10" }, codes)!
    expect(lines(voided)).toEqual([
      ["4000", "94", "0"],
      ["1200", "0", "94"],
    ])
    // Fully credited before the void: nothing left to book.
    expect(journalEntry({ ...invoice(), kind: "invoice_void", date: "2026-01-20T00:00:00Z", amount_credited: "114.10", amount_written_off: "0" }, codes)).toBeNull()
  })

  it("books a payment to its collection account's code, the Stripe balance, or cash", () => {
    const payment = { kind: "payment" as const, date: "2026-01-16T00:00:00Z", id: "bpay_1", receipt_number: "RCT-2026-000001", customer_id: "cus_1", currency_code: "eur", amount: "50", method: "bank_transfer", reference: "SEPA 4711" }
    expect(lines(journalEntry(payment, codes))).toEqual([
      ["1000", "50", "0"],
      ["1200", "0", "50"],
    ])
    expect(journalEntry(payment, codes)!.description).toBe("Payment RCT-2026-000001 · bank_transfer · SEPA 4711")
    expect(lines(journalEntry({ ...payment, account_code: "1020", account_type: "bank" }, codes))[0]).toEqual(["1020", "50", "0"])
    expect(lines(journalEntry({ ...payment, source: "medusa", stripe_payment_intent_id: "pi_1" }, codes))[0]).toEqual(["1010", "50", "0"])
    expect(moneyAccount({ source: "stripe" }, codes)).toEqual({ account: "1010", role: "stripe_clearing" })
    expect(moneyAccount({ account_type: "stripe", account_code: "1015" }, codes)).toEqual({ account: "1015", role: "stripe_clearing" })
    // Stripe money on no account of its own lands where the Stripe collection account says; other money does not.
    expect(moneyAccount({ source: "stripe", stripe_account_code: "1015" }, codes)).toEqual({ account: "1015", role: "stripe_clearing" })
    expect(moneyAccount({ source: "manual", stripe_account_code: "1015" }, codes)).toEqual({ account: "1000", role: "cash" })
  })

  it("books a refund back out of the account its payment came in on, and a failed refund's money back in", () => {
    const refund: JournalFact = { kind: "refund", date: "2026-01-17T00:00:00Z", id: "bref_1", payment_id: "bpay_1", receipt_number: "RCT-2026-000001", customer_id: "cus_1", currency_code: "eur", amount: "7.78", account_code: "1020" }
    expect(lines(journalEntry(refund, codes))).toEqual([
      ["1200", "7.78", "0"],
      ["1020", "0", "7.78"],
    ])
    const failed = journalEntry({ ...refund, kind: "refund_failed", date: "2026-02-03T00:00:00Z" }, codes)
    expect([failed.id, failed.type]).toEqual(["refund_failed:bref_1", "refund_failed"])
    expect(failed.description).toMatch(/^Failed refund of payment RCT-2026-000001/)
    expect(lines(failed)).toEqual([
      ["1200", "0", "7.78"],
      ["1020", "7.78", "0"],
    ])
  })

  it("books chargebacks against the Stripe balance, their reversal the other way, and the dispute fee as an expense", () => {
    const base = { id: "bdsp_1", external_id: "dp_1", receipt_number: "RCT-2026-000002", customer_id: "cus_1", currency_code: "usd", amount: "30", source: "stripe" }
    expect(lines(journalEntry({ ...base, kind: "dispute_withdrawn", date: "2026-02-01T00:00:00Z" }, codes))).toEqual([
      ["1200", "30", "0"],
      ["1010", "0", "30"],
    ])
    expect(lines(journalEntry({ ...base, kind: "dispute_reinstated", date: "2026-02-20T00:00:00Z" }, codes))).toEqual([
      ["1200", "0", "30"],
      ["1010", "30", "0"],
    ])
    const fee = journalEntry({ kind: "dispute_fee", date: "2026-02-01T00:00:00Z", id: "bdsp_1", external_id: "dp_1", customer_id: "cus_1", currency_code: "usd", fee: "15" }, codes)!
    expect(fee.id).toBe("dispute_fee:bdsp_1")
    expect(lines(fee)).toEqual([
      ["6100", "15", "0"],
      ["1010", "0", "15"],
    ])
  })

  it("books Stripe's fees on charges, and payouts from the Stripe balance to the bank (a negative payout the other way)", () => {
    const fee = journalEntry({ kind: "stripe_fee", date: "2026-01-16T00:00:00Z", id: "bsbt_1", external_id: "txn_1", type: "charge", source_id: "ch_1", currency_code: "eur", fee: "1.75" }, codes)!
    expect(fee.id).toBe("stripe_fee:txn_1")
    expect(lines(fee)).toEqual([
      ["6100", "1.75", "0"],
      ["1010", "0", "1.75"],
    ])
    const payout: JournalFact = { kind: "payout", date: "2026-01-20T00:00:00Z", id: "bspo_1", external_id: "po_1", currency_code: "eur", amount: "48.25", bank_account_code: "1020" }
    expect(lines(journalEntry(payout, codes))).toEqual([
      ["1020", "48.25", "0"],
      ["1010", "0", "48.25"],
    ])
    expect(lines(journalEntry({ ...payout, amount: "-5", bank_account_code: null }, codes))).toEqual([
      ["1000", "0", "5"],
      ["1010", "5", "0"],
    ])
  })

  it("books a write-off to the expense account of its reason", () => {
    const writeOff = (reason: string): JournalFact => ({ kind: "write_off", date: "2026-01-31T00:00:00Z", id: "bwo_1", invoice_id: "inv_1", invoice_number: "INV-2026-000001", customer_id: "cus_1", currency_code: "eur", amount: "0.03", reason })
    expect(lines(journalEntry(writeOff("rounding"), codes))).toEqual([
      ["6990", "0.03", "0"],
      ["1200", "0", "0.03"],
    ])
    expect(lines(journalEntry(writeOff("bad_debt"), codes))[0][0]).toBe("6800")
    expect(lines(journalEntry(writeOff("fee"), codes))[0][0]).toBe("6110")
    expect(lines(journalEntry(writeOff("fx"), codes))[0][0]).toBe("6900")
  })

  it("uses the merchant's account codes", () => {
    const custom = accountCodes({ receivable: "10400", revenue: "8400", tax: null })
    expect(lines(journalEntry(invoice({ shipping_total: "0", rounding_total: "0", total: "118.22", tax_summary: null }), custom))).toEqual([
      ["10400", "118.22", "0"],
      ["8400", "0", "100"],
      [DEFAULT_ACCOUNT_CODES.tax, "0", "18.22"],
    ])
  })

  it("orders the journal by date, then id, and writes it as CSV with one row per line", () => {
    const journal = buildJournal(
      [
        { kind: "payment", date: "2026-01-16T00:00:00Z", id: "bpay_1", receipt_number: "RCT-1", customer_id: "cus_1", currency_code: "eur", amount: "10", reference: 'Ref "a", b' },
        invoice({ total: "10", tax_total: "0", shipping_total: "0", rounding_total: "0", tax_summary: null }),
        invoice({ id: "inv_0", number: "INV-0", total: "0", tax_total: "0", shipping_total: "0", rounding_total: "0" }),
      ],
      codes
    )
    expect(journal.map((e) => e.id)).toEqual(["invoice:inv_1", "payment:bpay_1"])
    expect(journalToCsv(journal)).toBe(
      "date,entry_id,type,reference,description,currency,account,debit,credit\r\n" +
        "2026-01-15,invoice:inv_1,invoice,INV-2026-000001,Invoice INV-2026-000001 · order #1042,eur,1200,10,0\r\n" +
        "2026-01-15,invoice:inv_1,invoice,INV-2026-000001,Invoice INV-2026-000001 · order #1042,eur,4000,0,10\r\n" +
        `2026-01-16,payment:bpay_1,payment,RCT-1,"Payment RCT-1 · Ref ""a"", b",eur,1000,10,0\r\n` +
        `2026-01-16,payment:bpay_1,payment,RCT-1,"Payment RCT-1 · Ref ""a"", b",eur,1200,0,10\r\n`
    )
  })

  it("sums debits and credits per account and currency, and the receivable's opening, movements and closing", () => {
    const before = buildJournal([invoice({ id: "inv_0", date: "2025-12-31T23:59:59Z" })], codes)
    const period = buildJournal(
      [
        { kind: "payment", date: "2026-01-16T00:00:00Z", id: "bpay_1", receipt_number: null, customer_id: "cus_1", currency_code: "eur", amount: "100" },
        { kind: "payment", date: "2026-01-16T00:00:00Z", id: "bpay_2", receipt_number: null, customer_id: "cus_2", currency_code: "usd", amount: "5" },
        { kind: "write_off", date: "2026-01-31T00:00:00Z", id: "bwo_1", invoice_id: "inv_0", invoice_number: null, customer_id: "cus_1", currency_code: "eur", amount: "14.10", reason: "bad_debt" },
      ],
      codes
    )
    expect(receivableTotals(receivableBalances(before), period)).toEqual([
      { currency_code: "eur", opening: "114.1", debit: "0", credit: "114.1", closing: "0" },
      { currency_code: "usd", opening: "0", debit: "0", credit: "5", closing: "-5" },
    ])
    expect(totalsByAccount(period)).toEqual([
      { account: "1000", currency_code: "eur", debit: "100", credit: "0" },
      { account: "1000", currency_code: "usd", debit: "5", credit: "0" },
      { account: "1200", currency_code: "eur", debit: "0", credit: "114.1" },
      { account: "1200", currency_code: "usd", debit: "0", credit: "5" },
      { account: "6800", currency_code: "eur", debit: "14.1", credit: "0" },
    ])
  })

  describe("for any documents and payments", () => {
    // Cents as integers keep the generator exact; the journal gets them as decimal text.
    const cents = (min: number, max: number) => fc.integer({ min, max })
    const money = (c: number) => MathBN.div(c, 100).toFixed()
    const document = fc.record({
      goods: cents(0, 1_000_000),
      discount: cents(0, 50_000),
      shipping: cents(0, 5_000),
      taxes: fc.array(cents(0, 200_000), { maxLength: 3 }),
      rounding: cents(-2, 2),
      credited: cents(0, 100),
      written_off: cents(0, 100),
    })
    const fact = fc.oneof(
      document.map(({ goods, discount, shipping, taxes, rounding }) => {
        const tax = taxes.reduce((a, b) => a + b, 0)
        return {
          kind: "invoice" as const,
          total: money(goods - discount + shipping + tax + rounding),
          tax_total: money(tax),
          shipping_total: money(shipping),
          rounding_total: money(rounding),
          tax_summary: taxes.map((t, i) => ({ code: `T${i}`, rate: "19", amount: money(t) })),
        }
      }),
      document.map(({ goods, shipping, rounding }) => ({ kind: "credit_note" as const, total: money(goods + shipping + rounding), tax_total: "0", shipping_total: money(shipping), rounding_total: money(rounding) })),
      document.map(({ goods, taxes, credited, written_off }) => ({
        kind: "invoice_void" as const,
        total: money(goods + taxes.reduce((a, b) => a + b, 0) + credited + written_off),
        tax_total: money(taxes.reduce((a, b) => a + b, 0)),
        shipping_total: "0",
        rounding_total: "0",
        amount_credited: money(credited),
        amount_written_off: money(written_off),
      })),
      fc.record({
        kind: fc.constantFrom("payment" as const, "refund" as const, "refund_failed" as const, "dispute_withdrawn" as const, "dispute_reinstated" as const, "write_off" as const),
        amount: cents(1, 1_000_000).map(money),
        source: fc.constantFrom("manual", "stripe"),
      }),
      fc.record({ kind: fc.constantFrom("stripe_fee" as const, "dispute_fee" as const), fee: cents(-500, 500).map(money) }),
      fc.record({ kind: fc.constant("payout" as const), amount: cents(-10_000, 1_000_000).map(money) })
    )
    const facts = fc.array(fc.tuple(fact, fc.constantFrom("eur", "usd"), fc.integer({ min: 0, max: 60 })), { maxLength: 40 }).map((list) =>
      list.map(([f, currency, day], i) => ({
        ...f,
        date: new Date(Date.UTC(2026, 0, 1 + day)).toISOString(),
        id: `id_${i}`,
        external_id: `ext_${i}`,
        number: `N-${i}`,
        receipt_number: `R-${i}`,
        payment_id: `bpay_${i}`,
        invoice_id: `inv_${i}`,
        invoice_number: `N-${i}`,
        reason: "bad_debt",
        type: "charge",
        customer_id: "cus_1",
        currency_code: currency,
      })) as JournalFact[]
    )

    /** What the customer ledger says each fact moves: + raises the receivable, − lowers it. */
    const ledgerMove = (f: any) => {
      switch (f.kind) {
        case "invoice": return f.total
        case "invoice_void": return MathBN.mult(MathBN.sub(MathBN.sub(f.total, f.amount_credited), f.amount_written_off), -1)
        case "credit_note": case "payment": case "refund_failed": case "dispute_reinstated": case "write_off": return MathBN.mult(f.amount ?? f.total, -1)
        case "refund": case "dispute_withdrawn": return f.amount
        default: return 0
      }
    }

    it("balances every entry, per currency", () => {
      fc.assert(
        fc.property(facts, (list) => {
          for (const entry of buildJournal(list, codes)) {
            expect(entryDifference(entry).toFixed()).toBe("0")
            for (const l of entry.lines) {
              // One side per line, never negative, never both zero.
              expect(MathBN.gte(l.debit, 0) && MathBN.gte(l.credit, 0)).toBe(true)
              expect(MathBN.eq(l.debit, 0) !== MathBN.eq(l.credit, 0)).toBe(true)
            }
          }
        })
      )
    })

    it("moves the receivable exactly as the customer ledger does, so the totals tie to the balances", () => {
      fc.assert(
        fc.property(facts, fc.integer({ min: 0, max: 60 }), (list, cut) => {
          const journal = buildJournal(list, codes)
          const split = new Date(Date.UTC(2026, 0, 1 + cut)).toISOString()
          const totals = receivableTotals(receivableBalances(journal.filter((e) => e.date < split)), journal.filter((e) => e.date >= split))
          for (const currency of ["eur", "usd"]) {
            const ledger = list.filter((f) => f.currency_code === currency).reduce((sum, f) => MathBN.add(sum, ledgerMove(f)), MathBN.convert(0))
            const before = list.filter((f) => f.currency_code === currency && new Date(f.date).toISOString() < split).reduce((sum, f) => MathBN.add(sum, ledgerMove(f)), MathBN.convert(0))
            const t = totals.find((t) => t.currency_code === currency)
            expect(t?.closing ?? "0").toBe(ledger.toFixed())
            expect(t?.opening ?? "0").toBe(before.toFixed())
          }
          // Every account's debits and credits together balance too, per currency.
          for (const currency of ["eur", "usd"]) {
            const byAccount = totalsByAccount(journal).filter((t) => t.currency_code === currency)
            const net = byAccount.reduce((sum, t) => MathBN.add(sum, MathBN.sub(t.debit, t.credit)), MathBN.convert(0))
            expect(net.toFixed()).toBe("0")
          }
        })
      )
    })
  })
})

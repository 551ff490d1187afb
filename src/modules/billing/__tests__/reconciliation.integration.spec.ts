import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "path"
import { BILLING_MODULE } from ".."
import type BillingModuleService from "../service"
import { buildInvoiceFromOrder } from "../domain/invoice-from-order"
import type { CreateDraftInvoiceInput } from "../types"

jest.setTimeout(120_000)

/** A month that has ended: the one before last. */
const now = new Date()
const past = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1))
const period = past.toISOString().slice(0, 7)
const inPeriod = `${period}-15T10:00:00.000Z`

function draftFor(customerId = "cus_1"): CreateDraftInvoiceInput {
  return {
    ...buildInvoiceFromOrder({
      currency_code: "eur",
      total: "59.50",
      items: [{ id: "ordli_1", title: "T-Shirt", quantity: 2, unit_price: 25, subtotal: 50, discount_subtotal: 0, tax_lines: [{ code: "DE19", rate: 19 }] }],
      shipping_methods: [],
    }),
    order_id: null,
    customer_id: customerId,
    email: "buyer@example.com",
    payment_terms_days: 14,
  }
}

moduleIntegrationTestRunner<BillingModuleService>({
  moduleName: BILLING_MODULE,
  resolve: path.join(__dirname, ".."),
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service }) => {
    const issue = async (issued_at?: string) => service.issueInvoice((await service.createDraftInvoice(draftFor())).id, { issued_at })

    describe("period close", () => {
      const start = new Date(`${period}-01T00:00:00Z`)
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1))
      /** The month as the books show it: its journal and the customer's statement of it. */
      const month = async () => ({
        journal: (await service.listJournalEntries({ from: start, to: end })).entries,
        statement: await service.retrieveStatement({ customer_id: "cus_1", currency_code: "eur", from: start, to: end }),
      })

      it("closes an ended month once; afterwards nothing dated in it is created, changed or voided until it is reopened with a reason", async () => {
        const invoice = await issue(inPeriod)
        const closed = await service.closePeriod({ period, actor: { actor_type: "user", actor_id: "user_1" } })
        expect(closed).toEqual(expect.objectContaining({ period, status: "closed", closed_by: "user_1" }))
        await expect(service.closePeriod({ period })).rejects.toThrow(new RegExp(`${period}\\) is already closed`))

        const named = new RegExp(`in .+ \\(${period}\\), which is closed`)
        await expect(service.voidInvoice(invoice.id, { reason: "Wrong customer" })).rejects.toThrow(named)
        await expect(issue(`${period}-20T10:00:00Z`)).rejects.toThrow(named)
        await expect(
          service.recordPayment({ customer_id: "cus_1", currency_code: "eur", amount: 10, method: "bank_transfer", received_at: inPeriod })
        ).rejects.toThrow(named)
        await expect(service.writeOffInvoice({ invoice_id: invoice.id, amount: 1, reason: "rounding", written_off_at: inPeriod })).rejects.toThrow(named)
        // A fact that arrives late from Stripe or Medusa is booked on the first day after the closed period.
        const late = await service.recordPayment({ customer_id: "cus_1", currency_code: "eur", amount: 10, source: "stripe", external_id: "ch_late", received_at: inPeriod })
        const nextMonth = new Date(past)
        nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1)
        expect(new Date(late.received_at).toISOString()).toBe(nextMonth.toISOString())
        // Today is open.
        await expect(service.writeOffInvoice({ invoice_id: invoice.id, amount: "0.50", reason: "rounding" })).resolves.toBeTruthy()

        await expect(service.reopenPeriod({ period, reason: " " })).rejects.toThrow(/reason is required/)
        await service.reopenPeriod({ period, reason: "Late supplier credit", actor: { actor_type: "user", actor_id: "user_2" } })
        await expect(service.reopenPeriod({ period, reason: "again" })).rejects.toThrow(/is not closed/)
        await expect(service.voidInvoice(invoice.id, { reason: "Wrong customer" })).resolves.toEqual(expect.objectContaining({ status: "void" }))
        const log = await service.listActivities({ entity_type: "period", entity_id: period }, { order: { created_at: "ASC" } })
        expect(log.map((a) => [a.action, a.actor_id])).toEqual([["period.closed", "user_1"], ["period.reopened", "user_2"]])
        expect(log[1].data).toEqual(expect.objectContaining({ reason: "Late supplier credit" }))
      })

      it("keeps a closed month's refund when Stripe says later that it failed: the money back is booked on the day it failed", async () => {
        const invoice = await issue(inPeriod)
        const payment = await service.recordPayment({
          customer_id: "cus_1", currency_code: "eur", amount: "59.50", source: "stripe", method: "card", external_id: "ch_closed", received_at: inPeriod,
          allocate: [{ invoice_id: invoice.id, amount: "59.50" }],
        })
        const refund = await service.refundPayment(payment.id, {
          amount: "20", source: "stripe", external_id: "re_closed", provider_refund_id: "re_closed", refunded_at: `${period}-20T10:00:00Z`,
        })
        const before = await month()
        expect(before.journal.map((e) => e.id)).toEqual(expect.arrayContaining([`refund:${refund.id}`]))
        await service.closePeriod({ period })

        // The refund fails now: the invoice is paid again, the closed month is as it was.
        expect(await service.cancelPaymentRefund(refund.id, { actor_type: "stripe", actor_id: "re_closed" })).toBe(true)
        expect(await service.retrieveInvoice(invoice.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
        expect(await month()).toEqual(before)
        const statement = await service.retrieveStatement({ customer_id: "cus_1", currency_code: "eur" })
        expect(statement.entries.map((e: any) => [e.type, e.debit, e.credit])).toEqual([
          ["invoice", "59.5", "0"],
          ["payment", "0", "59.5"],
          ["refund", "20", "0"],
          ["refund_failed", "0", "20"],
        ])
        expect(statement.closing_balance).toBe("0")
        const today = (await service.listJournalEntries({ from: end, to: new Date(Date.now() + 86_400_000) })).entries
        const failed = today.find((e) => e.id === `refund_failed:${refund.id}`)!
        expect(failed.lines.map((l) => [l.role, l.debit, l.credit])).toEqual([
          ["receivable", "0", "20"],
          ["stripe_clearing", "20", "0"],
        ])

        // A refund that failed before billing heard of it, dated in the closed month: booked after it, made and failed.
        const late = await service.recordFailedRefund({
          payment_id: payment.id, amount: "5", source: "stripe", external_id: "re_failed_first", provider_refund_id: "re_failed_first",
          reason: "expired_or_canceled_card", refunded_at: new Date(`${period}-25T10:00:00Z`),
        })
        expect(new Date(late.refunded_at).toISOString()).toBe(end.toISOString())
        expect(new Date(late.canceled_at!).getTime()).toBeGreaterThanOrEqual(new Date(late.refunded_at).getTime())
        expect(await month()).toEqual(before)
        expect((await service.retrieveBillingPayment(payment.id)).amount_refunded).toEqual(0)
      })

      it("books a chargeback Stripe reports late on the first day after the closed month, and keeps it there on every later delivery", async () => {
        const invoice = await issue(inPeriod)
        const payment = await service.recordPayment({
          customer_id: "cus_1", currency_code: "eur", amount: "59.50", source: "stripe", method: "card", external_id: "ch_disputed", received_at: inPeriod,
          allocate: [{ invoice_id: invoice.id, amount: "59.50" }],
        })
        await service.closePeriod({ period })
        const before = await month()
        const inClosedMonth = Math.floor(new Date(`${period}-20T10:00:00Z`).getTime() / 1000)
        const withdrawal = { id: "txn_dw_late", amount: -2000, fee: 1500, currency: "eur", created: inClosedMonth }
        const deliver = (status: string, balance_transactions: typeof withdrawal[]) =>
          service.applyPaymentDispute({
            external_id: "dp_late", payment_id: payment.id, charge_id: "ch_disputed", currency_code: "eur", amount_minor: 2000, status,
            reason: "fraudulent", event_created_at: new Date(), balance_transactions,
          })
        await deliver("needs_response", [withdrawal])
        const [dispute] = await service.listPaymentDisputes({ external_id: "dp_late" })
        expect(new Date(dispute.withdrawn_at!).toISOString()).toBe(end.toISOString())
        expect(await month()).toEqual(before)
        // Won: the reinstatement (also dated in the closed month) follows it; the withdrawal stays where it was booked.
        await deliver("won", [withdrawal, { ...withdrawal, id: "txn_dr_late", amount: 2000, fee: -1500, created: inClosedMonth + 60 }])
        const [won] = await service.listPaymentDisputes({ external_id: "dp_late" })
        expect([new Date(won.withdrawn_at!).toISOString(), new Date(won.reinstated_at!).toISOString()]).toEqual([end.toISOString(), end.toISOString()])
        expect(await month()).toEqual(before)
        expect(await service.retrieveInvoice(invoice.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
      })

      it("refuses a month that has not ended, and names that are not months", async () => {
        await expect(service.closePeriod({ period: new Date().toISOString().slice(0, 7) })).rejects.toThrow(/has not ended yet/)
        for (const bad of ["2026-13", "2026-1", "October", ""]) {
          await expect(service.closePeriod({ period: bad })).rejects.toThrow(/is not a period/)
        }
      })
    })

    describe("overdue", () => {
      it("marks invoices overdue once their due day has passed in the store's time zone, once each", async () => {
        // Issued at 20:00 UTC on Oct 1 with 14 days: due Oct 15, 20:00 UTC — already Oct 16 in Shanghai.
        const invoice = await issue("2026-10-01T20:00:00Z")
        const paidOne = await issue("2026-10-01T20:00:00Z")
        await service.recordPayment({ customer_id: "cus_1", currency_code: "eur", amount: "59.50", method: "bank_transfer", allocate: [{ invoice_id: paidOne.id, amount: "59.50" }] })

        expect(await service.markOverdueInvoices(new Date("2026-10-15T23:00:00Z"))).toEqual([])
        await service.updateSettings({ timezone: "Asia/Shanghai" })
        // 23:00 UTC on Oct 15 is Oct 16 in Shanghai; the due day (Oct 16 there) has not passed yet.
        expect(await service.markOverdueInvoices(new Date("2026-10-15T23:00:00Z"))).toEqual([])
        const marked = await service.markOverdueInvoices(new Date("2026-10-16T16:30:00Z")) // Oct 17, 00:30 in Shanghai
        expect(marked.map((i) => i.id)).toEqual([invoice.id])
        expect((await service.retrieveInvoice(invoice.id)).overdue_at).toEqual(new Date("2026-10-16T16:30:00Z"))
        // Again, or later: nothing is marked twice; the paid one never is.
        expect(await service.markOverdueInvoices(new Date("2026-10-20T00:00:00Z"))).toEqual([])
        expect((await service.retrieveInvoice(paidOne.id)).overdue_at).toBeNull()
        expect((await service.listActivities({ entity_id: invoice.id, action: "invoice.overdue" })).length).toBe(1)
      })
    })

    describe("write-offs", () => {
      it("lowers what the invoice owes, in the ledger too, and never more than it owes", async () => {
        const invoice = await issue()
        await expect(service.writeOffInvoice({ invoice_id: invoice.id, amount: "59.51", reason: "bad_debt" })).rejects.toThrow(/more than invoice .+ owes \(59\.5\)/)
        await expect(service.writeOffInvoice({ invoice_id: invoice.id, amount: "0.001", reason: "rounding" })).rejects.toThrow(/more decimals/)
        await service.recordPayment({ customer_id: "cus_1", currency_code: "eur", amount: "59", method: "bank_transfer", allocate: [{ invoice_id: invoice.id, amount: "59" }] })
        const writeOff = await service.writeOffInvoice({ invoice_id: invoice.id, amount: "0.50", reason: "fee", note: "Bank charge" })
        expect(writeOff).toEqual(expect.objectContaining({ amount: 0.5, reason: "fee", customer_id: "cus_1" }))
        expect(await service.retrieveInvoice(invoice.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0, amount_written_off: 0.5, amount_paid: 59 }))
        const statement = await service.retrieveStatement({ customer_id: "cus_1", currency_code: "eur" })
        expect(statement.entries.map((e: any) => [e.type, e.debit, e.credit])).toEqual([
          ["invoice", "59.5", "0"],
          ["payment", "0", "59"],
          ["write_off", "0", "0.5"],
        ])
        expect(statement.closing_balance).toBe("0")
        await expect(service.writeOffInvoice({ invoice_id: invoice.id, amount: "0.01", reason: "fee" })).rejects.toThrow(/only an open or partly paid invoice/)
      })
    })

    describe("Stripe payout reconciliation", () => {
      it("matches each balance transaction with its payment, refund or dispute and reports what differs", async () => {
        const at = new Date("2026-11-02T10:00:00Z")
        const pay = (id: string, amount: string, intent: string) =>
          service.recordPayment({ customer_id: "cus_1", currency_code: "eur", amount, source: "stripe", method: "card", external_id: id, stripe_payment_intent_id: intent, received_at: at })
        const p1 = await pay("ch_1", "100", "pi_1")
        const p2 = await pay("capt_medusa_2", "50", "pi_2")
        await pay("ch_3", "30", "pi_3")
        const refund = await service.refundPayment(p1.id, { amount: "10", source: "stripe", external_id: "re_1", provider_refund_id: "re_1" })
        const txn = (id: string, type: string, source: string, amount: string, fee: string, extra: Record<string, unknown> = {}) => ({
          external_id: id, type, source_id: source, charge_id: type === "charge" ? source : null, payment_intent_id: null,
          currency_code: "eur", amount, fee, net: (Number(amount) * 100 - Number(fee) * 100) / 100 + "", exchange_rate: null, status: "available",
          available_on: at, stripe_created_at: at, payout_id: "po_1", ...extra,
        })
        await service.upsertStripeBalanceTransactions([
          txn("txn_1", "charge", "ch_1", "100", "1.65"),
          // Medusa's capture: found through the PaymentIntent.
          { ...txn("txn_2", "charge", "ch_2", "45", "0.90"), payment_intent_id: "pi_2" },
          txn("txn_3", "refund", "re_1", "-10", "0"),
          txn("txn_4", "charge", "ch_unknown", "20", "0.50"),
          txn("txn_5", "stripe_fee", "", "-2", "0"),
          txn("txn_6", "payout", "po_1", "-150.95", "0"),
        ])
        // Stripe's later listing says the first charge's fee was different.
        await service.upsertStripeBalanceTransactions([txn("txn_1", "charge", "ch_1", "100", "1.75")])
        await service.upsertStripePayout({ external_id: "po_1", currency_code: "eur", amount: "150.95", status: "paid", arrival_date: at, event_created_at: at } as any)

        const run = await service.startReconciliationRun({ kind: "stripe_payout", params: { payout_id: "po_1" } })
        await expect(service.restartReconciliationRun(run.id)).rejects.toThrow(/is still running/)
        const seen = new Date()
        const result = await service.reconcileStripePayouts(run.id, ["po_1"], seen)
        expect(result).toEqual({ lines: 5, matched: 1, payouts: 1, exceptions: 5 })
        const finished = await service.finishReconciliationRun(run.id, seen, {})
        expect(finished).toEqual(expect.objectContaining({ status: "completed", matched_count: 3, exception_count: 5 }))
        const exceptions = await service.listReconciliationExceptions({ run_id: run.id }, { order: { key: "ASC" } })
        expect(exceptions.map((e) => [e.type, e.expected_amount, e.actual_amount, e.difference])).toEqual([
          ["stripe_amount_mismatch", 50, 45, -5],
          ["stripe_fee_mismatch", 1.65, 1.75, 0.1],
          // 98.25 (the first charge's net as Stripe reports it now, with its new fee) + 44.10 − 10 + 19.50 − 2
          ["payout_total_mismatch", 150.95, 149.85, -1.1],
          ["stripe_line_unclassified", null, -2, null],
          ["stripe_line_unrecorded", null, 20, 20],
        ])
        expect(exceptions.find((e) => e.type === "stripe_amount_mismatch")!.links).toEqual(expect.objectContaining({ payment_id: p2.id, balance_transaction_id: "txn_2" }))
        const matches = await service.listReconciliationMatches({ run_id: run.id }, { order: { key: "ASC" } })
        expect(matches.map((m) => [m.source_type, m.target_type, m.target_id])).toEqual([
          ["stripe_balance_transaction", "payment", p1.id],
          ["stripe_balance_transaction", "payment", p2.id],
          ["stripe_balance_transaction", "refund", refund.id],
        ])

        // Running it again changes nothing; an exception resolved stays resolved.
        const unrecorded = exceptions.find((e) => e.type === "stripe_line_unrecorded")!
        await service.resolveReconciliationException(unrecorded.id, { action: "explain", note: "A test charge" })
        await expect(service.resolveReconciliationException(unrecorded.id, { action: "explain", note: "again" })).rejects.toThrow(/already resolved/)
        await expect(service.resolveReconciliationException(exceptions[0].id, { action: "explain" })).rejects.toThrow(/needs a note/)
        await expect(service.resolveReconciliationException(exceptions[0].id, { action: "write_off" })).rejects.toThrow(/cannot be resolved with "write_off"/)
        await service.restartReconciliationRun(run.id)
        const again = new Date()
        await service.reconcileStripePayouts(run.id, ["po_1"], again)
        await service.finishReconciliationRun(run.id, again, {})
        const after = await service.listReconciliationExceptions({ run_id: run.id }, { order: { key: "ASC" } })
        expect(after.map((e) => [e.id, e.status])).toEqual(exceptions.map((e) => [e.id, e.id === unrecorded.id ? "resolved" : "open"]))
        expect(await service.listReconciliationMatches({ run_id: run.id })).toHaveLength(3)
        expect((await service.retrieveReconciliationRun(run.id)).runs).toBe(2)
      })
    })
  },
})

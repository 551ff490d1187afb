import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MathBN } from "@medusajs/framework/utils"
import path from "path"
import { BILLING_MODULE } from ".."
import type BillingModuleService from "../service"
import { buildInvoiceFromOrder } from "../domain/invoice-from-order"

jest.setTimeout(120_000)

/** An issued invoice of `total` (no tax) for a customer, due `dueDays` from now. */
async function issuedInvoice(service: BillingModuleService, orderId: string, total: string, customer = "cus_1", currency = "eur", issuedAt?: string) {
  const draft = await service.createDraftInvoice({
    ...buildInvoiceFromOrder({
      currency_code: currency,
      total,
      items: [{ id: `${orderId}_line`, title: "Item", quantity: 1, unit_price: total, subtotal: total, discount_subtotal: 0, tax_lines: [] }],
      shipping_methods: [],
    }),
    order_id: orderId,
    customer_id: customer,
    payment_terms_days: 14,
  })
  return await service.issueInvoice(draft.id, issuedAt ? { issued_at: issuedAt } : {})
}

moduleIntegrationTestRunner<BillingModuleService>({
  moduleName: BILLING_MODULE,
  resolve: path.join(__dirname, ".."),
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service }) => {
    const pay = (amount: string, allocate: any = "auto", extra: any = {}) =>
      service.recordPayment({ customer_id: "cus_1", currency_code: "eur", amount, method: "bank_transfer", allocate, ...extra })
    const invoice = (id: string) => service.retrieveInvoice(id)

    describe("payments and allocation", () => {
      it("pays the oldest due invoice first, leaves the next partially paid, and keeps nothing as credit", async () => {
        const older = await issuedInvoice(service, "o1", "50.00", "cus_1", "eur", "2026-01-01T00:00:00Z")
        const newer = await issuedInvoice(service, "o2", "80.00", "cus_1", "eur", "2026-02-01T00:00:00Z")
        const payment = await pay("100.00")
        expect(payment.amount_allocated).toEqual(100)
        expect((await invoice(older.id))).toEqual(expect.objectContaining({ status: "paid", amount_paid: 50, amount_due: 0 }))
        expect((await invoice(newer.id))).toEqual(expect.objectContaining({ status: "partially_paid", amount_paid: 50, amount_due: 30 }))
      })

      it("keeps an overpayment as the customer's credit, usable later on another invoice", async () => {
        const first = await issuedInvoice(service, "o1", "30.00")
        const payment = await pay("100.00")
        expect([payment.amount_allocated, payment.amount_refunded]).toEqual([30, 0])
        expect((await invoice(first.id)).status).toBe("paid")
        const later = await issuedInvoice(service, "o2", "45.50")
        await service.allocatePayment(payment.id, "auto")
        expect((await invoice(later.id))).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
        expect((await service.retrieveBillingPayment(payment.id)).amount_allocated).toEqual(75.5)
      })

      it("unapplies an allocation: the invoice owes again, the payment has the credit again, and it is logged", async () => {
        const inv = await issuedInvoice(service, "o1", "60.00")
        const payment = await pay("60.00")
        const [allocation] = await service.listPaymentAllocations({ payment_id: payment.id })
        await service.unapplyAllocation(allocation.id, { actor_type: "user", actor_id: "user_1" })
        expect((await invoice(inv.id))).toEqual(expect.objectContaining({ status: "open", amount_paid: 0, amount_due: 60 }))
        expect((await service.retrieveBillingPayment(payment.id)).amount_allocated).toEqual(0)
        const log = await service.listActivities({ entity_id: inv.id, action: "invoice.payment_unapplied" })
        expect(log[0]).toEqual(expect.objectContaining({ actor_type: "user", actor_id: "user_1" }))
        await expect(service.unapplyAllocation(allocation.id)).rejects.toThrow("already unapplied")
      })

      it("refunds from credit first, then reopens what the newest allocation paid", async () => {
        const inv = await issuedInvoice(service, "o1", "70.00")
        const payment = await pay("100.00")
        await service.refundPayment(payment.id, { amount: "50.00", reason: "Customer asked" })
        const after = await service.retrieveBillingPayment(payment.id)
        expect([after.amount, after.amount_allocated, after.amount_refunded]).toEqual([100, 50, 50])
        expect((await invoice(inv.id))).toEqual(expect.objectContaining({ status: "partially_paid", amount_paid: 50, amount_due: 20 }))
        await expect(service.refundPayment(payment.id, { amount: "50.01" })).rejects.toThrow("At most 50 of this payment can be refunded")
      })

      it.each([
        [{ amount: "0" }, /must be more than 0/],
        [{ amount: "-10" }, /must be more than 0/],
        [{ amount: "10.001" }, /more decimals than EUR has/],
        [{ currency_code: "xyz" }, /Unknown currency/],
      ])("refuses a payment %j and records nothing", async (bad, message) => {
        await expect(service.recordPayment({ customer_id: "cus_1", currency_code: "eur", amount: "10", ...bad })).rejects.toThrow(message)
        expect(await service.listBillingPayments({})).toHaveLength(0)
      })

      it("refuses allocations in another currency, to another customer's invoice, above the amount due or the unapplied amount, and records nothing", async () => {
        const usd = await issuedInvoice(service, "o1", "20.00", "cus_1", "usd")
        const theirs = await issuedInvoice(service, "o2", "20.00", "cus_2")
        const mine = await issuedInvoice(service, "o3", "20.00")
        const payment = await pay("30.00", "none")
        await expect(service.allocatePayment(payment.id, [{ invoice_id: usd.id, amount: "10" }])).rejects.toThrow("own currency")
        await expect(service.allocatePayment(payment.id, [{ invoice_id: theirs.id, amount: "10" }])).rejects.toThrow("another customer")
        await expect(service.allocatePayment(payment.id, [{ invoice_id: mine.id, amount: "25" }])).rejects.toThrow("owes 20, less than 25")
        const small = await pay("5.00", "none")
        await expect(service.allocatePayment(small.id, [{ invoice_id: mine.id, amount: "6" }])).rejects.toThrow("has 5 left to allocate")
        // A refused allocation in a list changes nothing, not even the allocations before it.
        await expect(
          service.allocatePayment(payment.id, [{ invoice_id: mine.id, amount: "10" }, { invoice_id: theirs.id, amount: "1" }])
        ).rejects.toThrow("another customer")
        expect(await service.listPaymentAllocations({})).toHaveLength(0)
        expect((await invoice(mine.id)).amount_due).toEqual(20)
      })

      it("never over-allocates an invoice under 50 concurrent payments, and loses nothing", async () => {
        const inv = await issuedInvoice(service, "o1", "100.00")
        const payments = await Promise.all(Array.from({ length: 50 }, () => pay("7.00")))
        const after = await invoice(inv.id)
        expect(after).toEqual(expect.objectContaining({ status: "paid", amount_paid: 100, amount_due: 0 }))
        const fresh = await service.listBillingPayments({ id: payments.map((p) => p.id) })
        const allocated = MathBN.sum(...fresh.map((p) => p.amount_allocated)).toNumber()
        const received = MathBN.sum(...fresh.map((p) => p.amount)).toNumber()
        expect(allocated).toBe(100)
        expect(received).toBe(350)
        // Every payment still adds up: allocated + unapplied = amount.
        for (const p of fresh) expect(MathBN.lte(p.amount_allocated, p.amount)).toBe(true)
        const allocations = await service.listPaymentAllocations({ invoice_id: inv.id })
        expect(MathBN.sum(...allocations.map((a) => a.amount)).toNumber()).toBe(100)
      })

      it("records a movement with an external id once", async () => {
        await pay("10.00", "none", { external_id: "capt_1", source: "medusa" })
        await expect(pay("10.00", "none", { external_id: "capt_1", source: "medusa" })).rejects.toThrow()
        expect(await service.listBillingPayments({ external_id: "capt_1" })).toHaveLength(1)
      })
    })
    describe("receipts, credit notes and the customer ledger", () => {
      const year = new Date().getUTCFullYear()
      const creditNote = async (original: { id: string }, total: string, customer = "cus_1") => {
        const draft = await service.createDraftInvoice({
          ...buildInvoiceFromOrder({
            currency_code: "eur",
            total,
            items: [{ id: "cn_line", title: "Returned item", quantity: 1, unit_price: total, subtotal: total, discount_subtotal: 0, tax_lines: [] }],
            shipping_methods: [],
          }),
          type: "credit_note",
          original_invoice_id: original.id,
          customer_id: customer,
          reason: "Returned",
        })
        return await service.issueInvoice(draft.id)
      }

      it("numbers a receipt for every payment, with no gap when a payment is refused", async () => {
        await issuedInvoice(service, "o1", "10.00")
        const first = await pay("5.00")
        await expect(pay("5.00", [{ invoice_id: "inv_missing", amount: "5" }])).rejects.toThrow()
        const second = await pay("5.00", "none")
        expect([first.receipt_number, second.receipt_number]).toEqual([`RCT-${year}-000001`, `RCT-${year}-000002`])
      })

      it("refuses a payment method turned off in the settings, and records nothing", async () => {
        await service.updateSettings({ payment_methods: ["bank_transfer", "cash"] })
        await expect(pay("5.00", "none", { method: "cheque" })).rejects.toThrow(/"cheque" is turned off.*bank_transfer, cash/)
        expect(await service.listBillingPayments({})).toHaveLength(0)
        expect(await service.enabledPaymentMethods()).toEqual(["bank_transfer", "cash"])
      })

      it("gives back as credit what a credit note takes off an invoice already paid, and links the refund that pays it out", async () => {
        const inv = await issuedInvoice(service, "o1", "80.00")
        const payment = await pay("80.00")
        const cn = await creditNote(inv, "30.00")
        expect(await invoice(inv.id)).toEqual(expect.objectContaining({ status: "paid", amount_paid: 50, amount_credited: 30, amount_due: 0 }))
        const after = await service.retrieveBillingPayment(payment.id)
        expect([after.amount_allocated, after.amount_refunded]).toEqual([50, 0])
        const [balance] = await service.listCustomerBalances("cus_1")
        expect(balance).toEqual(expect.objectContaining({ currency_code: "eur", balance: "-30", unapplied_credit: "30", amount_due: "0" }))

        const otherCustomer = await issuedInvoice(service, "o9", "40.00", "cus_2")
        const theirs = await creditNote(otherCustomer, "10.00", "cus_2")
        await expect(service.refundPayment(payment.id, { amount: "30.00", credit_note_id: theirs.id })).rejects.toThrow(/another customer/)
        const refund = await service.refundPayment(payment.id, { amount: "30.00", credit_note_id: cn.id, reason: "Return" })
        expect(refund.credit_note_id).toBe(cn.id)
        expect((await service.listCustomerBalances("cus_1"))).toEqual([])
        // The invoice stays paid: the refund came out of the credit, not out of the invoice.
        expect((await invoice(inv.id)).status).toBe("paid")
      })

      it("keeps a ledger whose running balance ends at the customer's balance, with an opening balance per period", async () => {
        const jan = await issuedInvoice(service, "o1", "100.00", "cus_1", "eur", "2026-01-10T00:00:00Z")
        await pay("40.00", "auto", { received_at: "2026-01-20T00:00:00Z" })
        await issuedInvoice(service, "o2", "25.50", "cus_1", "eur", "2026-02-05T00:00:00Z")
        await creditNote(jan, "10.00")
        const big = await pay("100.00", "auto", { received_at: "2026-03-01T00:00:00Z" })
        await service.refundPayment(big.id, { amount: "4.50", refunded_at: "2026-03-02T00:00:00Z" })
        await issuedInvoice(service, "o3", "7.00", "cus_1", "usd", "2026-02-01T00:00:00Z")

        const all = await service.retrieveStatement({ customer_id: "cus_1", currency_code: "EUR" })
        expect(all.opening_balance).toBe("0")
        expect(all.entries.map((e) => [e.type, e.debit, e.credit, e.balance])).toEqual([
          ["invoice", "100", "0", "100"],
          ["payment", "0", "40", "60"],
          ["invoice", "25.5", "0", "85.5"],
          ["payment", "0", "100", "-14.5"],
          ["refund", "4.5", "0", "-10"],
          ["credit_note", "0", "10", "-20"],
        ])
        const [eur, usd] = await service.listCustomerBalances("cus_1")
        expect(MathBN.eq(eur.balance, all.closing_balance)).toBe(true)
        expect(eur).toEqual(expect.objectContaining({ amount_due: "0", unapplied_credit: "20" }))
        expect(usd).toEqual(expect.objectContaining({ currency_code: "usd", balance: "7", open_invoices: 1 }))

        const feb = await service.retrieveStatement({
          customer_id: "cus_1",
          currency_code: "eur",
          from: new Date("2026-02-01T00:00:00Z"),
          to: new Date("2026-03-01T00:00:00Z"),
        })
        expect([feb.opening_balance, feb.entries.map((e) => e.type), feb.closing_balance]).toEqual(["60", ["invoice"], "85.5"])
        await expect(
          service.retrieveStatement({ customer_id: "cus_1", currency_code: "eur", from: new Date("2026-03-01"), to: new Date("2026-02-01") })
        ).rejects.toThrow("ends before it starts")
      })

      it("reports overdue amounts by age", async () => {
        const now = new Date()
        const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString()
        // Due 14 days after issue: issued 20 days ago is 6 days late, 60 days ago is 46 days late.
        await issuedInvoice(service, "o1", "10.00", "cus_1", "eur", daysAgo(20))
        await issuedInvoice(service, "o2", "20.00", "cus_1", "eur", daysAgo(60))
        await issuedInvoice(service, "o3", "40.00", "cus_1", "eur")
        const [eur] = await service.listCustomerBalances("cus_1", now)
        expect(eur).toEqual(
          expect.objectContaining({
            amount_due: "70",
            overdue: "30",
            open_invoices: 3,
            aging: { current: "40", d1_30: "10", d31_60: "20", d61_90: "0", over_90: "0" },
          })
        )
      })
    })
  },
})

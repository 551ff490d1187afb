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
  },
})

import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { capturePaymentWorkflow, refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { TestEventUtils } from "@medusajs/test-utils"
import { eventually } from "../helpers/storefront"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { refuse, SUBSCRIBERS_TIMEOUT } from "../helpers/billing"
import { useBillingFixture } from "../helpers/fixtures"

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { headers, customer, createCustomer, invoiceFor } = useBillingFixture(
      { api, getContainer },
      { customer: { email: "payer@example.com", first_name: "Pay", last_name: "Er" } }
    )
    const get = async (id: string) => (await api.get(`/admin/invoices/${id}`, { headers })).data.invoice
    const record = (body: Record<string, unknown>) =>
      api.post("/admin/billing/payments", { customer_id: customer.id, currency_code: "eur", method: "bank_transfer", ...body }, { headers })

    it("records a bank transfer that pays the oldest invoice and part of the next, keeping the rest as credit", async () => {
      const first = await invoiceFor() // 17.78
      const second = await invoiceFor({ quantity: 2 }) // 29.67
      const { data, status } = await record({ amount: 30, reference: "SEPA 4711" })
      expect(status).toBe(201)
      expect(data.payment).toEqual(expect.objectContaining({ amount: 30, amount_allocated: 30, amount_unapplied: 0, method: "bank_transfer", reference: "SEPA 4711" }))
      expect(data.payment.allocations.map((a: any) => [a.invoice_number, a.amount])).toEqual([
        [first.number, 17.78],
        [second.number, 12.22],
      ])
      expect(await get(first.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
      expect(await get(second.id)).toEqual(expect.objectContaining({ status: "partially_paid", amount_due: 17.45 }))

      const extra = await record({ amount: 20 })
      expect(extra.data.payment).toEqual(expect.objectContaining({ amount_allocated: 17.45, amount_unapplied: 2.55 }))
      const credit = (await api.get("/admin/billing/payments?unapplied=true", { headers })).data.payments
      expect(credit.map((p: any) => p.id)).toEqual([extra.data.payment.id])
    })

    it("keeps a payment as credit, allocates it later by hand, unapplies and refunds it", async () => {
      const invoice = await invoiceFor()
      const { data } = await record({ amount: 50, allocate: "none" })
      expect(data.payment.amount_unapplied).toBe(50)

      const allocated = await api.post(
        `/admin/billing/payments/${data.payment.id}/allocations`,
        { allocations: [{ invoice_id: invoice.id, amount: 10 }] },
        { headers }
      )
      expect(allocated.data.payment.amount_unapplied).toBe(40)
      expect(await get(invoice.id)).toEqual(expect.objectContaining({ status: "partially_paid", amount_due: 7.78 }))

      const allocationId = allocated.data.payment.allocations[0].id
      const unapplied = await api.delete(`/admin/billing/payments/${data.payment.id}/allocations/${allocationId}`, { headers })
      expect(unapplied.data.payment.amount_unapplied).toBe(50)
      expect(await get(invoice.id)).toEqual(expect.objectContaining({ status: "open", amount_due: 17.78 }))

      const refunded = await api.post(`/admin/billing/payments/${data.payment.id}/refunds`, { amount: 50, reason: "Paid twice" }, { headers })
      expect(refunded.data.payment).toEqual(expect.objectContaining({ amount_refunded: 50, amount_unapplied: 0 }))
      expect(refunded.data.payment.refunds[0]).toEqual(expect.objectContaining({ amount: 50, reason: "Paid twice", source: "manual" }))
    })

    it("reopens what a refund takes back from a paid invoice", async () => {
      const invoice = await invoiceFor()
      const { data } = await record({ amount: 17.78 })
      expect((await get(invoice.id)).status).toBe("paid")
      await api.post(`/admin/billing/payments/${data.payment.id}/refunds`, { amount: 7.78 }, { headers })
      expect(await get(invoice.id)).toEqual(expect.objectContaining({ status: "partially_paid", amount_due: 7.78 }))
    })

    it.each([
      [{ amount: 0 }, /more than 0/],
      [{ amount: -5 }, /more than 0/],
      [{ amount: 1.234 }, /more decimals than EUR has/],
      [{ amount: 10, currency_code: "xyz" }, /Unknown currency/],
      [{ amount: 10, method: "barter" }, /method/],
      [{ amount: "ten" }, /amount/],
      [{ amount: 10, surprise: true }, /surprise/],
    ])("refuses a payment %j with a 400 and records nothing", async (body, message) => {
      const res = await refuse(record(body))
      expect(res.status).toBe(400)
      expect(res.data.message).toMatch(message)
      expect((await api.get("/admin/billing/payments", { headers })).data.count).toBe(0)
    })

    it("refuses allocations above the amount due or the credit, to another customer's invoice, or in another currency, and a refund above what is left", async () => {
      const invoice = await invoiceFor()
      const other = await createCustomer({ email: "other@example.com" })
      const theirs = await invoiceFor({ customer: other })
      const { data } = await record({ amount: 20, allocate: "none" })
      const allocate = (allocations: any) => refuse(api.post(`/admin/billing/payments/${data.payment.id}/allocations`, { allocations }, { headers }))

      expect((await allocate([{ invoice_id: invoice.id, amount: 18 }])).data.message).toMatch(/owes 17.78, less than 18/)
      expect((await allocate([{ invoice_id: theirs.id, amount: 5 }])).data.message).toMatch(/another customer/)
      const usd = await refuse(record({ amount: 5, currency_code: "usd", allocate: [{ invoice_id: invoice.id, amount: 5 }] }))
      expect(usd.data.message).toMatch(/own currency/)
      const small = (await record({ amount: 5, allocate: "none" })).data.payment
      const tooMuch = await refuse(api.post(`/admin/billing/payments/${small.id}/allocations`, { allocations: [{ invoice_id: invoice.id, amount: 6 }] }, { headers }))
      expect(tooMuch.data.message).toMatch(/has 5 left to allocate/)
      const refund = await refuse(api.post(`/admin/billing/payments/${small.id}/refunds`, { amount: 5.01 }, { headers }))
      expect(refund.data.message).toMatch(/At most 5 of this payment can be refunded/)

      expect((await get(invoice.id)).amount_due).toBe(17.78)
      const payments = (await api.get("/admin/billing/payments", { headers })).data.payments
      expect(payments.map((p: any) => p.amount_allocated)).toEqual([0, 0])
    })

    it("records Medusa's capture and refund once each, keyed by their ids, and pays the order's invoice", async () => {
      const container = getContainer()
      const invoice = await invoiceFor()
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["payment_collections.payments.id"],
        filters: { id: invoice.order_id },
      })
      const paymentId = data[0].payment_collections[0].payments[0].id
      const bus = container.resolve(Modules.EVENT_BUS)

      const captured = TestEventUtils.waitSubscribersExecution("payment.captured", bus, { timeout: SUBSCRIBERS_TIMEOUT })
      await capturePaymentWorkflow(container).run({ input: { payment_id: paymentId } })
      await captured
      // Medusa may announce a capture twice: nothing changes.
      const again = TestEventUtils.waitSubscribersExecution("payment.captured", bus, { timeout: SUBSCRIBERS_TIMEOUT })
      await bus.emit({ name: "payment.captured", data: { id: paymentId } })
      await again

      const payments = (await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.payments
      expect(payments).toHaveLength(1)
      expect(payments[0]).toEqual(expect.objectContaining({ source: "medusa", amount: 17.78, amount_allocated: 17.78, order_id: invoice.order_id }))
      expect(payments[0].external_id).toMatch(/^capt_/)
      expect(await get(invoice.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))

      await refundPaymentWorkflow(container).run({ input: { payment_id: paymentId, amount: 5 } })
      const detail = await eventually(async () => {
        const { data } = await api.get(`/admin/billing/payments/${payments[0].id}`, { headers })
        return data.payment.refunds.length ? data.payment : null
      })
      expect(detail.refunds).toEqual([expect.objectContaining({ amount: 5, source: "medusa" })])
      expect(detail.refunds[0].external_id).toMatch(/^ref/)
      expect(await get(invoice.id)).toEqual(expect.objectContaining({ status: "partially_paid", amount_due: 5 }))
    })

    it("names the collection account a payment landed on, and refuses unknown, archived or other-currency accounts", async () => {
      const account = (await api.post("/admin/billing/collection-accounts", { name: "Main bank account", type: "bank", currency_code: "EUR", details: { iban: "DE89 3704 0044 0532 0130 00" } }, { headers })).data.collection_account
      const cash = (await api.post("/admin/billing/collection-accounts", { name: "Cash drawer", type: "cash" }, { headers })).data.collection_account
      const usd = (await api.post("/admin/billing/collection-accounts", { name: "US account", currency_code: "usd" }, { headers })).data.collection_account
      expect(account).toEqual(expect.objectContaining({ currency_code: "eur", is_active: true }))

      const { data } = await record({ amount: 10, collection_account_id: account.id, allocate: "none" })
      expect(data.payment.collection_account_id).toBe(account.id)
      const listed = (await api.get(`/admin/billing/payments?collection_account_id=${account.id}`, { headers })).data.payments
      expect(listed.map((p: any) => p.id)).toEqual([data.payment.id])

      await api.post(`/admin/billing/collection-accounts/${cash.id}`, { is_active: false }, { headers })
      expect((await refuse(record({ amount: 5, collection_account_id: "bacc_missing" }))).data.message).toMatch(/does not exist/)
      expect((await refuse(record({ amount: 5, collection_account_id: cash.id }))).data.message).toMatch(/is archived/)
      expect((await refuse(record({ amount: 5, collection_account_id: usd.id }))).data.message).toMatch(/holds USD, not EUR/)
      expect((await api.get("/admin/billing/payments", { headers })).data.count).toBe(1)

      expect((await refuse(api.post("/admin/billing/collection-accounts", { type: "bank" }, { headers }))).data.message).toMatch(/name/)
      expect((await refuse(api.post("/admin/billing/collection-accounts", { name: "X", type: "vault" }, { headers }))).status).toBe(400)
      expect((await refuse(api.post("/admin/billing/collection-accounts", { name: "X", currency_code: "zzz" }, { headers }))).data.message).toMatch(/Unknown currency/)
      expect((await refuse(api.post("/admin/billing/collection-accounts/bacc_missing", { name: "Y" }, { headers }))).status).toBe(404)
    })

    it("answers 404 for an unknown customer or payment and 401 without a session", async () => {
      expect((await refuse(api.post("/admin/billing/payments", { customer_id: "cus_missing", currency_code: "eur", amount: 5 }, { headers }))).status).toBe(404)
      expect((await refuse(api.get("/admin/billing/payments/bpay_missing", { headers }))).status).toBe(404)
      expect((await refuse(api.get("/admin/billing/payments"))).status).toBe(401)
    })
  },
})

import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  capturePaymentWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { invoiceMissedOrders } from "../../src/workflows/utils/invoice-missed-orders"
import { eventually } from "../helpers/storefront"
import { berlin, documentsOf, placeOrderAndSettle, refuse, waitForDocuments } from "../helpers/billing"
import { useBillingFixture } from "../helpers/fixtures"

jest.setTimeout(180_000)

const year = new Date().getUTCFullYear()
const DAY = 24 * 60 * 60 * 1000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { store, headers, createCustomer, invoiceFor } = useBillingFixture({ api, getContainer })

    const settings = async () => (await api.get("/admin/billing/settings", { headers })).data

    describe("Settings → Billing", () => {
      it("starts with invoicing on order placed, due on receipt, English, and the default number formats", async () => {
        const { settings: s, number_series } = await settings()
        expect(s).toEqual(
          expect.objectContaining({ invoice_trigger: "order_placed", payment_terms_days: 0, locale: "en", email_on_issue: false, timezone: "UTC" })
        )
        expect(number_series.map((n: any) => [n.document_type, n.format, n.reset, n.next_number])).toEqual([
          ["invoice", "INV-{YYYY}-{SEQ:6}", "yearly", `INV-${year}-000001`],
          ["credit_note", "CN-{YYYY}-{SEQ:6}", "yearly", `CN-${year}-000001`],
          ["receipt", "RCT-{YYYY}-{SEQ:6}", "yearly", `RCT-${year}-000001`],
        ])
      })

      it("takes the store's time zone by its IANA name and refuses others", async () => {
        const refused = await refuse(api.post("/admin/billing/settings", { timezone: "Mars/Olympus_Mons" }, { headers }))
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/timezone must be an IANA time zone/)
        expect((await settings()).settings.timezone).toBe("UTC")
        const saved = await api.post("/admin/billing/settings", { timezone: "Asia/Shanghai" }, { headers })
        expect(saved.data.settings.timezone).toBe("Asia/Shanghai")
      })

      it("copies the seller and the payment terms into invoices at issue; later changes leave issued invoices alone", async () => {
        const seller = { company_name: "Billing Demo GmbH", address_1: "Torstr. 5", city: "Berlin", tax_id: "DE999999999", iban: "DE89370400440532013000" }
        await api.post("/admin/billing/settings", { seller, payment_terms_days: 14, invoice_notes: "Thank you!" }, { headers })
        const invoice = await invoiceFor()
        const { data } = await api.get(`/admin/invoices/${invoice.id}`, { headers })
        expect(data.invoice.seller).toEqual(expect.objectContaining(seller))
        expect(data.invoice.payment_terms_days).toBe(14)
        expect(data.invoice.notes).toBe("Thank you!")
        expect(new Date(data.invoice.due_at).getTime() - new Date(data.invoice.issued_at).getTime()).toBe(14 * DAY)

        await api.post("/admin/billing/settings", { seller: { company_name: "Renamed AG" }, payment_terms_days: 60 }, { headers })
        const after = (await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice
        expect(after.seller.company_name).toBe("Billing Demo GmbH")
        expect(after.due_at).toBe(data.invoice.due_at)
      })

      it("uses a customer's own payment terms over the store's", async () => {
        const customer = await createCustomer({ email: "net30@example.com", first_name: "Net", last_name: "Thirty" })
        await api.post("/admin/billing/settings", { payment_terms_days: 7 }, { headers })
        const own = await api.post(`/admin/customers/${customer.id}/billing`, { payment_terms_days: 30 }, { headers })
        expect(own.data.billing.effective.payment_terms_days).toBe(30)

        const invoice = await invoiceFor({ customer })
        expect(invoice.payment_terms_days).toBe(30)
        expect(new Date(invoice.due_at).getTime() - new Date(invoice.issued_at).getTime()).toBe(30 * DAY)
      })

      it("numbers the next invoice with a changed format, previewed before use", async () => {
        const { data } = await api.post(
          "/admin/billing/settings",
          { number_series: [{ document_type: "invoice", format: "F{YY}{MM}-{SEQ:4}", reset: "monthly" }] },
          { headers }
        )
        const now = new Date()
        const prefix = `F${String(now.getUTCFullYear()).slice(-2)}${String(now.getUTCMonth() + 1).padStart(2, "0")}`
        expect(data.number_series[0].next_number).toBe(`${prefix}-0001`)
        const invoice = await invoiceFor()
        expect(invoice.number).toBe(`${prefix}-0001`)
        expect((await settings()).number_series[0].next_number).toBe(`${prefix}-0002`)
      })

      it.each([
        [{ number_series: [{ document_type: "invoice", format: "INV-{YYYY}", reset: "yearly" }] }, /exactly one \{SEQ\}/],
        [{ number_series: [{ document_type: "invoice", format: "INV-{SEQ}", reset: "yearly" }] }, /restarts every year/],
        [{ invoice_trigger: "whenever" }, /invoice_trigger/],
        [{ payment_terms_days: -1 }, /payment_terms_days/],
        [{ payment_terms_days: 2.5 }, /payment_terms_days/],
        [{ locale: "fr" }, /locale/],
        [{ seller: { company_name: "X", email: "not-an-email" } }, /email/],
        [{ colour: "blue" }, /colour/],
      ])("refuses %j with a clear 400 and changes nothing", async (body, message) => {
        const before = await settings()
        const res = await refuse(api.post("/admin/billing/settings", { payment_terms_days: 9, ...body }, { headers }))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(message)
        expect(await settings()).toEqual(before)
      })
    })

    describe("invoice trigger", () => {
      it("invoices nothing by itself when set to manual only", async () => {
        await api.post("/admin/billing/settings", { invoice_trigger: "manual" }, { headers })
        const orderId = await placeOrderAndSettle(getContainer(), store)
        expect(await documentsOf(api, headers, orderId)).toHaveLength(0)
      })

      it("invoices placed orders that missed their order.placed (a process killed before publishing it) once, by the sweep", async () => {
        await api.post("/admin/billing/settings", { invoice_trigger: "manual" }, { headers })
        const orderId = await placeOrderAndSettle(getContainer(), store)
        const other = await placeOrderAndSettle(getContainer(), store)
        expect(await documentsOf(api, headers, orderId)).toHaveLength(0)
        // As if the event had been lost: the store invoices on "order placed" but these were not.
        await api.post("/admin/billing/settings", { invoice_trigger: "order_placed" }, { headers })
        const window = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 1000) }
        const swept = await invoiceMissedOrders(getContainer(), window)
        expect(swept.sort()).toEqual([orderId, other].sort())
        const [invoice] = await documentsOf(api, headers, orderId)
        expect(invoice).toEqual(expect.objectContaining({ status: "open", order_id: orderId, number: expect.stringMatching(/^INV-/) }))
        expect(await invoiceMissedOrders(getContainer(), window)).toEqual([])
        expect(await documentsOf(api, headers, orderId)).toHaveLength(1)
        // Outside the window, or on another trigger, nothing is done.
        await api.post("/admin/billing/settings", { invoice_trigger: "manual" }, { headers })
        const later = await placeOrderAndSettle(getContainer(), store)
        expect(await invoiceMissedOrders(getContainer(), { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 1000) })).toEqual([])
        await api.post("/admin/billing/settings", { invoice_trigger: "order_placed" }, { headers })
        expect(await invoiceMissedOrders(getContainer(), { from: new Date(Date.now() - 7_200_000), to: new Date(Date.now() - 3_600_000) })).toEqual([])
        expect(await documentsOf(api, headers, later)).toHaveLength(0)
      })

      it("invoices at the first fulfillment when set to first_fulfillment", async () => {
        await api.post("/admin/billing/settings", { invoice_trigger: "first_fulfillment" }, { headers })
        const container = getContainer()
        const orderId = await placeOrderAndSettle(container, store, { items: [{ handle: "notebook", quantity: 2 }] })
        expect(await documentsOf(api, headers, orderId)).toHaveLength(0)

        const query = container.resolve(ContainerRegistrationKeys.QUERY)
        const { data } = await query.graph({ entity: "order", fields: ["items.*"], filters: { id: orderId } })
        await createOrderFulfillmentWorkflow(container).run({
          input: { order_id: orderId, items: [{ id: data[0].items[0].id, quantity: 1 }] },
        })
        const [invoice] = await waitForDocuments(api, headers, orderId)
        expect(invoice).toEqual(expect.objectContaining({ status: "open", order_id: orderId }))
        // The whole order is invoiced, not just what was shipped first.
        expect(invoice.total).toBe(29.67)
      })

      it("invoices once the order is fully paid when set to fully_paid, whatever the number of capture events", async () => {
        await api.post("/admin/billing/settings", { invoice_trigger: "fully_paid" }, { headers })
        const container = getContainer()
        const orderId = await placeOrderAndSettle(container, store)
        expect(await documentsOf(api, headers, orderId)).toHaveLength(0)
        const query = container.resolve(ContainerRegistrationKeys.QUERY)
        const { data } = await query.graph({ entity: "order", fields: ["payment_collections.payments.id"], filters: { id: orderId } })
        const paymentId = data[0].payment_collections[0].payments[0].id
        await capturePaymentWorkflow(container).run({ input: { payment_id: paymentId } })
        const [invoice] = await waitForDocuments(api, headers, orderId)
        // The captured money, recorded before the invoice existed, pays it as soon as it is issued.
        await eventually(async () => (await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice.status === "paid")
        // A second capture event for the same payment adds nothing.
        await container.resolve(Modules.EVENT_BUS).emit({ name: "payment.captured", data: { id: paymentId } })
        await new Promise((r) => setTimeout(r, 500))
        expect(await documentsOf(api, headers, orderId)).toHaveLength(1)
      })

      it("invoices orders created by an admin with createOrderWorkflow, which emits no order.placed", async () => {
        const container = getContainer()
        const { result: order } = await createOrderWorkflow(container).run({
          input: {
            region_id: store.regions.eur,
            sales_channel_id: store.salesChannelId,
            email: "phone-order@example.com",
            currency_code: "eur",
            shipping_address: berlin,
            billing_address: berlin,
            items: [{ variant_id: store.variants["coffee-mug"], quantity: 2 }],
          } as any,
        })
        const [invoice] = await waitForDocuments(api, headers, order.id)
        expect(invoice).toEqual(expect.objectContaining({ status: "open", email: "phone-order@example.com" }))
      })
    })

    describe("an issued invoice", () => {
      let invoice: any
      beforeEach(async () => {
        invoice = await invoiceFor()
      })

      it("refuses changes to its terms, with a message naming the fields, and keeps them", async () => {
        const res = await refuse(api.post(`/admin/invoices/${invoice.id}`, { payment_terms_days: 30 }, { headers }))
        expect(res.status).toBe(400)
        expect(res.data.message).toBe(
          `Invoice ${invoice.number} is issued and cannot be changed (payment_terms_days); correct it with a credit note.`
        )
        expect((await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice.payment_terms_days).toBe(0)
      })

      it("still takes internal notes", async () => {
        const { data } = await api.post(`/admin/invoices/${invoice.id}`, { notes: "Customer called" }, { headers })
        expect(data.invoice.notes).toBe("Customer called")
      })

      it("is never deleted", async () => {
        const res = await refuse(api.delete(`/admin/invoices/${invoice.id}`, { headers }))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/is issued and cannot be deleted/)
        expect((await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice.number).toBe(invoice.number)
      })

      it("is refused by the database itself if some code tried to change its amounts", async () => {
        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await expect(pg.raw(`update billing_invoice set total = 1 where id = ?`, [invoice.id])).rejects.toThrow(
          /is issued and its content cannot change/
        )
        await expect(pg.raw(`delete from billing_invoice_line where invoice_id = ?`, [invoice.id])).rejects.toThrow(
          /its lines cannot change/
        )
      })

      it("needs a reason to be voided, then keeps its number and owes nothing", async () => {
        const noReason = await refuse(api.post(`/admin/invoices/${invoice.id}/void`, {}, { headers }))
        expect(noReason.status).toBe(400)
        expect(noReason.data.message).toMatch(/reason/)
        expect((await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice.status).toBe("open")

        const { data } = await api.post(`/admin/invoices/${invoice.id}/void`, { reason: "Duplicate order" }, { headers })
        expect(data.invoice).toEqual(
          expect.objectContaining({ status: "void", number: invoice.number, void_reason: "Duplicate order", amount_due: 0, total: invoice.total })
        )
        const again = await refuse(api.post(`/admin/invoices/${invoice.id}/void`, { reason: "Again" }, { headers }))
        expect(again.status).toBe(400)
        expect(again.data.message).toMatch(/already void/)

        const activity = (await api.get(`/admin/billing/activity?entity_id=${invoice.id}`, { headers })).data.activity
        expect(activity[0]).toEqual(expect.objectContaining({ action: "invoice.voided", actor_type: "user", data: { reason: "Duplicate order" } }))
      })
    })

    it("filters invoices by status, order number, issue date and overdue", async () => {
      await api.post("/admin/billing/settings", { payment_terms_days: 0 }, { headers })
      const first = await placeOrderAndSettle(getContainer(), store)
      const second = await placeOrderAndSettle(getContainer(), store)
      const [a] = await waitForDocuments(api, headers, first)
      const [b] = await waitForDocuments(api, headers, second)
      await api.post(`/admin/invoices/${b.id}/void`, { reason: "Test order" }, { headers })
      const list = async (query: string) => (await api.get(`/admin/invoices?${query}`, { headers })).data.invoices.map((i: any) => i.id)

      expect(await list("status=void")).toEqual([b.id])
      expect(await list(`order_display_id=${a.order_display_id}`)).toEqual([a.id])
      expect(await list(`q=${a.number}`)).toEqual([a.id])
      // Due on receipt: the open one is overdue as soon as it is issued; the void one never is.
      expect(await list("overdue=true")).toEqual([a.id])
      expect(await list(`issued_at[$gte]=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([])
      expect((await list(`issued_at[$lte]=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).sort()).toEqual([a.id, b.id].sort())
      const bad = await refuse(api.get("/admin/invoices?status=lost", { headers }))
      expect(bad.status).toBe(400)
    })

    it("answers 404 for the billing terms of a customer that does not exist", async () => {
      const res = await refuse(api.get("/admin/customers/cus_missing/billing", { headers }))
      expect(res.status).toBe(404)
    })
  },
})

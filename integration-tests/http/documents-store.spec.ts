import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { adminHeaders } from "../helpers/admin-auth"
import { createDemoStore, DemoStore, placeOrderAndSettle, refuse, waitForDocuments, SUBSCRIBERS_TIMEOUT } from "../helpers/billing"
import { registerCustomer } from "../helpers/customer-auth"
import { pdfText } from "../helpers/pdf"
import { eventually } from "../helpers/storefront"

jest.setTimeout(180_000)


const binary = { responseType: "arraybuffer" as const }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let admin: Record<string, string>

    beforeEach(async () => {
      store = await createDemoStore(getContainer())
      ;({ headers: admin } = await adminHeaders(getContainer()))
    })


    describe("invoice PDF", () => {
      it("is rendered and stored right after issue, and every download gives the same document", async () => {
        const orderId = await placeOrderAndSettle(getContainer(), store, {
          items: [{ handle: "coffee-mug", quantity: 3 }],
        })
        const [listed] = await waitForDocuments(api, admin, orderId)
        const invoice = await eventually(async () => {
          const { data } = await api.get(`/admin/invoices/${listed.id}`, { headers: admin })
          return data.invoice.pdf_file_id ? data.invoice : null
        })

        const first = await api.get(`/admin/invoices/${invoice.id}/pdf`, { headers: admin, ...binary })
        expect(first.headers["content-type"]).toBe("application/pdf")
        expect(first.headers["content-disposition"]).toBe(`attachment; filename="${invoice.number}.pdf"`)
        const text = pdfText(Buffer.from(first.data))
        expect(text).toContain(invoice.number)
        expect(text).toContain("Coffee Mug 咖啡杯")
        expect(text).toContain("€50.52") // 3 × 12.50 + 4.95 shipping, 19 % VAT
        expect(invoice.total).toBe(50.52)

        const second = await api.get(`/admin/invoices/${invoice.id}/pdf`, { headers: admin, ...binary })
        expect(Buffer.from(second.data).equals(Buffer.from(first.data))).toBe(true)
      })

      it("is written in Chinese for a customer whose documents are in zh-CN", async () => {
        const { customer } = await registerCustomer(api, store.publishableKey, "wang@example.cn", { first_name: "芳", last_name: "王" })
        await api.post(`/admin/customers/${customer.id}/billing`, { locale: "zh-CN" }, { headers: admin })
        const orderId = await placeOrderAndSettle(getContainer(), store, {
          email: customer.email,
          customer_id: customer.id,
          currency: "jpy",
          address: { first_name: "芳", last_name: "王", address_1: "1-1 Chiyoda", city: "Tokyo", postal_code: "100-0001", country_code: "jp" },
          items: [{ handle: "coffee-mug", quantity: 1 }],
        })
        const [invoice] = await waitForDocuments(api, admin, orderId)
        expect(invoice.locale).toBe("zh-CN")
        const text = pdfText(Buffer.from((await api.get(`/admin/invoices/${invoice.id}/pdf`, { headers: admin, ...binary })).data))
        expect(text).toContain("发票")
        expect(text).toContain("咖啡杯")
        expect(text).toContain("合计")
        expect(text).toContain(invoice.number)
        expect(text).toContain("¥2,695") // 1650 + 800 shipping, 10 % tax
      })

      it("of a draft says DRAFT and is not stored", async () => {
        await api.post("/admin/billing/settings", { invoice_trigger: "manual" }, { headers: admin })
        const orderId = await placeOrderAndSettle(getContainer(), store)
        const { data } = await api.post("/admin/invoices", { order_id: orderId, issue: false }, { headers: admin })
        const pdf = await api.get(`/admin/invoices/${data.invoice.id}/pdf`, { headers: admin, ...binary })
        expect(pdfText(Buffer.from(pdf.data))).toContain("DRAFT")
        expect((await api.get(`/admin/invoices/${data.invoice.id}`, { headers: admin })).data.invoice.pdf_file_id).toBeNull()
      })

      it("answers 404 for an invoice that does not exist", async () => {
        const res = await refuse(api.get("/admin/invoices/inv_missing/pdf", { headers: admin }))
        expect(res.status).toBe(404)
      })
    })

    describe("sending documents by email", () => {
      const notificationsOf = (id: string) => getContainer().resolve(Modules.NOTIFICATION).listNotifications({ resource_id: id })

      it("emails the invoice with its PDF through the Notification Module, once per request key", async () => {
        const orderId = await placeOrderAndSettle(getContainer(), store, { email: "erika@example.com" })
        const [invoice] = await waitForDocuments(api, admin, orderId)

        const first = await api.post(`/admin/invoices/${invoice.id}/send`, { idempotency_key: "click-1" }, { headers: admin })
        expect(first.data.sent).toBe(true)
        expect(first.data.invoice.last_sent_at).toEqual(expect.any(String))
        const retried = await api.post(`/admin/invoices/${invoice.id}/send`, { idempotency_key: "click-1" }, { headers: admin })
        expect(retried.data).toEqual(expect.objectContaining({ sent: false, notification_id: first.data.notification_id }))

        const sent = await notificationsOf(invoice.id)
        expect(sent).toHaveLength(1)
        expect(sent[0]).toEqual(
          expect.objectContaining({ to: "erika@example.com", channel: "email", template: "billing-document", status: "success" })
        )
        expect(sent[0].data).toEqual(
          expect.objectContaining({ number: invoice.number, pdf_filename: `${invoice.number}.pdf`, subject: `Invoice ${invoice.number}` })
        )
        expect(sent[0].data.pdf_size).toBeGreaterThan(1000)

        await api.post(`/admin/invoices/${invoice.id}/send`, { to: "accounts@example.com" }, { headers: admin })
        expect((await notificationsOf(invoice.id)).map((n: any) => n.to).sort()).toEqual(["accounts@example.com", "erika@example.com"])
        const activity = (await api.get(`/admin/billing/activity?entity_id=${invoice.id}`, { headers: admin })).data.activity
        expect(activity.filter((a: any) => a.action === "invoice.sent")).toHaveLength(2)
      })

      it("emails each document once at issue when the setting says so", async () => {
        await api.post("/admin/billing/settings", { email_on_issue: true }, { headers: admin })
        const container = getContainer()
        const emailed = TestEventUtils.waitSubscribersExecution("billing.invoice.issued", container.resolve(Modules.EVENT_BUS), { timeout: SUBSCRIBERS_TIMEOUT })
        const orderId = await placeOrderAndSettle(container, store, { email: "auto@example.com" })
        await emailed
        const [invoice] = await waitForDocuments(api, admin, orderId)
        // A redelivered event sends nothing twice.
        await container.resolve(Modules.EVENT_BUS).emit({ name: "billing.invoice.issued", data: { id: invoice.id, number: invoice.number } })
        await new Promise((r) => setTimeout(r, 500))
        const sent = await notificationsOf(invoice.id)
        expect(sent).toHaveLength(1)
        expect(sent[0].to).toBe("auto@example.com")
      })

      it("refuses to send a draft, or to a malformed address, and sends nothing", async () => {
        await api.post("/admin/billing/settings", { invoice_trigger: "manual" }, { headers: admin })
        const orderId = await placeOrderAndSettle(getContainer(), store)
        const { data } = await api.post("/admin/invoices", { order_id: orderId, issue: false }, { headers: admin })
        const draft = await refuse(api.post(`/admin/invoices/${data.invoice.id}/send`, {}, { headers: admin }))
        expect(draft.status).toBe(400)
        expect(draft.data.message).toMatch(/is a draft; issue it before sending it/)
        const badTo = await refuse(api.post(`/admin/invoices/${data.invoice.id}/send`, { to: "nobody" }, { headers: admin }))
        expect(badTo.status).toBe(400)
        expect(badTo.data.message).toMatch(/to/)
        expect(await notificationsOf(data.invoice.id)).toHaveLength(0)
      })
    })

    describe("customers see their own documents only", () => {
      it("lists, shows and downloads a customer's own invoices, and answers 404 for anyone else's", async () => {
        const alice = await registerCustomer(api, store.publishableKey, "alice@example.com", { first_name: "Alice", last_name: "A" })
        const bob = await registerCustomer(api, store.publishableKey, "bob@example.com", { first_name: "Bob", last_name: "B" })
        const aliceOrder = await placeOrderAndSettle(getContainer(), store, { email: "alice@example.com", customer_id: alice.customer.id })
        const bobOrder = await placeOrderAndSettle(getContainer(), store, { email: "bob@example.com", customer_id: bob.customer.id })
        const [aliceInvoice] = await waitForDocuments(api, admin, aliceOrder)
        const [bobInvoice] = await waitForDocuments(api, admin, bobOrder)

        const list = (await api.get("/store/customers/me/invoices", { headers: alice.headers })).data
        expect(list.invoices.map((i: any) => i.id)).toEqual([aliceInvoice.id])
        expect(list.count).toBe(1)
        expect(list.invoices[0]).not.toHaveProperty("notes")
        expect(list.invoices[0]).not.toHaveProperty("metadata")

        const own = (await api.get(`/store/customers/me/invoices/${aliceInvoice.id}`, { headers: alice.headers })).data.invoice
        expect(own).toEqual(expect.objectContaining({ number: aliceInvoice.number, total: aliceInvoice.total }))
        expect(own.lines).toHaveLength(2)

        const pdf = await api.get(`/store/customers/me/invoices/${aliceInvoice.id}/pdf`, { headers: alice.headers, ...binary })
        expect(pdfText(Buffer.from(pdf.data))).toContain(aliceInvoice.number)

        for (const url of [`/store/customers/me/invoices/${bobInvoice.id}`, `/store/customers/me/invoices/${bobInvoice.id}/pdf`]) {
          const res = await refuse(api.get(url, { headers: alice.headers }))
          expect(res.status).toBe(404)
          // The answer names only the id asked for: nothing about Bob.
          expect(JSON.stringify(res.data)).not.toMatch(/bob|Bob|INV-/)
        }
      })

      it("hides drafts from the customer", async () => {
        const carol = await registerCustomer(api, store.publishableKey, "carol@example.com")
        await api.post("/admin/billing/settings", { invoice_trigger: "manual" }, { headers: admin })
        const orderId = await placeOrderAndSettle(getContainer(), store, { email: "carol@example.com", customer_id: carol.customer.id })
        const { data } = await api.post("/admin/invoices", { order_id: orderId, issue: false }, { headers: admin })
        expect((await api.get("/store/customers/me/invoices", { headers: carol.headers })).data.invoices).toEqual([])
        const res = await refuse(api.get(`/store/customers/me/invoices/${data.invoice.id}`, { headers: carol.headers }))
        expect(res.status).toBe(404)
      })

      it("answers 401 without a customer login", async () => {
        const key = { "x-publishable-api-key": store.publishableKey }
        for (const url of ["/store/customers/me/invoices", "/store/customers/me/invoices/inv_x", "/store/customers/me/invoices/inv_x/pdf"]) {
          const res = await refuse(api.get(url, { headers: key }))
          expect(res.status).toBe(401)
        }
      })

      it("refuses a malformed page size", async () => {
        const dave = await registerCustomer(api, store.publishableKey, "dave@example.com")
        const res = await refuse(api.get("/store/customers/me/invoices?limit=0", { headers: dave.headers }))
        expect(res.status).toBe(400)
      })
    })
  },
})

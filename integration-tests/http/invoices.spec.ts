import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createDemoStore, DemoStore, placeDemoOrder } from "../../src/scripts/lib/demo-store"
import { adminHeaders } from "../helpers/admin-auth"
import { checkoutThroughStoreApi, eventually } from "../helpers/storefront"
import { placeOrderAndSettle } from "../helpers/billing"

jest.setTimeout(180_000)

const berlin = { first_name: "Erika", last_name: "Muster", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" }
const year = new Date().getUTCFullYear()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let headers: Record<string, string>

    beforeEach(async () => {
      const container = getContainer()
      store = await createDemoStore(container)
      ;({ headers } = await adminHeaders(container))
    })

    const invoicesOf = async (orderId: string) =>
      (await api.get(`/admin/invoices?order_id=${orderId}`, { headers })).data.invoices
    /** The order's invoices once issued (an invoice is a draft for a moment between creation and issue). */
    const issuedInvoicesOf = (orderId: string) =>
      eventually(async () => {
        const invoices = await invoicesOf(orderId)
        return invoices.length && invoices.every((i: any) => i.status !== "draft") ? invoices : null
      })

    describe("an order placed through the store API", () => {
      it("gets an issued invoice, listed at GET /admin/invoices, that matches the order to the cent", async () => {
        const order = await checkoutThroughStoreApi(api, store, {
          currency: "eur",
          email: "erika@example.com",
          address: berlin,
          items: [{ handle: "notebook", quantity: 5 }, { handle: "coffee-mug", quantity: 3 }],
        })

        const [listed] = await issuedInvoicesOf(order.id)
        expect(listed).toEqual(
          expect.objectContaining({
            type: "invoice",
            status: "open",
            number: `INV-${year}-000001`,
            order_id: order.id,
            order_display_id: order.display_id,
            currency_code: "eur",
            email: "erika@example.com",
          })
        )

        const { data } = await api.get(`/admin/invoices/${listed.id}`, { headers })
        const invoice = data.invoice
        // 5 × 9.99 + 3 × 12.50 + 4.95 shipping, 19 % VAT: Medusa computes 109.956, the invoice says 109.96.
        expect(order.total).toBeCloseTo(109.956, 3)
        expect(invoice.total).toBe(109.96)
        expect(invoice.subtotal).toBe(87.45)
        expect(invoice.shipping_total).toBe(4.95)
        expect(invoice.tax_total).toBe(17.56)
        expect(invoice.source_total).toBe(109.956)
        expect(invoice.buyer).toEqual(expect.objectContaining({ name: "Erika Muster", email: "erika@example.com" }))
        expect(invoice.lines.map((l: any) => [l.kind, l.title, l.quantity, l.total]).sort()).toEqual(
          [
            ["item", "Coffee Mug 咖啡杯", 3, 44.63],
            ["item", "Notebook", 5, 59.44],
            ["shipping", "Standard shipping", 1, 5.89],
          ].sort()
        )
        expect(invoice.tax_summary).toEqual([{ code: "DE-VAT19", rate: "19", taxable_amount: "92.40", amount: "17.56" }])
      })

      it("invoices a JPY order in whole yen", async () => {
        const order = await checkoutThroughStoreApi(api, store, {
          currency: "jpy",
          email: "zhang@example.cn",
          address: { first_name: "伟", last_name: "张", address_1: "1-1 Chiyoda", city: "Tokyo", postal_code: "100-0001", country_code: "jp" },
          items: [{ handle: "coffee-mug", quantity: 1 }, { handle: "notebook", quantity: 3 }],
        })
        const [invoice] = await issuedInvoicesOf(order.id)
        expect(invoice.currency_code).toBe("jpy")
        expect(invoice.total).toBe(6982)
        expect(Number.isInteger(invoice.tax_total)).toBe(true)
      })
    })

    describe("POST /admin/invoices (one click from the order)", () => {
      it("returns the order's existing invoice instead of creating a second one", async () => {
        const orderId = await placeDemoOrder(getContainer(), store, {
          currency: "eur", email: "a@example.com", address: berlin, items: [{ handle: "notebook", quantity: 1 }],
        })
        const [auto] = await issuedInvoicesOf(orderId)
        const again = await api.post("/admin/invoices", { order_id: orderId }, { headers })
        expect(again.status).toBe(200)
        expect(again.data.invoice.id).toBe(auto.id)
        expect(await invoicesOf(orderId)).toHaveLength(1)
      })

      it("creates and issues the invoice of an order that has none, logging who did it", async () => {
        await api.post("/admin/billing/settings", { invoice_trigger: "manual" }, { headers })
        const orderId = await placeOrderAndSettle(getContainer(), store, { email: "b@example.com" })
        expect(await invoicesOf(orderId)).toHaveLength(0)

        const created = await api.post("/admin/invoices", { order_id: orderId }, { headers })
        expect(created.status).toBe(201)
        expect(created.data.invoice).toEqual(expect.objectContaining({ order_id: orderId, status: "open" }))
        expect(created.data.invoice.number).toMatch(new RegExp(`^INV-${year}-\\d{6}$`))
        const activity = (await api.get(`/admin/billing/activity?entity_id=${created.data.invoice.id}`, { headers })).data.activity
        expect(activity.map((a: any) => [a.action, a.actor_type])).toEqual(
          expect.arrayContaining([["invoice.created", "user"], ["invoice.issued", "user"]])
        )
      })

      it("creates a draft without a number when asked not to issue, and issues it later", async () => {
        await api.post("/admin/billing/settings", { invoice_trigger: "manual" }, { headers })
        const orderId = await placeOrderAndSettle(getContainer(), store, { email: "c@example.com" })

        const { data } = await api.post("/admin/invoices", { order_id: orderId, issue: false }, { headers })
        expect(data.invoice).toEqual(expect.objectContaining({ status: "draft", number: null }))
        const issued = await api.post(`/admin/invoices/${data.invoice.id}/issue`, {}, { headers })
        expect(issued.data.invoice.status).toBe("open")
        expect(issued.data.invoice.number).toMatch(/^INV-/)
      })
    })

    describe("bad input", () => {
      it("answers 401 without an admin session", async () => {
        const res = await api.get("/admin/invoices").catch((e: any) => e.response)
        expect(res.status).toBe(401)
      })

      it("refuses a body without order_id, with a message, and creates nothing", async () => {
        const res = await api.post("/admin/invoices", {}, { headers }).catch((e: any) => e.response)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/order_id/)
        expect((await api.get("/admin/invoices", { headers })).data.count).toBe(0)
      })

      it("refuses unknown fields", async () => {
        const res = await api.post("/admin/invoices", { order_id: "order_x", total: 1 }, { headers }).catch((e: any) => e.response)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/total/)
      })

      it("answers 404 for an order that does not exist", async () => {
        const res = await api.post("/admin/invoices", { order_id: "order_missing" }, { headers }).catch((e: any) => e.response)
        expect(res.status).toBe(404)
        expect(res.data.message).toMatch(/order_missing/)
      })

      it("answers 404 for an invoice that does not exist", async () => {
        const res = await api.get("/admin/invoices/inv_missing", { headers }).catch((e: any) => e.response)
        expect(res.status).toBe(404)
        expect(res.data.message).toMatch(/inv_missing/)
      })

      it("refuses to issue an invoice that is already issued", async () => {
        const orderId = await placeDemoOrder(getContainer(), store, {
          currency: "eur", email: "d@example.com", address: berlin, items: [{ handle: "notebook", quantity: 1 }],
        })
        const [invoice] = await issuedInvoicesOf(orderId)
        const res = await api.post(`/admin/invoices/${invoice.id}/issue`, {}, { headers }).catch((e: any) => e.response)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/already issued/)
        const after = (await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice
        expect(after.number).toBe(invoice.number)
      })

      it("rejects a malformed list query", async () => {
        const res = await api.get("/admin/invoices?limit=abc", { headers }).catch((e: any) => e.response)
        expect(res.status).toBe(400)
      })
    })
  },
})

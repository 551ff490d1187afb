import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { BILLING_MODULE } from "../../src/modules/billing"
import type BillingModuleService from "../../src/modules/billing/service"
import { adminHeaders } from "../helpers/admin-auth"
import { createDemoStore, DemoStore, placeOrderAndSettle, refuse, waitForDocuments } from "../helpers/billing"

jest.setTimeout(180_000)

const today = new Date().toISOString().slice(0, 10)
const dayAfter = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let headers: Record<string, string>
    let customer: { id: string; email: string }

    beforeEach(async () => {
      store = await createDemoStore(getContainer())
      ;({ headers } = await adminHeaders(getContainer()))
      customer = await getContainer().resolve(Modules.CUSTOMER).createCustomers({ email: "late@example.com", first_name: "Late", last_name: "Payer" })
    })

    const invoiceFor = async (customerId = customer.id, email = customer.email) => {
      const orderId = await placeOrderAndSettle(getContainer(), store, { email, customer_id: customerId, items: [{ handle: "notebook", quantity: 1 }] })
      const [invoice] = await waitForDocuments(api, headers, orderId)
      return invoice // 17.78 EUR
    }

    describe("promises to pay", () => {
      it("records a promise about open invoices; it is kept once the customer pays that much by the day, broken after it", async () => {
        const invoice = await invoiceFor()
        const created = await api.post(
          `/admin/customers/${customer.id}/promises`,
          { currency_code: "EUR", amount: 10, promised_date: dayAfter(today, 3), invoice_ids: [invoice.id], note: "Will pay half on Friday" },
          { headers }
        )
        expect(created.status).toBe(201)
        expect(created.data.promise).toEqual(expect.objectContaining({ amount: 10, currency_code: "eur", promised_date: dayAfter(today, 3), invoice_ids: [invoice.id], status: "pending" }))

        const billing = getContainer().resolve<BillingModuleService>(BILLING_MODULE)
        const later = new Date(Date.parse(`${dayAfter(today, 4)}T12:00:00Z`))
        expect((await billing.listPaymentPromisesWithStatus(customer.id, later))[0].status).toBe("broken")

        await api.post("/admin/billing/payments", { customer_id: customer.id, currency_code: "eur", method: "bank_transfer", amount: 10, allocate: "auto" }, { headers })
        const { promises } = (await api.get(`/admin/customers/${customer.id}/promises`, { headers })).data
        expect(promises.map((p: any) => p.status)).toEqual(["kept"])
        expect((await billing.listPaymentPromisesWithStatus(customer.id, later))[0].status).toBe("kept")
        const log = (await api.get(`/admin/billing/activity?entity_type=customer&entity_id=${customer.id}`, { headers })).data
        expect((log.activities ?? log.activity).map((a: any) => a.action)).toContain("promise.created")
      })

      it("refuses a promise in the past, of nothing, for another customer's invoice, or for an unknown customer, and records nothing", async () => {
        const other = await getContainer().resolve(Modules.CUSTOMER).createCustomers({ email: "other@example.com" })
        const theirs = await invoiceFor(other.id, other.email)
        const promise = (body: Record<string, unknown>, id = customer.id) =>
          refuse(api.post(`/admin/customers/${id}/promises`, { currency_code: "eur", amount: 10, promised_date: dayAfter(today, 1), ...body }, { headers }))
        expect((await promise({ promised_date: dayAfter(today, -1) })).data.message).toMatch(/has passed \(today is/)
        expect((await promise({ promised_date: "2026-02-30" })).data.message).toMatch(/is not a day like/)
        expect((await promise({ promised_date: "next friday" })).status).toBe(400)
        expect((await promise({ amount: 0 })).status).toBe(400)
        expect((await promise({ amount: 1.234 })).data.message).toMatch(/more decimals than EUR/)
        expect((await promise({ currency_code: "xyz" })).data.message).toMatch(/Unknown currency/)
        expect((await promise({ invoice_ids: [theirs.id] })).data.message).toMatch(/is not an open EUR invoice of this customer/)
        expect((await promise({}, "cus_missing")).status).toBe(404)
        expect((await api.get(`/admin/customers/${customer.id}/promises`, { headers })).data.promises).toEqual([])
      })
    })

    describe("contact notes", () => {
      it("notes calls, emails and visits with the next action, newest first, and refuses empty or unknown ones", async () => {
        const invoice = await invoiceFor()
        const first = await api.post(`/admin/customers/${customer.id}/contact-notes`, { channel: "call", note: "Reached the accountant; invoice approved", invoice_id: invoice.id, next_action: "Call again", next_action_date: dayAfter(today, 7) }, { headers })
        expect(first.status).toBe(201)
        expect(first.data.contact_note).toEqual(expect.objectContaining({ channel: "call", invoice_id: invoice.id, next_action: "Call again", next_action_date: dayAfter(today, 7) }))
        await api.post(`/admin/customers/${customer.id}/contact-notes`, { channel: "email", note: "Sent the statement" }, { headers })
        const { contact_notes } = (await api.get(`/admin/customers/${customer.id}/contact-notes`, { headers })).data
        expect(contact_notes.map((n: any) => n.channel)).toEqual(["email", "call"])

        const note = (body: Record<string, unknown>) => refuse(api.post(`/admin/customers/${customer.id}/contact-notes`, { channel: "call", note: "x", ...body }, { headers }))
        expect((await note({ channel: "pigeon" })).status).toBe(400)
        expect((await note({ note: "  " })).status).toBe(400)
        expect((await note({ next_action_date: "soon" })).status).toBe(400)
        const other = await getContainer().resolve(Modules.CUSTOMER).createCustomers({ email: "someone@example.com" })
        const theirs = await invoiceFor(other.id, other.email)
        expect((await note({ invoice_id: theirs.id })).data.message).toMatch(/is not an invoice of this customer/)
        expect((await refuse(api.get(`/admin/customers/cus_missing/contact-notes`, { headers }))).status).toBe(404)
        expect((await api.get(`/admin/customers/${customer.id}/contact-notes`, { headers })).data.contact_notes).toHaveLength(2)
      })
    })
  },
})

import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { refuse } from "../helpers/billing"
import { registerCustomer } from "../helpers/customer-auth"
import { useBillingFixture } from "../helpers/fixtures"
import { pdfText } from "../helpers/pdf"
import { eventually } from "../helpers/storefront"

jest.setTimeout(180_000)

const binary = { responseType: "arraybuffer" as const }
const year = new Date().getUTCFullYear()
const today = new Date().toISOString().slice(0, 10)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const fixture = useBillingFixture({ api, getContainer })
    const { store, headers, invoiceFor } = fixture
    const createCustomer = (email: string, names: Record<string, string> = { first_name: "Erika", last_name: "Muster" }) =>
      fixture.createCustomer({ email, ...names })
    const record = (customerId: string, body: Record<string, unknown>) =>
      api.post("/admin/billing/payments", { customer_id: customerId, currency_code: "eur", method: "bank_transfer", ...body }, { headers })
    const notificationsOf = (id: string) => getContainer().resolve(Modules.NOTIFICATION).listNotifications({ resource_id: id })

    describe("receipts", () => {
      it("numbers a receipt for each payment, prints it, and emails it on request once per key", async () => {
        const customer = await createCustomer("erika@example.com")
        const invoice = await invoiceFor({ customer })
        const { data } = await record(customer.id, { amount: 20, reference: "SEPA 4711", send_receipt: true })
        expect(data.payment.receipt_number).toBe(`RCT-${year}-000001`)
        const listed = (await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.payments
        expect(listed[0].receipt_number).toBe(`RCT-${year}-000001`)

        const pdf = await api.get(`/admin/billing/payments/${data.payment.id}/receipt`, { headers, ...binary })
        expect(pdf.headers["content-type"]).toBe("application/pdf")
        expect(pdf.headers["content-disposition"]).toBe(`attachment; filename="RCT-${year}-000001.pdf"`)
        const text = pdfText(Buffer.from(pdf.data))
        for (const expected of ["Receipt", `RCT-${year}-000001`, "Erika Muster", "€20.00", "Bank transfer", "SEPA 4711", invoice.number, "€17.78", "Credit on account", "€2.22"]) {
          expect(text).toContain(expected)
        }

        // send_receipt: true emailed it right after recording.
        const sent = await eventually(async () => {
          const list = await notificationsOf(data.payment.id)
          return list.length ? list : null
        })
        expect(sent).toEqual([expect.objectContaining({ to: "erika@example.com", channel: "email", template: "billing-receipt" })])
        const again = await api.post(`/admin/billing/payments/${data.payment.id}/send`, { to: "accounts@example.com", idempotency_key: "k1" }, { headers })
        expect(again.data).toEqual(expect.objectContaining({ sent: true, sent_to: "accounts@example.com" }))
        expect(again.data.payment.receipt_sent_at).toBeTruthy()
        const retried = await api.post(`/admin/billing/payments/${data.payment.id}/send`, { to: "accounts@example.com", idempotency_key: "k1" }, { headers })
        expect(retried.data).toEqual(expect.objectContaining({ sent: false, notification_id: again.data.notification_id }))
        expect(await notificationsOf(data.payment.id)).toHaveLength(2)
        expect((await refuse(api.post(`/admin/billing/payments/${data.payment.id}/send`, { to: "not-an-email" }, { headers }))).status).toBe(400)
      })

      it("emails receipts automatically when the settings say so, in the customer's language", async () => {
        const customer = await createCustomer("wang@example.cn", { first_name: "芳", last_name: "王" })
        await api.post(`/admin/customers/${customer.id}/billing`, { locale: "zh-CN" }, { headers })
        await api.post("/admin/billing/settings", { email_receipts: true }, { headers })
        const { data } = await record(customer.id, { amount: 8.5, method: "alipay", allocate: "none" })
        const [email] = await eventually(async () => {
          const list = await notificationsOf(data.payment.id)
          return list.length ? list : null
        })
        expect(email.data.subject).toContain("收据")
        const text = pdfText(Buffer.from((await api.get(`/admin/billing/payments/${data.payment.id}/receipt`, { headers, ...binary })).data))
        for (const expected of ["收据", "王", "支付宝", "预收余额"]) expect(text).toContain(expected)

        // Asked not to send: nothing is sent, whatever the setting.
        const quiet = await record(customer.id, { amount: 1, allocate: "none", send_receipt: false })
        const other = await record(customer.id, { amount: 2, allocate: "none" })
        await eventually(async () => ((await notificationsOf(other.data.payment.id)).length ? true : null))
        expect(await notificationsOf(quiet.data.payment.id)).toHaveLength(0)
      })

      it("records only the payment methods turned on in the settings", async () => {
        const customer = await createCustomer("cash@example.com")
        const settings = await api.post("/admin/billing/settings", { payment_methods: ["bank_transfer", "cash"] }, { headers })
        expect(settings.data.settings.payment_methods).toEqual(["bank_transfer", "cash"])
        const refused = await refuse(record(customer.id, { amount: 5, method: "cheque" }))
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/"cheque" is turned off/)
        expect((await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.count).toBe(0)
        expect((await refuse(api.post("/admin/billing/settings", { payment_methods: [] }, { headers }))).data.message).toMatch(/payment_methods/)
        expect((await refuse(api.post("/admin/billing/settings", { payment_methods: ["gold"] }, { headers }))).status).toBe(400)
        expect((await api.get("/admin/billing/settings", { headers })).data.settings.payment_methods).toEqual(["bank_transfer", "cash"])
      })
    })

    describe("customer receivable", () => {
      it("shows balance, credit, overdue and open invoices, and a statement as JSON, CSV and PDF whose balance is the sum of the ledger", async () => {
        const customer = await createCustomer("ledger@example.com")
        const first = await invoiceFor({ customer }) // 17.78
        const second = await invoiceFor({ customer, quantity: 2 }) // 29.67
        await record(customer.id, { amount: 20, reference: "first part" })

        const { data } = await api.get(`/admin/customers/${customer.id}/billing`, { headers })
        // The demo store's invoices are due on receipt: what is open is overdue at once.
        expect(data.billing.balances).toEqual([
          expect.objectContaining({ currency_code: "eur", amount_due: "27.45", unapplied_credit: "0", balance: "27.45", overdue: "27.45", open_invoices: 1 }),
        ])
        expect(data.billing.open_invoices.map((i: any) => [i.number, i.amount_due])).toEqual([[second.number, 27.45]])
        expect(data.billing.recent_invoices.map((i: any) => i.number).sort()).toEqual([first.number, second.number].sort())
        expect(data.billing.recent_payments).toEqual([expect.objectContaining({ amount: 20, receipt_number: `RCT-${year}-000001` })])

        const statement = (await api.get(`/admin/customers/${customer.id}/statement?currency_code=eur&from=${today}&to=${today}`, { headers })).data.statement
        expect(statement).toEqual(expect.objectContaining({ currency_code: "eur", opening_balance: "0", closing_balance: "27.45" }))
        expect(statement.entries.map((e: any) => [e.type, e.debit, e.credit])).toEqual([
          ["invoice", "17.78", "0"],
          ["invoice", "29.67", "0"],
          ["payment", "0", "20"],
        ])

        const csv = await api.get(`/admin/customers/${customer.id}/statement?currency_code=eur&format=csv`, { headers })
        expect(csv.headers["content-type"]).toMatch(/^text\/csv/)
        const rows = String(csv.data).trim().split("\r\n")
        expect(rows[0]).toBe("date,type,number,description,debit,credit,balance,currency")
        expect(rows[rows.length - 1]).toBe(",closing_balance,,,,,27.45,eur")
        expect(rows.some((r) => r.includes(`,payment,RCT-${year}-000001,bank_transfer · first part,0,20,27.45,eur`))).toBe(true)

        const pdf = await api.get(`/admin/customers/${customer.id}/statement?currency_code=eur&format=pdf`, { headers, ...binary })
        expect(pdf.headers["content-type"]).toBe("application/pdf")
        const text = pdfText(Buffer.from(pdf.data))
        for (const expected of ["Statement of account", "Opening balance", "Closing balance", first.number, `RCT-${year}-000001`, "€27.45"]) {
          expect(text).toContain(expected)
        }
      })

      it("refuses a statement with a bad period, currency or format, and an unknown customer", async () => {
        const customer = await createCustomer("bad@example.com")
        const statement = (query: string) => refuse(api.get(`/admin/customers/${customer.id}/statement?${query}`, { headers }))
        expect((await statement("from=2026-01-01")).data.message).toMatch(/currency_code/)
        expect((await statement("currency_code=eur&from=2026-13-01")).data.message).toMatch(/not a real date/)
        expect((await statement("currency_code=eur&from=yesterday")).data.message).toMatch(/date like 2026-01-31/)
        expect((await statement("currency_code=eur&from=2026-03-01&to=2026-02-01")).data.message).toMatch(/ends before it starts/)
        expect((await statement("currency_code=zzz")).data.message).toMatch(/Unknown currency/)
        expect((await statement("currency_code=eur&format=xlsx")).status).toBe(400)
        expect((await refuse(api.get(`/admin/customers/cus_missing/statement?currency_code=eur`, { headers }))).status).toBe(404)
      })
    })

    describe("the customer's own billing in the store API", () => {
      it("shows a logged-in customer their own balance, statement, payments and receipts, and nobody else's", async () => {
        const alice = await registerCustomer(api, store.publishableKey, "alice@example.com", { first_name: "Alice", last_name: "A" })
        const bob = await registerCustomer(api, store.publishableKey, "bob@example.com", { first_name: "Bob", last_name: "B" })
        await invoiceFor({ customer: alice.customer })
        const paid = (await record(alice.customer.id, { amount: 30, note: "internal note" })).data.payment
        const bobs = (await record(bob.customer.id, { amount: 5, allocate: "none" })).data.payment

        const billing = (await api.get("/store/customers/me/billing", { headers: alice.headers })).data.billing
        expect(billing.balances).toEqual([expect.objectContaining({ currency_code: "eur", amount_due: "0", unapplied_credit: "12.22", balance: "-12.22" })])

        const statement = (await api.get("/store/customers/me/billing/statement?currency_code=eur", { headers: alice.headers })).data.statement
        expect(statement.closing_balance).toBe("-12.22")
        expect(statement.customer_id).toBe(alice.customer.id)
        const csv = await api.get("/store/customers/me/billing/statement?currency_code=eur&format=csv", { headers: alice.headers })
        expect(String(csv.data)).toContain("-12.22")

        const payments = (await api.get("/store/customers/me/payments", { headers: alice.headers })).data
        expect(payments.payments.map((p: any) => p.id)).toEqual([paid.id])
        expect(payments.payments[0].note).toBeUndefined()
        const receipt = await api.get(`/store/customers/me/payments/${paid.id}/receipt`, { headers: alice.headers, ...binary })
        expect(pdfText(Buffer.from(receipt.data))).toContain(paid.receipt_number)

        expect((await refuse(api.get(`/store/customers/me/payments/${bobs.id}/receipt`, { headers: alice.headers }))).status).toBe(404)
        expect((await api.get("/store/customers/me/billing", { headers: bob.headers })).data.billing.balances).toEqual([
          expect.objectContaining({ balance: "-5" }),
        ])
        const anonymous = { "x-publishable-api-key": store.publishableKey }
        expect((await refuse(api.get("/store/customers/me/billing", { headers: anonymous }))).status).toBe(401)
        expect((await refuse(api.get("/store/customers/me/billing/statement?currency_code=eur", { headers: anonymous }))).status).toBe(401)
        expect((await refuse(api.get(`/store/customers/me/payments/${paid.id}/receipt`, { headers: anonymous }))).status).toBe(401)
        expect((await refuse(api.get("/store/customers/me/billing/statement?currency_code=eur&from=2026-02-30", { headers: alice.headers }))).status).toBe(400)
      })
    })
  },
})

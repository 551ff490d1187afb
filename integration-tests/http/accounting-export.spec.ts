import { MathBN } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { refuse, unzip } from "../helpers/billing"
import { useBillingFixture } from "../helpers/fixtures"

jest.setTimeout(180_000)

const binary = { responseType: "arraybuffer" as const }
const today = new Date().toISOString().slice(0, 10)
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)

/** CSV rows as cells (the values in these tests hold no commas or quotes). */
const csvRows = (text: string) =>
  text
    .trim()
    .split("\r\n")
    .map((row) => row.split(","))

const sum = (values: (string | number)[]) => values.reduce<ReturnType<typeof MathBN.convert>>((s, v) => MathBN.add(s, v), MathBN.convert(0))
const lineTriples = (entry: any) => entry.lines.map((l: any) => [l.account, l.debit, l.credit])

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const fixture = useBillingFixture({ api, getContainer })
    const { headers, invoiceFor } = fixture
    const createCustomer = (email: string) => fixture.createCustomer({ email, first_name: "Erika", last_name: "Muster" })
    const record = async (customerId: string, body: Record<string, unknown>) =>
      (await api.post("/admin/billing/payments", { customer_id: customerId, currency_code: "eur", method: "bank_transfer", ...body }, { headers })).data.payment
    const creditNote = async (invoiceId: string, amount: number) =>
      (await api.post(`/admin/invoices/${invoiceId}/credit-notes`, { reason: "Goodwill", amount }, { headers })).data.credit_note
    const billing = () => getContainer().resolve("billing") as any
    const journal = async (query: string) => (await api.get(`/admin/billing/exports/journal?${query}`, { headers })).data
    const balanceOf = async (customerId: string) =>
      (await api.get(`/admin/customers/${customerId}/billing`, { headers })).data.billing.balances.find((b: any) => b.currency_code === "eur")?.balance ?? "0"

    it("exports the period's journal as balanced entries whose receivable ties to the customers' balances, as JSON, CSV and XLSX", async () => {
      const bank = await billing().createCollectionAccounts({ name: "Main bank", type: "bank", currency_code: "eur", account_code: "1020" })
      const alice = await createCustomer("alice@example.com")
      const bob = await createCustomer("bob@example.com")

      const first = await invoiceFor({ customer: alice }) // 17.78
      const second = await invoiceFor({ customer: alice, quantity: 2 }) // 29.67
      const goodwill = await creditNote(second.id, 5)
      // 60 pays the first invoice and what the second still owes (42.45); 17.55 stays credit, 10 of it refunded.
      const payment = await record(alice.id, { amount: 60, collection_account_id: bank.id, reference: "SEPA 4711" })
      await api.post(`/admin/billing/payments/${payment.id}/refunds`, { amount: 10, reason: "Paid too much" }, { headers })

      const third = await invoiceFor({ customer: bob }) // 17.78
      const cash = await record(bob.id, { amount: 17.75, method: "cash" })
      const writeOff = await billing().writeOffInvoice({ invoice_id: third.id, amount: 0.03, reason: "rounding" })
      const fourth = await invoiceFor({ customer: bob })
      await creditNote(fourth.id, 5)
      await api.post(`/admin/invoices/${fourth.id}/void`, { reason: "Duplicate order" }, { headers })

      const { entries, totals } = await journal(`from=${today}&to=${today}`)
      for (const entry of entries) {
        expect([entry.id, sum(entry.lines.map((l: any) => l.debit)).toFixed()]).toEqual([entry.id, sum(entry.lines.map((l: any) => l.credit)).toFixed()])
      }
      const count = (type: string) => entries.filter((e: any) => e.type === type).length
      expect([count("invoice"), count("credit_note"), count("payment"), count("refund"), count("write_off"), count("invoice_void")]).toEqual([4, 2, 2, 1, 1, 1])
      const byId = (id: string) => entries.find((e: any) => e.id === id)

      expect(byId(`invoice:${first.id}`)).toEqual(expect.objectContaining({ reference: first.number, currency_code: "eur", customer_id: alice.id }))
      expect(lineTriples(byId(`invoice:${first.id}`))).toEqual([
        ["1200", "17.78", "0"],
        ["4000", "0", "9.99"],
        ["4010", "0", "4.95"],
        ["2200", "0", "2.84"],
      ])
      expect(lineTriples(byId(`credit_note:${goodwill.id}`)).slice(-1)).toEqual([["1200", "0", "5"]])
      expect(lineTriples(byId(`payment:${payment.id}`))).toEqual([
        ["1020", "60", "0"],
        ["1200", "0", "60"],
      ])
      expect(lineTriples(entries.find((e: any) => e.type === "refund"))).toEqual([
        ["1200", "10", "0"],
        ["1020", "0", "10"],
      ])
      expect(lineTriples(byId(`payment:${cash.id}`))).toEqual([
        ["1000", "17.75", "0"],
        ["1200", "0", "17.75"],
      ])
      expect(lineTriples(byId(`write_off:${writeOff.id}`))).toEqual([
        ["6990", "0.03", "0"],
        ["1200", "0", "0.03"],
      ])
      // Partly credited before the void: what it still owed is reversed against revenue.
      expect(lineTriples(byId(`invoice_void:${fourth.id}`))).toEqual([
        ["4000", "12.78", "0"],
        ["1200", "0", "12.78"],
      ])

      // Alice: 17.78 + 29.67 − 5 − 60 + 10 = −7.55 (her unapplied credit); Bob owes nothing.
      const balances = [await balanceOf(alice.id), await balanceOf(bob.id)]
      expect(balances).toEqual(["-7.55", "0"])
      expect(totals.receivable).toEqual([{ currency_code: "eur", opening: "0", debit: "93.01", credit: "100.56", closing: sum(balances).toFixed() }])
      expect(totals.by_account).toEqual(expect.arrayContaining([{ account: "1200", currency_code: "eur", debit: "93.01", credit: "100.56" }]))

      // The next day starts where this one ended; long ago nothing happened.
      expect((await journal(`from=${tomorrow}&to=${tomorrow}`)).totals.receivable).toEqual([{ currency_code: "eur", opening: "-7.55", debit: "0", credit: "0", closing: "-7.55" }])
      expect(await journal("from=2020-01-01&to=2020-01-31")).toEqual({ from: "2020-01-01", to: "2020-01-31", entries: [], totals: { by_account: [], receivable: [] } })

      const csv = await api.get(`/admin/billing/exports/journal?from=${today}&to=${today}&format=csv`, { headers })
      expect(csv.headers["content-type"]).toMatch(/^text\/csv/)
      expect(csv.headers["content-disposition"]).toBe(`attachment; filename="journal-${today}-${today}.csv"`)
      const [header, ...rows] = csvRows(String(csv.data))
      expect(header).toEqual(["date", "entry_id", "type", "reference", "description", "currency", "account", "debit", "credit"])
      expect(rows).toHaveLength(entries.reduce((n: number, e: any) => n + e.lines.length, 0))
      for (const id of new Set(rows.map((r) => r[1]))) {
        const own = rows.filter((r) => r[1] === id)
        expect(sum(own.map((r) => r[7])).toFixed()).toBe(sum(own.map((r) => r[8])).toFixed())
      }
      expect(rows).toContainEqual([today, `write_off:${writeOff.id}`, "write_off", third.number, "Write-off on invoice " + third.number + " · rounding", "eur", "6990", "0.03", "0"])

      const xlsx = await api.get(`/admin/billing/exports/journal?from=${today}&to=${today}&format=xlsx`, { headers, ...binary })
      expect(xlsx.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      expect(xlsx.headers["content-disposition"]).toBe(`attachment; filename="journal-${today}-${today}.xlsx"`)
      const files = unzip(Buffer.from(xlsx.data))
      expect(files.get("xl/workbook.xml")).toContain(`<sheet name="Journal" sheetId="1" r:id="rId1"/><sheet name="Accounts" sheetId="2" r:id="rId2"/>`)
      expect(files.get("xl/worksheets/sheet1.xml")).toContain(`<t xml:space="preserve">write_off:${writeOff.id}</t>`)
      // The receivable's totals as numbers a spreadsheet sums.
      expect(files.get("xl/worksheets/sheet2.xml")).toMatch(/<t xml:space="preserve">1200<\/t><\/is><\/c><c r="B\d+" t="inlineStr"><is><t xml:space="preserve">eur<\/t><\/is><\/c><c r="C\d+"><v>93.01<\/v><\/c><c r="D\d+"><v>100.56<\/v><\/c>/)
    })

    it("books Stripe's side: card payments and chargebacks through the Stripe balance, its fees, and payouts to the bank", async () => {
      const customer = await createCustomer("card@example.com")
      const now = new Date()
      await billing().createCollectionAccounts([
        { name: "Stripe", type: "stripe", currency_code: null, account_code: "1015" },
        { name: "Main bank", type: "bank", currency_code: "eur", account_code: "1020" },
      ])
      // Stored as the Stripe webhook stores them (their handling has its own tests).
      const [payment] = await billing().createBillingPayments([
        { customer_id: customer.id, currency_code: "eur", amount: 100, received_at: now, source: "stripe", external_id: "ch_1", stripe_payment_intent_id: "pi_1" },
      ])
      const [dispute] = await billing().createPaymentDisputes([
        { external_id: "dp_1", payment_id: payment.id, currency_code: "eur", amount: 40, status: "needs_response", status_event_created_at: now,
          amount_withdrawn: 40, withdrawn_at: now, fee: 15, fee_currency_code: "eur" },
      ])
      await billing().createStripeBalanceTransactions([
        { external_id: "txn_charge", type: "charge", source_id: "ch_1", charge_id: "ch_1", currency_code: "eur", amount: 100, fee: 1.65, net: 98.35, stripe_created_at: now },
        // The dispute's own transaction carries the fee the dispute already books: not twice.
        { external_id: "txn_dispute", type: "dispute", source_id: "dp_1", currency_code: "eur", amount: -40, fee: 15, net: -55, stripe_created_at: now },
      ])
      await billing().createStripePayouts([
        { external_id: "po_paid", currency_code: "eur", amount: 43.35, status: "paid", arrival_date: now, status_event_created_at: now },
        { external_id: "po_failed", currency_code: "eur", amount: 10, status: "failed", arrival_date: now, status_event_created_at: now },
      ])

      const { entries, totals } = await journal(`from=${today}&to=${today}`)
      expect(entries.map((e: any) => [e.id, ...lineTriples(e)]).sort()).toEqual(
        [
          [`payment:${payment.id}`, ["1015", "100", "0"], ["1200", "0", "100"]],
          [`dispute_withdrawn:${dispute.id}`, ["1200", "40", "0"], ["1015", "0", "40"]],
          [`dispute_fee:${dispute.id}`, ["6100", "15", "0"], ["1015", "0", "15"]],
          ["stripe_fee:txn_charge", ["6100", "1.65", "0"], ["1015", "0", "1.65"]],
          ["payout:po_paid", ["1020", "43.35", "0"], ["1015", "0", "43.35"]],
        ].sort()
      )
      // What is left on the Stripe balance: 100 − 40 − 15 − 1.65 − 43.35 = 0.
      expect(totals.by_account.find((t: any) => t.account === "1015")).toEqual({ account: "1015", currency_code: "eur", debit: "100", credit: "100" })
      // The receivable moved as the customer's ledger did.
      const statement = (await api.get(`/admin/customers/${customer.id}/statement?currency_code=eur`, { headers })).data.statement
      expect(totals.receivable).toEqual([{ currency_code: "eur", opening: "0", debit: "40", credit: "100", closing: statement.closing_balance }])
    })

    it("books to the merchant's chart of accounts", async () => {
      const customer = await createCustomer("codes@example.com")
      await invoiceFor({ customer })
      await record(customer.id, { amount: 17.78 })
      const settings = await api.post("/admin/billing/settings", { account_codes: { receivable: "10400", revenue: "8400", cash: "1800" } }, { headers })
      expect(settings.data.settings.account_codes).toEqual(expect.objectContaining({ receivable: "10400", revenue: "8400", cash: "1800", tax: "2200" }))

      const { entries, totals } = await journal(`from=${today}&to=${today}`)
      const accounts = new Set(entries.flatMap((e: any) => e.lines.map((l: any) => l.account)))
      expect([...accounts].sort()).toEqual(["10400", "1800", "2200", "4010", "8400"])
      expect(totals.receivable).toEqual([{ currency_code: "eur", opening: "0", debit: "17.78", credit: "17.78", closing: "0" }])
    })

    it("lists the period's invoices, credit notes and payments as flat CSV and XLSX", async () => {
      const bank = await billing().createCollectionAccounts({ name: "Main bank", type: "bank", currency_code: "eur" })
      const customer = await createCustomer("flat@example.com")
      const invoice = await invoiceFor({ customer }) // 17.78
      const credit = await creditNote(invoice.id, 5)
      const payment = await record(customer.id, { amount: 20, collection_account_id: bank.id, reference: "SEPA 42" })
      await api.post(`/admin/billing/payments/${payment.id}/refunds`, { amount: 2 }, { headers })

      const invoices = await api.get(`/admin/billing/exports/invoices?from=${today}&to=${today}`, { headers })
      expect(invoices.headers["content-disposition"]).toBe(`attachment; filename="invoices-${today}-${today}.csv"`)
      const [header, ...rows] = csvRows(String(invoices.data))
      expect(header).toEqual([
        "number", "type", "status", "issued_at", "due_at", "customer_id", "email", "currency", "subtotal", "shipping", "discount", "tax",
        "rounding", "total", "paid", "credited", "written_off", "due", "order_display_id", "original_invoice_number",
      ])
      expect(rows).toHaveLength(2)
      const row = (number: string) => Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[0] === number)![i]]))
      expect(row(invoice.number)).toEqual(
        expect.objectContaining({ type: "invoice", status: "paid", issued_at: today, customer_id: customer.id, email: "flat@example.com", currency: "eur",
          subtotal: "9.99", shipping: "4.95", discount: "0", tax: "2.84", rounding: "0", total: "17.78", paid: "12.78", credited: "5", written_off: "0", due: "0", original_invoice_number: "" })
      )
      expect(row(credit.number)).toEqual(expect.objectContaining({ type: "credit_note", total: "5", original_invoice_number: invoice.number }))

      const payments = await api.get(`/admin/billing/exports/payments?from=${today}&to=${today}&format=csv`, { headers })
      // Found by its receipt number: a capture synced late from the previous test's order may be listed too.
      const [paymentHeader, ...paymentRows] = csvRows(String(payments.data))
      const paymentRow = paymentRows.find((r) => r[0] === payment.receipt_number)!
      expect(Object.fromEntries(paymentHeader.map((h, i) => [h, paymentRow[i]]))).toEqual({
        receipt_number: payment.receipt_number, received_at: today, customer_id: customer.id, currency: "eur", amount: "20", allocated: "12.78",
        refunded: "2", disputed: "0", unapplied: "5.22", method: "bank_transfer", source: "manual", collection_account: "Main bank", reference: "SEPA 42", external_id: "",
      })

      const xlsx = await api.get(`/admin/billing/exports/invoices?from=${today}&to=${today}&format=xlsx`, { headers, ...binary })
      const sheet = unzip(Buffer.from(xlsx.data)).get("xl/worksheets/sheet1.xml")!
      expect(sheet).toContain(`<t xml:space="preserve">${invoice.number}</t>`)
      expect(sheet).toMatch(/<c r="N\d"><v>17.78<\/v><\/c>/)
      expect(unzip(Buffer.from((await api.get(`/admin/billing/exports/payments?from=${today}&to=${today}&format=xlsx`, { headers, ...binary })).data)).get("xl/workbook.xml")).toContain(`name="Payments"`)
      // Nothing was issued or received the day after.
      expect(csvRows(String((await api.get(`/admin/billing/exports/payments?from=${tomorrow}&to=${tomorrow}`, { headers })).data))).toHaveLength(1)
    })

    it("refuses a bad period or format with a clear 400, and anyone but an admin", async () => {
      const refused = async (path: string) => {
        const res = await refuse(api.get(path, { headers }))
        expect(res.status).toBe(400)
        return res.data.message as string
      }
      expect(await refused("/admin/billing/exports/journal?from=2026-03-01&to=2026-02-01")).toBe("The export period ends before it starts.")
      expect(await refused("/admin/billing/exports/invoices?from=2026-03-01&to=2026-02-28&format=xlsx")).toBe("The export period ends before it starts.")
      expect(await refused("/admin/billing/exports/payments?from=2026-03-01&to=2026-02-01")).toBe("The export period ends before it starts.")
      expect(await refused("/admin/billing/exports/journal?from=2026-01-01")).toBe("Invalid request: Field 'to' is required")
      expect(await refused("/admin/billing/exports/journal?from=2026-13-01&to=2026-12-31")).toMatch(/from is not a real date/)
      expect(await refused("/admin/billing/exports/journal?from=yesterday&to=2026-12-31")).toMatch(/from is a date like 2026-01-31/)
      expect(await refused("/admin/billing/exports/journal?from=2026-01-01&to=2026-01-31&format=pdf")).toBe("Invalid request: Expected: 'json, csv, xlsx' for field 'format', but got: 'pdf'")
      expect(await refused("/admin/billing/exports/invoices?from=2026-01-01&to=2026-01-31&format=json")).toBe("Invalid request: Expected: 'csv, xlsx' for field 'format', but got: 'json'")
      expect(await refused("/admin/billing/exports/journal?from=2026-01-01&to=2026-01-31&currency=eur")).toMatch(/currency/)
      // One day is a period.
      expect((await api.get("/admin/billing/exports/journal?from=2026-02-01&to=2026-02-01", { headers })).status).toBe(200)
      expect((await refuse(api.get("/admin/billing/exports/journal?from=2026-01-01&to=2026-01-31"))).status).toBe(401)
    })
  },
})

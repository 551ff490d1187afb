import { Modules } from "@medusajs/framework/utils"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { placeOrderAndSettle, refuse, SUBSCRIBERS_TIMEOUT } from "../helpers/billing"
import { useBillingFixture } from "../helpers/fixtures"
import { eventually } from "../helpers/storefront"

jest.setTimeout(240_000)

const today = new Date().toISOString().slice(0, 10)
const now = new Date()
/** The month before last: it has ended, so it can be closed. */
const pastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 7)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { store, headers, customer, orderWithInvoice, invoiceFor } = useBillingFixture(
      { api, getContainer },
      { customer: { email: "payer@example.com", first_name: "Pay", last_name: "Er" } }
    )
    const getInvoice = async (id: string) => (await api.get(`/admin/invoices/${id}`, { headers })).data.invoice
    const finished = (id: string) =>
      eventually(async () => {
        const { reconciliation } = (await api.get(`/admin/billing/reconciliations/${id}`, { headers })).data
        return reconciliation.status !== "running" ? reconciliation : null
      })
    const exceptionsOf = async (runId: string, query = "") =>
      (await api.get(`/admin/billing/reconciliations/${runId}/exceptions?limit=100${query}`, { headers })).data.exceptions as any[]
    const resolve = (id: string, body: Record<string, unknown>) => api.post(`/admin/billing/exceptions/${id}/resolve`, body, { headers })
    /** Events as a finance system's subscriber receives them. */
    const listen = (names: string[]) => {
      const received: { name: string; data: any }[] = []
      const bus = getContainer().resolve(Modules.EVENT_BUS)
      for (const name of names) {
        bus.subscribe(name, async (event: any) => {
          received.push({ name, data: event.data })
        }, { subscriberId: `test-listener-${name}-${Math.random()}` })
      }
      return received
    }
    const statementCount = async () => (await api.get(`/admin/billing/bank-statements`, { headers })).data.count

    describe("bank statements", () => {
      it("imports a CSV with a mapping preview, matches lines to payments and invoices, and resolves what is left", async () => {
        const first = await invoiceFor() // 17.78
        const second = await invoiceFor() // 17.78
        const account = (await api.post("/admin/billing/collection-accounts", { name: "Main bank", type: "bank", currency_code: "eur", account_code: "1020" }, { headers })).data.collection_account
        expect(account.account_code).toBe("1020")
        // Money the admin already recorded by hand: the bank line of it is matched by amount and date.
        const recorded = (
          await api.post(
            "/admin/billing/payments",
            { customer_id: customer.id, currency_code: "eur", method: "bank_transfer", amount: 33.33, collection_account_id: account.id, allocate: "none" },
            { headers }
          )
        ).data.payment
        const csv = [
          "Date,Amount,Text",
          `${today},17.78,"Invoice ${first.number}, thank you"`,
          `${today},17.28,${second.number.replace(/-/g, " ")} less bank charges`,
          `${today},33.33,Transfer`,
          `${today},99.00,Unknown donor`,
          `${today},-5.00,Account fee`,
        ].join("\n")

        const preview = (await api.post("/admin/billing/bank-statements/preview", { collection_account_id: account.id, file_name: "october.csv", content: csv }, { headers })).data
        expect(preview).toEqual(expect.objectContaining({ format: "csv", header: ["Date", "Amount", "Text"], line_count: 5, errors: [] }))
        expect(preview.mapping).toEqual(expect.objectContaining({ date_column: "Date", date_format: "YYYY-MM-DD", amount_column: "Amount", description_columns: ["Text"], decimal_separator: "." }))
        expect(preview.lines[0]).toEqual(expect.objectContaining({ row_number: 2, amount: "17.78", description: `Invoice ${first.number}, thank you` }))

        const imported = await api.post(
          "/admin/billing/bank-statements",
          { collection_account_id: account.id, file_name: "october.csv", content: csv, mapping: preview.mapping, tolerances: { amount_tolerance: 1 } },
          { headers }
        )
        expect(imported.status).toBe(201)
        expect(imported.data.bank_statement).toEqual(expect.objectContaining({ line_count: 5, new_line_count: 5, format: "csv" }))
        const run = await finished(imported.data.reconciliation.id)
        expect(run).toEqual(expect.objectContaining({ kind: "bank_statement", status: "completed", matched_count: 3, exception_count: 2, progress_done: 5, progress_total: 5 }))
        expect(run.match_rate).toBeCloseTo(3 / 5)
        expect(run.summary).toEqual(expect.objectContaining({ payments_recorded: 2, outgoing_lines: 1, open_exceptions: 2 }))

        expect(await getInvoice(first.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
        expect(await getInvoice(second.id)).toEqual(expect.objectContaining({ status: "partially_paid", amount_due: 0.5 }))
        const lines = (await api.get(`/admin/billing/bank-statements/${imported.data.bank_statement.id}`, { headers })).data.lines
        expect(lines.map((l: any) => l.status)).toEqual(["matched", "matched", "matched", "unmatched", "unmatched"])
        expect(lines[2].payment_id).toBe(recorded.id)

        const exceptions = await exceptionsOf(run.id)
        const difference = exceptions.find((e) => e.type === "bank_amount_difference")
        const unmatched = exceptions.find((e) => e.type === "bank_line_unmatched")
        expect(difference).toEqual(expect.objectContaining({ status: "open", expected_amount: 17.78, actual_amount: 17.28, difference: -0.5, actions: ["write_off", "explain"] }))
        expect(difference.links.invoice_id).toBe(second.id)
        expect(unmatched).toEqual(expect.objectContaining({ actual_amount: 99, actions: ["record_payment", "link", "explain"] }))

        // The bank kept 0.50: written off as a fee, the invoice is paid.
        const written = await resolve(difference.id, { action: "write_off", reason: "fee", note: "Bank charges" })
        expect(written.data.exception).toEqual(expect.objectContaining({ status: "resolved", resolution: expect.objectContaining({ action: "write_off", note: "Bank charges" }) }))
        expect(written.data.exception.history.map((h: any) => h.event)).toEqual(["found", "resolved"])
        expect(await getInvoice(second.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0, amount_written_off: 0.5 }))
        const twice = await refuse(resolve(difference.id, { action: "write_off", reason: "fee" }))
        expect(twice.status).toBe(400)
        expect(twice.data.message).toMatch(/already resolved/)
        expect((await getInvoice(second.id)).amount_written_off).toBe(0.5)

        // One click makes the unknown line a payment of the customer; it needs to know who paid.
        const nobody = await refuse(resolve(unmatched.id, { action: "record_payment" }))
        expect(nobody.status).toBe(400)
        expect(nobody.data.message).toMatch(/customer_id is required/)
        expect((await refuse(resolve(unmatched.id, { action: "write_off" }))).data.message).toMatch(/cannot be resolved with "write_off"/)
        const paid = await resolve(unmatched.id, { action: "record_payment", customer_id: customer.id, note: "Prepayment" })
        const payment = (await api.get(`/admin/billing/payments/${paid.data.exception.resolution.payment_id}`, { headers })).data.payment
        expect(payment).toEqual(expect.objectContaining({ amount: 99, method: "bank_transfer", collection_account_id: account.id, customer_id: customer.id }))
        expect((await api.get(`/admin/billing/reconciliations/${run.id}`, { headers })).data.reconciliation.summary.open_exceptions).toBe(0)

        // The same file again adds nothing; an overlapping file adds only its new line.
        const again = await api.post("/admin/billing/bank-statements", { collection_account_id: account.id, file_name: "october-again.csv", content: csv }, { headers })
        expect(again.status).toBe(200)
        expect(again.data.already_imported).toBe(true)
        const overlapping = await api.post(
          "/admin/billing/bank-statements",
          { collection_account_id: account.id, file_name: "october-november.csv", content: `${csv}\n${today},12.00,Another donor`, reconcile: false },
          { headers }
        )
        expect(overlapping.status).toBe(201)
        expect(overlapping.data.bank_statement).toEqual(expect.objectContaining({ line_count: 6, new_line_count: 1 }))
        expect(overlapping.data.reconciliation).toBeNull()

        // Running the first run again: nothing duplicated, resolutions kept.
        expect((await api.post(`/admin/billing/reconciliations/${run.id}/rerun`, {}, { headers })).status).toBe(202)
        const rerun = await finished(run.id)
        expect(rerun).toEqual(expect.objectContaining({ status: "completed", runs: 2, matched_count: 3 }))
        const after = await exceptionsOf(run.id)
        expect(after.map((e) => [e.id, e.status]).sort()).toEqual(exceptions.map((e) => [e.id, "resolved"]).sort())
        const payments = (await api.get(`/admin/billing/payments?customer_id=${customer.id}&limit=50`, { headers })).data.payments
        expect(payments).toHaveLength(4)
      })

      it("imports a CAMT.053 statement: a credit that names an invoice pays it, a debit is left aside", async () => {
        const { invoice } = await orderWithInvoice() // 17.78
        const account = (await api.post("/admin/billing/collection-accounts", { name: "SEPA account", type: "bank", currency_code: "eur" }, { headers })).data.collection_account
        const camt = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>STMT-1</Id>
  <Ntry><Amt Ccy="EUR">17.78</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>${today}</Dt></BookgDt>
    <NtryDtls><TxDtls><Refs><EndToEndId>E2E-4711</EndToEndId></Refs><RltdPties><Dbtr><Nm>Pay Er</Nm></Dbtr></RltdPties>
    <RmtInf><Ustrd>${invoice.number}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
  <Ntry><Amt Ccy="EUR">2.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>${today}</Dt></BookgDt><AddtlNtryInf>Account fee</AddtlNtryInf></Ntry>
</Stmt></BkToCstmrStmt></Document>`
        const imported = await api.post("/admin/billing/bank-statements", { collection_account_id: account.id, file_name: "camt.xml", content: camt }, { headers })
        expect(imported.status).toBe(201)
        expect(imported.data.bank_statement).toEqual(expect.objectContaining({ format: "camt053", line_count: 2, mapping: null }))
        const run = await finished(imported.data.reconciliation.id)
        expect(run).toEqual(expect.objectContaining({ status: "completed", matched_count: 1, exception_count: 0 }))
        expect(run.summary).toEqual(expect.objectContaining({ payments_recorded: 1, outgoing_lines: 1 }))
        expect(await getInvoice(invoice.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
        const lines = (await api.get(`/admin/billing/bank-statements/${imported.data.bank_statement.id}`, { headers })).data.lines
        expect(lines.map((l: any) => [l.amount, l.reference, l.counterparty, l.status])).toEqual([
          [17.78, "E2E-4711", "Pay Er", "matched"],
          [-2.5, null, null, "unmatched"],
        ])
      })

      it("refuses a malformed file whole, naming each bad row, and imports nothing", async () => {
        const account = (await api.post("/admin/billing/collection-accounts", { name: "Bank", type: "bank", currency_code: "eur" }, { headers })).data.collection_account
        const mapping = { date_column: "Date", date_format: "DD.MM.YYYY", amount_column: "Amount", decimal_separator: ",", description_columns: ["Text"] }
        const bad = ["Date;Amount;Text", "01.10.2026;10,00;ok", "31.02.2026;10,00;bad date", "03.10.2026;12,3x;bad amount", "04.10.2026;5,00"].join("\n")
        const refused = await refuse(api.post("/admin/billing/bank-statements", { collection_account_id: account.id, file_name: "bad.csv", content: bad, mapping }, { headers }))
        expect(refused.status).toBe(400)
        expect(refused.data.message).toBe(
          '3 rows of the file cannot be read; nothing was imported. row 3: date "31.02.2026" is not a date in DD.MM.YYYY.; row 4: amount "12,3x" is not an amount.; row 5: has 2 columns; the header has 3.'
        )
        const wrongColumns = await refuse(api.post("/admin/billing/bank-statements", { collection_account_id: account.id, file_name: "x.csv", content: "Datum;Summe\n01.10.2026;1", mapping }, { headers }))
        expect(wrongColumns.status).toBe(400)
        expect(wrongColumns.data.message).toMatch(/row 1: The date column "Date" is not in the file's header \(Datum, Summe\)/)
        const noMapping = await refuse(api.post("/admin/billing/bank-statements", { collection_account_id: account.id, file_name: "x.csv", content: "a,b\n1,2" }, { headers }))
        expect(noMapping.data.message).toMatch(/Map the file's columns first/)
        const camt = await refuse(api.post("/admin/billing/bank-statements", { collection_account_id: account.id, file_name: "x.xml", content: "<?xml version='1.0'?><Document><Nothing/></Document>" }, { headers }))
        expect(camt.data.message).toMatch(/not a CAMT\.053 statement/)
        expect((await refuse(api.post("/admin/billing/bank-statements", { collection_account_id: "bacc_missing", content: "a" }, { headers }))).status).toBe(404)
        const preview = (await api.post("/admin/billing/bank-statements/preview", { collection_account_id: account.id, content: bad, mapping }, { headers })).data
        expect(preview.errors.map((e: any) => e.row)).toEqual([3, 4, 5])
        expect(await statementCount()).toBe(0)
      })
    })

    describe("orders ↔ invoices ↔ payments", () => {
      it("expects no invoice yet of an order the store invoices on first fulfillment and has not fulfilled", async () => {
        await api.post("/admin/billing/settings", { invoice_trigger: "first_fulfillment" }, { headers })
        const orderId = await placeOrderAndSettle(getContainer(), store, { email: customer.email, customer_id: customer.id })
        const started = await api.post("/admin/billing/reconciliations", { kind: "three_way", from: today, to: today }, { headers })
        const run = await finished(started.data.reconciliation.id)
        expect(run).toEqual(expect.objectContaining({ status: "completed", progress_done: 1, progress_total: 1 }))
        expect(await exceptionsOf(run.id)).toEqual([])
        // On "order placed" the same order owes an invoice.
        await api.post("/admin/billing/settings", { invoice_trigger: "order_placed" }, { headers })
        expect((await api.post(`/admin/billing/reconciliations/${run.id}/rerun`, {}, { headers })).status).toBe(202)
        const found = await exceptionsOf((await finished(run.id)).id)
        expect(found.map((e) => [e.type, e.links.order_id])).toEqual([["order_not_invoiced", orderId]])
      })

      it("finds an order without its invoice and a capture billing missed, and resolves both by doing what is missing", async () => {
        const container = getContainer()
        const paid = await orderWithInvoice()
        const missing = await orderWithInvoice({ quantity: 2 })
        // Capture the first order's payment: billing records it (payment.captured).
        const query = container.resolve("query")
        const { data } = await query.graph({ entity: "order", fields: ["payment_collections.payments.id"], filters: { id: paid.orderId } })
        const bus = container.resolve(Modules.EVENT_BUS)
        const captured = TestEventUtils.waitSubscribersExecution("payment.captured", bus, { timeout: SUBSCRIBERS_TIMEOUT })
        await capturePaymentWorkflow(container).run({ input: { payment_id: (data[0] as any).payment_collections[0].payments[0].id } })
        await captured
        await eventually(async () => (await getInvoice(paid.invoice.id)).status === "paid")
        // The second order loses its invoice (voided by mistake).
        await api.post(`/admin/invoices/${missing.invoice.id}/void`, { reason: "Voided by mistake" }, { headers })

        const started = await api.post("/admin/billing/reconciliations", { kind: "three_way", from: today, to: today }, { headers })
        expect(started.status).toBe(202)
        expect(started.data.reconciliation).toEqual(expect.objectContaining({ status: "running", started_by_type: "user" }))
        const run = await finished(started.data.reconciliation.id)
        expect(run).toEqual(expect.objectContaining({ status: "completed", progress_done: 2, progress_total: 2, match_rate: 0.5 }))
        const exceptions = await exceptionsOf(run.id)
        expect(exceptions.map((e) => e.type)).toEqual(["order_not_invoiced"])
        expect(exceptions[0]).toEqual(expect.objectContaining({ expected_amount: 29.67, actual_amount: 0, difference: -29.67, actions: ["create_invoice", "explain"] }))
        expect(exceptions[0].links.order_id).toBe(missing.orderId)
        const matches = (await api.get(`/admin/billing/reconciliations/${run.id}/matches`, { headers })).data.matches
        expect(matches.map((m: any) => m.source_type).sort()).toEqual(["medusa_capture", "order"])

        const created = await resolve(exceptions[0].id, { action: "create_invoice", note: "Invoiced again" })
        expect(created.data.exception.resolution.invoice_id).toBeTruthy()
        const invoice = await getInvoice(created.data.exception.resolution.invoice_id)
        expect(invoice).toEqual(expect.objectContaining({ order_id: missing.orderId, status: "open", total: 29.67 }))

        // As if payment.captured had never reached billing: no payment, the invoice still open.
        const [payment] = (await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.payments
        const pg = container.resolve("__pg_connection__") as any
        await pg.raw(`update billing_payment_allocation set deleted_at = now() where payment_id = ?`, [payment.id])
        await pg.raw(`update billing_payment set deleted_at = now() where id = ?`, [payment.id])
        await pg.raw(`update billing_invoice set amount_paid = 0, amount_due = total, status = 'open' where id = ?`, [paid.invoice.id])
        expect((await api.post(`/admin/billing/reconciliations/${run.id}/rerun`, {}, { headers })).status).toBe(202)
        const rerun = await finished(run.id)
        const found = await exceptionsOf(run.id, "&status=open")
        expect(found.map((e) => e.type)).toEqual(["capture_not_recorded"])
        expect(rerun.summary.open_exceptions).toBe(1)
        const synced = await resolve(found[0].id, { action: "record_payment" })
        expect(synced.data.exception.status).toBe("resolved")
        const again = (await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.payments
        expect(again).toEqual([expect.objectContaining({ source: "medusa", amount: 17.78, amount_allocated: 17.78, external_id: payment.external_id })])
        expect(await getInvoice(paid.invoice.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
      })

      it("refuses runs without what they need, or with a period that ends before it starts", async () => {
        const bad = async (body: Record<string, unknown>) => (await refuse(api.post("/admin/billing/reconciliations", body, { headers })))
        expect((await bad({ kind: "three_way", from: "2026-10-31", to: "2026-10-01" })).data.message).toBe("The period ends (2026-10-01) before it starts (2026-10-31).")
        expect((await bad({ kind: "three_way" })).status).toBe(400)
        expect((await bad({ kind: "three_way", from: "2026-02-30", to: "2026-03-01" })).status).toBe(400)
        expect((await bad({ kind: "bank_statement" })).status).toBe(400)
        expect((await bad({ kind: "stripe_payout", payout_id: "po_unknown" })).status).toBe(404)
        expect((await bad({ kind: "magic", from: today, to: today })).status).toBe(400)
        expect((await refuse(api.post("/admin/billing/exceptions/bexc_missing/resolve", { action: "explain", note: "x" }, { headers }))).status).toBe(404)
        expect((await refuse(api.get("/admin/billing/reconciliations", {}))).status).toBe(401)
        expect((await api.get("/admin/billing/reconciliations", { headers })).data.count).toBe(0)
      })
    })

    describe("period close", () => {
      it("closes an ended month once, refuses what is dated in it, and reopens it only with a reason", async () => {
        const announced = listen(["billing.period.closed", "billing.period.reopened"])
        const closed = await api.post("/admin/billing/periods", { period: pastMonth }, { headers })
        expect(closed.data.period).toEqual(expect.objectContaining({ period: pastMonth, status: "closed" }))
        const twice = await refuse(api.post("/admin/billing/periods", { period: pastMonth }, { headers }))
        expect(twice.status).toBe(400)
        expect(twice.data.message).toMatch(new RegExp(`\\(${pastMonth}\\) is already closed since ${today}`))
        expect((await refuse(api.post("/admin/billing/periods", { period: today.slice(0, 7) }, { headers }))).data.message).toMatch(/has not ended yet/)
        expect((await refuse(api.post("/admin/billing/periods", { period: "2026-13" }, { headers }))).data.message).toMatch(/is not a period: use a month as YYYY-MM/)

        const dated = await refuse(
          api.post("/admin/billing/payments", { customer_id: customer.id, currency_code: "eur", method: "bank_transfer", amount: 10, received_at: `${pastMonth}-10T12:00:00Z` }, { headers })
        )
        expect(dated.status).toBe(400)
        expect(dated.data.message).toMatch(new RegExp(`The payment is dated ${pastMonth}-10, in .+ \\(${pastMonth}\\), which is closed; reopen the period first`))
        expect((await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.payments).toHaveLength(0)

        expect((await refuse(api.post(`/admin/billing/periods/${pastMonth}/reopen`, {}, { headers }))).status).toBe(400)
        const reopened = await api.post(`/admin/billing/periods/${pastMonth}/reopen`, { reason: "Late bank statement" }, { headers })
        expect(reopened.data.period).toEqual(expect.objectContaining({ status: "open", reopen_reason: "Late bank statement" }))
        expect((await refuse(api.post(`/admin/billing/periods/${pastMonth}/reopen`, { reason: "again" }, { headers }))).data.message).toMatch(/is not closed/)
        const periods = (await api.get("/admin/billing/periods", { headers })).data.periods
        expect(periods).toEqual([expect.objectContaining({ period: pastMonth, status: "open" })])
        const log = (await api.get(`/admin/billing/activity?entity_type=period&entity_id=${pastMonth}`, { headers })).data
        expect((log.activities ?? log.activity).map((a: any) => a.action).sort()).toEqual(["period.closed", "period.reopened"])
        await eventually(async () => announced.length === 2)
        expect(announced).toEqual([
          { name: "billing.period.closed", data: expect.objectContaining({ period: pastMonth }) },
          { name: "billing.period.reopened", data: { period: pastMonth, reason: "Late bank statement" } },
        ])
      })
    })

    describe("write-offs and events for finance systems", () => {
      it("writes off part of an invoice by hand, refuses what it cannot write off, and announces write-offs and credit notes", async () => {
        const announced = listen(["billing.write_off.created", "billing.credit_note.issued"])
        const { invoice } = await orderWithInvoice() // 17.78
        const writeOff = (body: Record<string, unknown>, id = invoice.id) => api.post(`/admin/invoices/${id}/write-off`, body, { headers })
        for (const [body, message] of [
          [{ amount: 17.79, reason: "bad_debt" }, /more than invoice .+ owes \(17\.78\)/],
          [{ amount: 0, reason: "bad_debt" }, /field 'amount' too small/],
          [{ amount: 1, reason: "boredom" }, /reason/],
          [{ amount: 0.001, reason: "rounding" }, /more decimals than EUR/],
          [{ reason: "rounding" }, /amount/],
        ] as const) {
          const refused = await refuse(writeOff(body))
          expect(refused.status).toBe(400)
          expect(refused.data.message).toMatch(message)
        }
        expect((await refuse(writeOff({ amount: 1, reason: "fee" }, "inv_missing"))).status).toBe(404)
        expect((await getInvoice(invoice.id)).amount_written_off).toBe(0)

        const done = await writeOff({ amount: 2.78, reason: "settlement", note: "Agreed on the phone" })
        expect(done.data.invoice).toEqual(expect.objectContaining({ amount_written_off: 2.78, amount_due: 15, status: "open" }))
        expect(done.data.write_off).toEqual(expect.objectContaining({ amount: 2.78, reason: "settlement", note: "Agreed on the phone" }))
        const credit = await api.post(`/admin/invoices/${invoice.id}/credit-notes`, { amount: 5, reason: "Goodwill" }, { headers })
        const creditNote = credit.data.credit_note ?? credit.data.invoice
        await eventually(async () => announced.length === 2)
        expect(announced).toEqual(
          expect.arrayContaining([
            { name: "billing.write_off.created", data: expect.objectContaining({ invoice_id: invoice.id, amount: 2.78, reason: "settlement", currency_code: "eur" }) },
            { name: "billing.credit_note.issued", data: expect.objectContaining({ id: creditNote.id, original_invoice_id: invoice.id, total: 5 }) },
          ])
        )
        expect(await getInvoice(invoice.id)).toEqual(expect.objectContaining({ amount_due: 10, amount_credited: 5, amount_written_off: 2.78 }))
      })
    })
  },
})

import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { refuse, unzip } from "../helpers/billing"
import { useBillingFixture } from "../helpers/fixtures"

jest.setTimeout(240_000)

const today = new Date().toISOString().slice(0, 10)
const dayAfter = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const sum = (...values: unknown[]) => MathBN.sum(0, ...values.map((v) => String(v))).toString()
const sub = (a: unknown, b: unknown) => MathBN.sub(String(a), String(b)).toString()
const binary = { responseType: "arraybuffer" as const }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const fixture = useBillingFixture({ api, getContainer })
    const { headers } = fixture
    let pg: any

    beforeEach(() => {
      pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    })

    const newCustomer = (email: string, first_name?: string, company_name?: string) =>
      fixture.createCustomer({ email, first_name, last_name: first_name ? "Test" : undefined, company_name })

    /** An issued invoice of the customer (an order placed and invoiced), dated `issuedDaysAgo` and due `dueDaysAgo` days back. */
    const invoiceFor = async (customer: { id: string; email: string }, issuedDaysAgo: number, dueDaysAgo: number, items?: { handle: string; quantity: number }[]) => {
      const invoice = await fixture.invoiceFor({ customer, items })
      // Issued documents are frozen by a trigger; a test may move its own invoices in time.
      await pg.raw(`alter table billing_invoice disable trigger billing_invoice_guard_issued`)
      await pg.raw(
        `update billing_invoice set issued_at = now() - make_interval(days => ?), due_at = now() - make_interval(days => ?) where id = ?`,
        [issuedDaysAgo, dueDaysAgo, invoice.id]
      )
      await pg.raw(`alter table billing_invoice enable trigger billing_invoice_guard_issued`)
      return invoice as { id: string; number: string; total: number }
    }

    const pay = async (customerId: string, amount: number, receivedDaysAgo: number, allocate: "auto" | "none" = "auto") => {
      const { payment } = (
        await api.post(
          "/admin/billing/payments",
          { customer_id: customerId, currency_code: "eur", method: "bank_transfer", amount, allocate },
          { headers }
        )
      ).data
      await pg.raw(`update billing_payment set received_at = now() - make_interval(days => ?) where id = ?`, [receivedDaysAgo, payment.id])
      return payment
    }

    const aging = async (query = "") => (await api.get(`/admin/billing/reports/aging?${query}`, { headers })).data
    const zero = { current: "0", d1_30: "0", d31_60: "0", d61_90: "0", over_90: "0" }

    describe("aging report", () => {
      it("ages the ledger FIFO as of today and as of past days: a payment settles the oldest invoice first, buckets move with the day", async () => {
        const acme = await newCustomer("ap@acme.test", undefined, "Acme GmbH")
        const old = await invoiceFor(acme, 60, 45)
        const recent = await invoiceFor(acme, 20, 10, [{ handle: "coffee-mug", quantity: 2 }])
        await pay(acme.id, 10, 5)
        const owed = sub(sum(old.total, recent.total), 10)

        const now = await aging()
        expect(now).toEqual(
          expect.objectContaining({
            as_of: today,
            timezone: "UTC",
            buckets: [
              { key: "current", from: null, to: 0 },
              { key: "d1_30", from: 1, to: 30 },
              { key: "d31_60", from: 31, to: 60 },
              { key: "d61_90", from: 61, to: 90 },
              { key: "over_90", from: 91, to: null },
            ],
            count: 1,
            limit: 50,
            offset: 0,
          })
        )
        // The newest invoice is still fully owed; the payment went against the oldest.
        const figure = { currency_code: "eur", total: owed, credit: "0", buckets: { ...zero, d1_30: String(recent.total), d31_60: sub(old.total, 10) } }
        expect(now.customers).toEqual([{ customer_id: acme.id, name: "Acme GmbH", email: "ap@acme.test", ...figure }])
        expect(now.currencies).toEqual([figure])

        // A week ago the payment had not come in: the old invoice shows in full again.
        const weekAgo = await aging(`as_of=${dayAfter(today, -7)}`)
        expect(weekAgo.customers[0]).toEqual(
          expect.objectContaining({ total: sum(old.total, recent.total), buckets: { ...zero, d1_30: String(recent.total), d31_60: String(old.total) } })
        )
        // 15 days ago the recent invoice was not due yet, the old one 30 days overdue.
        expect((await aging(`as_of=${dayAfter(today, -15)}`)).customers[0].buckets).toEqual({ ...zero, current: String(recent.total), d1_30: String(old.total) })
        // 30 days ago the recent invoice was not issued yet.
        expect((await aging(`as_of=${dayAfter(today, -30)}`)).customers[0]).toEqual(expect.objectContaining({ total: String(old.total), buckets: { ...zero, d1_30: String(old.total) } }))
        // Before anything was issued, nobody owed anything.
        expect(await aging(`as_of=${dayAfter(today, -90)}`)).toEqual(expect.objectContaining({ customers: [], currencies: [], count: 0 }))

        // Custom buckets.
        const custom = await aging("buckets=15,45")
        expect(custom.buckets.map((b: any) => b.key)).toEqual(["current", "d1_15", "d16_45", "over_45"])
        expect(custom.customers[0].buckets).toEqual({ current: "0", d1_15: String(recent.total), d16_45: sub(old.total, 10), over_45: "0" })

        // The drill-down adds up to the figure, bucket by bucket.
        const drill = async (q: string) => (await api.get(`/admin/billing/reports/aging/invoices?customer_id=${acme.id}&currency_code=eur${q}`, { headers })).data.invoices
        const all = await drill("")
        expect(all).toEqual([
          expect.objectContaining({ id: old.id, number: old.number, days_overdue: 45, total: String(old.total), open_amount: sub(old.total, 10), bucket: "d31_60" }),
          expect.objectContaining({ id: recent.id, days_overdue: 10, total: String(recent.total), open_amount: String(recent.total), bucket: "d1_30" }),
        ])
        expect(sum(...all.map((i: any) => i.open_amount))).toBe(owed)
        expect(await drill("&bucket=d31_60")).toEqual([expect.objectContaining({ id: old.id, open_amount: sub(old.total, 10) })])
        expect(await drill(`&bucket=current&as_of=${dayAfter(today, -15)}`)).toEqual([expect.objectContaining({ id: recent.id, open_amount: String(recent.total), days_overdue: -5 })])
      })

      it("ages the invoices a payment was applied to, not the oldest: a newer invoice paid leaves the older one open in full", async () => {
        const acme = await newCustomer("open-items@acme.test", undefined, "Open Items Ltd")
        const old = await invoiceFor(acme, 50, 40)
        const recent = await invoiceFor(acme, 20, 10)
        const { payment } = (
          await api.post(
            "/admin/billing/payments",
            { customer_id: acme.id, currency_code: "eur", method: "bank_transfer", amount: Number(recent.total), allocate: [{ invoice_id: recent.id, amount: Number(recent.total) }] },
            { headers }
          )
        ).data
        await pg.raw(`update billing_payment set received_at = now() - make_interval(days => 5) where id = ?`, [payment.id])
        const drill = async (q = "") => (await api.get(`/admin/billing/reports/aging/invoices?customer_id=${acme.id}&currency_code=eur${q}`, { headers })).data.invoices
        expect(await drill()).toEqual([expect.objectContaining({ id: old.id, open_amount: String(old.total), bucket: "d31_60" })])
        const customer = (await aging("")).customers.find((c: any) => c.customer_id === acme.id)
        expect(customer).toEqual(expect.objectContaining({ total: String(old.total), credit: "0", buckets: { ...zero, d31_60: String(old.total) } }))
        // A week ago the payment had not come: both were open, each in its own bucket.
        expect((await drill(`&as_of=${dayAfter(today, -7)}`)).map((i: any) => [i.id, i.open_amount, i.bucket])).toEqual([
          [old.id, String(old.total), "d31_60"],
          [recent.id, String(recent.total), "d1_30"],
        ])
      })

      it("counts days in the store's time zone: due and paid in the evening UTC is the next day in Shanghai", async () => {
        await api.post("/admin/billing/settings", { timezone: "Asia/Shanghai" }, { headers })
        const acme = await newCustomer("ap@acme.test", undefined, "Acme GmbH")
        const invoice = await invoiceFor(acme, 10, 5)
        const asOf = dayAfter(today, -2)
        // Due at 20:00 UTC the day before as_of: 04:00 on as_of in Shanghai, so not overdue yet.
        await pg.raw(`alter table billing_invoice disable trigger billing_invoice_guard_issued`)
        await pg.raw(`update billing_invoice set due_at = ?::timestamptz where id = ?`, [`${dayAfter(asOf, -1)}T20:00:00Z`, invoice.id])
        await pg.raw(`alter table billing_invoice enable trigger billing_invoice_guard_issued`)
        // Paid at 17:00 UTC on as_of: 01:00 the next day in Shanghai, after the end of as_of.
        const payment = await pay(acme.id, 5, 0)
        await pg.raw(`update billing_payment set received_at = ?::timestamptz where id = ?`, [`${asOf}T17:00:00Z`, payment.id])

        const report = await aging(`as_of=${asOf}`)
        expect(report.timezone).toBe("Asia/Shanghai")
        expect(report.customers[0]).toEqual(expect.objectContaining({ total: String(invoice.total), buckets: { ...zero, current: String(invoice.total) } }))
        const [line] = (await api.get(`/admin/billing/reports/aging/invoices?customer_id=${acme.id}&currency_code=eur&as_of=${asOf}`, { headers })).data.invoices
        expect(line).toEqual(expect.objectContaining({ days_overdue: 0, bucket: "current" }))
        // The next day (Shanghai) the payment is in and the invoice is one day overdue.
        expect((await aging(`as_of=${dayAfter(asOf, 1)}`)).customers[0].buckets).toEqual({ ...zero, d1_30: sub(invoice.total, 5) })
      })

      it("shows a negative balance as unapplied credit, outside the buckets; searches and pages customers by total", async () => {
        const early = await newCustomer("prepaid@example.com", "Pre")
        await pay(early.id, 50, 3, "none")
        const owing = await newCustomer("owing@example.com", "Owing")
        const invoice = await invoiceFor(owing, 40, 35)
        const small = await newCustomer("small@example.com", "Small")
        const smallInvoice = await invoiceFor(small, 5, 2)
        await pay(small.id, 10, 1)

        const report = await aging()
        expect(report.count).toBe(3)
        expect(report.customers.map((c: any) => [c.customer_id, c.total, c.credit])).toEqual([
          [owing.id, String(invoice.total), "0"],
          [small.id, sub(smallInvoice.total, 10), "0"],
          [early.id, "0", "50"],
        ])
        expect(report.customers[2]).toEqual({ customer_id: early.id, name: "Pre Test", email: "prepaid@example.com", currency_code: "eur", total: "0", credit: "50", buckets: zero })
        expect(report.customers[0].buckets).toEqual({ ...zero, d31_60: String(invoice.total) })
        const eur = report.currencies[0]
        expect(eur.credit).toBe("50")
        expect(eur.total).toBe(sum(...report.customers.map((c: any) => c.total)))
        for (const key of Object.keys(zero)) expect(eur.buckets[key]).toBe(sum(...report.customers.map((c: any) => c.buckets[key])))

        expect((await aging("q=prepaid")).customers.map((c: any) => c.customer_id)).toEqual([early.id])
        const page = await aging("limit=1&offset=1")
        expect(page).toEqual(expect.objectContaining({ count: 3, limit: 1, offset: 1 }))
        expect(page.customers.map((c: any) => c.customer_id)).toEqual([small.id])
        expect((await aging("currency_code=jpy")).customers).toEqual([])
      })

      it("exports every customer's aging as CSV and XLSX with a total row per currency", async () => {
        const acme = await newCustomer("ap@acme.test", undefined, "Acme GmbH")
        const invoice = await invoiceFor(acme, 70, 65)
        const csv = await api.get(`/admin/billing/reports/aging/export?format=csv&as_of=${today}`, { headers })
        expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8")
        expect(csv.headers["content-disposition"]).toBe(`attachment; filename="aging-${today}.csv"`)
        const lines = String(csv.data).trim().split(/\r?\n/)
        expect(lines[0]).toBe("customer,email,currency,current,d1_30,d31_60,d61_90,over_90,total,credit")
        expect(lines[1]).toBe(`Acme GmbH,ap@acme.test,eur,0,0,0,${invoice.total},0,${invoice.total},0`)
        expect(lines[2]).toBe(`Total EUR,,eur,0,0,0,${invoice.total},0,${invoice.total},0`)
        expect(lines).toHaveLength(3)

        const xlsx = await api.get(`/admin/billing/reports/aging/export?format=xlsx&buckets=30,90`, { headers, ...binary })
        expect(xlsx.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        expect(xlsx.headers["content-disposition"]).toBe(`attachment; filename="aging-${today}.xlsx"`)
        const files = unzip(Buffer.from(xlsx.data))
        expect(files.get("xl/workbook.xml")).toContain(`name="Aging"`)
        const sheet = files.get("xl/worksheets/sheet1.xml")!
        expect(sheet).toContain("d31_90")
        expect(sheet).toContain("Acme GmbH")
        expect(sheet).toContain(`<v>${invoice.total}</v>`)
      })

      it("refuses an as-of day in the future, bad buckets, an unknown currency, bucket or format, and changes nothing", async () => {
        const acme = await newCustomer("ap@acme.test")
        await invoiceFor(acme, 10, 5)
        const before = await aging()
        const refused = async (url: string) => (await refuse(api.get(url, { headers }))) as any
        const tomorrow = dayAfter(today, 1)

        let r = await refused(`/admin/billing/reports/aging?as_of=${tomorrow}`)
        expect(r.status).toBe(400)
        expect(r.data.message).toBe(`The as-of date ${tomorrow} is in the future (today is ${today} in UTC).`)
        r = await refused(`/admin/billing/reports/aging?buckets=60,30`)
        expect(r.status).toBe(400)
        expect(r.data.message).toMatch(/Aging buckets are whole days in ascending order, e\.g\. 30,60,90; got 60,30/)
        expect((await refused(`/admin/billing/reports/aging?buckets=0,30`)).status).toBe(400)
        expect((await refused(`/admin/billing/reports/aging?buckets=30,abc`)).status).toBe(400)
        expect((await refused(`/admin/billing/reports/aging?as_of=2026-02-30`)).data.message).toMatch(/as_of is not a real date/)
        r = await refused(`/admin/billing/reports/aging?currency_code=xyz`)
        expect(r.status).toBe(400)
        expect(r.data.message).toMatch(/Unknown currency xyz/)
        r = await refused(`/admin/billing/reports/aging/invoices?customer_id=${acme.id}&currency_code=eur&bucket=d1_7`)
        expect(r.data.message).toMatch(/Unknown bucket d1_7; the buckets are current, d1_30/)
        expect((await refused(`/admin/billing/reports/aging/invoices?currency_code=eur`)).status).toBe(400)
        r = await refused(`/admin/billing/reports/aging/export?format=pdf`)
        expect(r.status).toBe(400)
        expect(r.data.message).toMatch(/Expected: 'csv, xlsx' for field 'format'/)
        expect((await refused(`/admin/billing/reports/aging/export?as_of=${tomorrow}`)).data.message).toMatch(/is in the future/)
        r = await refused(`/admin/billing/reports/collections?from=2026-03-01&to=2026-02-01`)
        expect(r.status).toBe(400)
        expect(r.data.message).toBe("The period ends (2026-02-01) before it starts (2026-03-01).")
        expect((await refused(`/admin/billing/reports/collections?from=${tomorrow}`)).data.message).toMatch(/after today/)
        expect((await refused(`/admin/billing/collections?currency_code=xyz`)).data.message).toMatch(/Unknown currency xyz/)
        expect((await refused(`/admin/billing/collections?limit=0`)).status).toBe(400)
        expect((await refuse(api.get(`/admin/billing/reports/aging`))).status).toBe(401)

        expect(await aging()).toEqual(before)
      })
    })

    describe("collections report", () => {
      it("reports invoiced, collected, receivable, DSO, overdue and promises kept for a period, with a monthly trend", async () => {
        const acme = await newCustomer("ap@acme.test", undefined, "Acme GmbH")
        const old = await invoiceFor(acme, 50, 40)
        const recent = await invoiceFor(acme, 12, 2, [{ handle: "coffee-mug", quantity: 2 }])
        await pay(acme.id, 10, 5)
        // Promises: one kept (10 paid 5 days ago, promised by 4 days ago), one broken, one pending.
        const promise = async (amount: number, createdDaysAgo: number, promisedDay: string) => {
          const { promise } = (await api.post(`/admin/customers/${acme.id}/promises`, { currency_code: "eur", amount, promised_date: today }, { headers })).data
          await pg.raw(`update billing_payment_promise set created_at = now() - make_interval(days => ?), promised_date = ? where id = ?`, [createdDaysAgo, promisedDay, promise.id])
        }
        await promise(10, 6, dayAfter(today, -4))
        await promise(100, 10, dayAfter(today, -8))
        await promise(5, 0, dayAfter(today, 3))
        // Before the period: not counted in it.
        await promise(1, 70, dayAfter(today, -65))

        const from = dayAfter(today, -59)
        const report = (await api.get(`/admin/billing/reports/collections?from=${from}&to=${today}`, { headers })).data
        const invoiced = sum(old.total, recent.total)
        const receivable = sub(invoiced, 10)
        expect(report).toEqual(expect.objectContaining({ from, to: today, clamped: false, days: 60, timezone: "UTC" }))
        const eur = report.currencies.find((c: any) => c.currency_code === "eur")
        expect(eur).toEqual({
          currency_code: "eur",
          invoiced,
          collected: "10",
          receivable_end: receivable,
          dso: MathBN.mult(MathBN.div(receivable, invoiced), 60).decimalPlaces(1).toString(),
          overdue: receivable,
          overdue_ratio: "1",
          promises: { made: 3, kept: 1, broken: 1, pending: 1, kept_ratio: "0.5" },
        })
        // The overdue figure is the aging's at the end of the period.
        const agingAtEnd = (await aging(`as_of=${today}`)).currencies[0]
        expect(eur.overdue).toBe(sub(agingAtEnd.total, agingAtEnd.buckets.current))
        expect(report.promises).toEqual({ made: 3, kept: 1, broken: 1, pending: 1, kept_ratio: "0.5" })

        const trend = report.trend.filter((t: any) => t.currency_code === "eur")
        expect(trend.map((t: any) => t.month)).toEqual([...new Set([from.slice(0, 7), dayAfter(today, -30).slice(0, 7), today.slice(0, 7)])].sort())
        expect(sum(...trend.map((t: any) => t.invoiced))).toBe(invoiced)
        expect(sum(...trend.map((t: any) => t.collected))).toBe("10")
        expect(Object.keys(trend[0]).sort()).toEqual(["collected", "currency_code", "invoiced", "month"])

        // Ten days ago: the recent invoice not due yet, the payment not received.
        const earlier = (await api.get(`/admin/billing/reports/collections?from=${from}&to=${dayAfter(today, -10)}`, { headers })).data
        const then = earlier.currencies.find((c: any) => c.currency_code === "eur")
        expect(then).toEqual(expect.objectContaining({ invoiced, collected: "0", receivable_end: invoiced, overdue: String(old.total) }))

        // A period ending after today is cut at today, and says so; by default, twelve months up to today.
        const clamped = (await api.get(`/admin/billing/reports/collections?from=${from}&to=${dayAfter(today, 30)}`, { headers })).data
        expect(clamped).toEqual(expect.objectContaining({ to: today, clamped: true }))
        expect(clamped.currencies).toEqual(report.currencies)
        const byDefault = (await api.get(`/admin/billing/reports/collections`, { headers })).data
        expect(byDefault.to).toBe(today)
        expect(byDefault.from.endsWith("-01")).toBe(true)
        expect(new Set(byDefault.trend.map((t: any) => t.month)).size).toBe(12)
      })
    })

    describe("collections queue", () => {
      it("lists customers with overdue invoices by risk; a broken promise moves a customer up", async () => {
        const first = await newCustomer("first@example.com", "First")
        const second = await newCustomer("second@example.com", "Second")
        const third = await newCustomer("third@example.com", "Third")
        const a = await invoiceFor(first, 20, 10)
        const b = await invoiceFor(second, 16, 6)
        await invoiceFor(second, 3, -5) // not due yet: open, not overdue
        await invoiceFor(third, 3, -5)

        const queue = async () => (await api.get(`/admin/billing/collections`, { headers })).data
        let q = await queue()
        expect(q.count).toBe(2)
        expect(q.customers.map((c: any) => c.customer_id)).toEqual([first.id, second.id])
        expect(q.customers[0]).toEqual({
          customer_id: first.id,
          name: "First Test",
          email: "first@example.com",
          currency_code: "eur",
          overdue_amount: String(a.total),
          open_amount: String(a.total),
          oldest_days_overdue: 10,
          risk: MathBN.mult(String(a.total), 10).toString(),
          invoices: [{ id: a.id, number: a.number, due_at: expect.any(String), days_overdue: 10, amount_due: String(a.total), total: String(a.total), last_reminder_at: null, reminder_levels: [] }],
          last_contact: null,
          next_action: null,
          promise: null,
          reminders_paused: null,
        })
        expect(q.customers[1]).toEqual(expect.objectContaining({ overdue_amount: String(b.total), open_amount: sum(b.total, b.total), oldest_days_overdue: 6 }))

        // The second customer promised 1 EUR by 4 days ago and did not pay: 6 × 2 = 12 days weigh more than 10.
        const { promise } = (await api.post(`/admin/customers/${second.id}/promises`, { currency_code: "eur", amount: 1, promised_date: today }, { headers })).data
        await pg.raw(`update billing_payment_promise set created_at = now() - interval '7 days', promised_date = ? where id = ?`, [dayAfter(today, -4), promise.id])
        await api.post(`/admin/customers/${second.id}/contact-notes`, { channel: "call", note: "Promised to pay, did not", next_action: "Call the owner", next_action_date: dayAfter(today, 1) }, { headers })
        await api.post(`/admin/customers/${second.id}/contact-notes`, { channel: "email", note: "Sent the statement" }, { headers })
        const sentAt = new Date(Date.now() - 2 * 86_400_000)
        await pg.raw(
          `insert into billing_reminder (id, invoice_id, customer_id, level, trigger, amount_due, raw_amount_due, sent_at, locale)
           values ('brem_t1', ?, ?, 3, 'schedule', ?, ?::jsonb, ?, 'en'), ('brem_t2', ?, ?, 0, 'schedule', ?, ?::jsonb, now() - interval '6 days', 'en')`,
          [b.id, second.id, b.total, JSON.stringify({ value: String(b.total), precision: 20 }), sentAt, b.id, second.id, b.total, JSON.stringify({ value: String(b.total), precision: 20 })]
        )
        await pg.raw(
          `insert into billing_customer_settings (id, customer_id, reminders_paused_at, reminders_paused_until, reminders_pause_reason) values ('bcus_t1', ?, now(), ?, 'Talking to their lawyer')`,
          [second.id, dayAfter(today, 10)]
        )

        q = await queue()
        expect(q.customers.map((c: any) => c.customer_id)).toEqual([second.id, first.id])
        const top = q.customers[0]
        expect(top.risk).toBe(MathBN.mult(MathBN.mult(String(b.total), 6), 2).toString())
        expect(top.promise).toEqual({ id: promise.id, amount: "1", promised_date: dayAfter(today, -4), status: "broken" })
        expect(top.last_contact).toEqual(expect.objectContaining({ channel: "email", note: "Sent the statement", next_action: null }))
        expect(top.next_action).toEqual({ action: "Call the owner", date: dayAfter(today, 1) })
        expect(top.invoices).toEqual([expect.objectContaining({ id: b.id, reminder_levels: [0, 3], last_reminder_at: sentAt.toISOString() })])
        expect(top.reminders_paused).toEqual({ reason: "manual", until: dayAfter(today, 10), note: "Talking to their lawyer" })

        const paged = (await api.get(`/admin/billing/collections?limit=1&offset=1`, { headers })).data
        expect(paged).toEqual(expect.objectContaining({ count: 2, limit: 1, offset: 1 }))
        expect(paged.customers.map((c: any) => c.customer_id)).toEqual([first.id])
        expect((await api.get(`/admin/billing/collections?currency_code=jpy`, { headers })).data).toEqual(expect.objectContaining({ customers: [], count: 0 }))
      })
    })
  },
})

import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { applyCollectionPoliciesWorkflow, sendPaymentRemindersWorkflow } from "../../src/workflows/collections"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { BILLING_MODULE } from "../../src/modules/billing"
import type BillingModuleService from "../../src/modules/billing/service"
import { refuse } from "../helpers/billing"
import { useBillingFixture } from "../helpers/fixtures"

jest.setTimeout(180_000)

const today = new Date().toISOString().slice(0, 10)
const dayAfter = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    // invoiceFor() invoices the customer 17.78 EUR (a notebook and shipping).
    const { headers, customer, createCustomer, invoiceFor } = useBillingFixture(
      { api, getContainer },
      { customer: { email: "late@example.com", first_name: "Late", last_name: "Payer" } }
    )

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

      it("counts only money kept: a refunded payment keeps no promise, and a kept promise no longer pauses reminders", async () => {
        await invoiceFor()
        await api.post(`/admin/customers/${customer.id}/promises`, { currency_code: "eur", amount: 10, promised_date: dayAfter(today, 3) }, { headers })
        expect((await api.get(`/admin/customers/${customer.id}/billing`, { headers })).data.billing.reminders_paused).toEqual({ reason: "promise", until: dayAfter(today, 3), note: null })
        const { payment } = (await api.post("/admin/billing/payments", { customer_id: customer.id, currency_code: "eur", method: "bank_transfer", amount: 10, allocate: "auto" }, { headers })).data
        expect((await api.get(`/admin/customers/${customer.id}/promises`, { headers })).data.promises[0].status).toBe("kept")
        expect((await api.get(`/admin/customers/${customer.id}/billing`, { headers })).data.billing.reminders_paused).toBeNull()

        await api.post(`/admin/billing/payments/${payment.id}/refunds`, { amount: 10 }, { headers })
        expect((await api.get(`/admin/customers/${customer.id}/promises`, { headers })).data.promises[0].status).toBe("pending")
        expect((await api.get(`/admin/customers/${customer.id}/billing`, { headers })).data.billing.reminders_paused?.reason).toBe("promise")
      })

      it("refuses a promise in the past, of nothing, for another customer's invoice, or for an unknown customer, and records nothing", async () => {
        const other = await createCustomer({ email: "other@example.com" })
        const theirs = await invoiceFor({ customer: other })
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
        const other = await createCustomer({ email: "someone@example.com" })
        const theirs = await invoiceFor({ customer: other })
        expect((await note({ invoice_id: theirs.id })).data.message).toMatch(/is not an invoice of this customer/)
        expect((await refuse(api.get(`/admin/customers/cus_missing/contact-notes`, { headers }))).status).toBe(404)
        expect((await api.get(`/admin/customers/${customer.id}/contact-notes`, { headers })).data.contact_notes).toHaveLength(2)
      })
    })
    describe("payment reminders", () => {
      const level = (days: number, extra: Record<string, unknown> = {}) => ({
        days,
        templates: {
          en: { subject: `Level ${days}: {{invoice_number}}`, body: "Hello {{customer_name}}, {{amount_due}} was due on {{due_date}} ({{days_overdue}} days). Pay: {{pay_link}}" },
          "zh-CN": { subject: `第 ${days} 级：{{invoice_number}}`, body: "{{customer_name}}您好，应付 {{amount_due}}。" },
        },
        late_fee: null,
        ...extra,
      })
      const schedule = (levels: unknown[], extra: Record<string, unknown> = {}) => ({ enabled: true, minimum_amount: 0, levels, ...extra })
      const runAt = async (day: string) =>
        (await sendPaymentRemindersWorkflow(getContainer()).run({ input: { as_of: new Date(`${day}T12:00:00Z`) } })).result
      const remindersOf = async (invoiceId: string) => (await api.get(`/admin/invoices/${invoiceId}/reminders`, { headers })).data.reminders
      const emailsOf = async (invoiceId: string) =>
        (await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ resource_id: invoiceId, template: "billing-payment-reminder" } as any)) as any[]

      it("sends each level once, only the latest one reached, with its late fee invoice, the PDF and the amounts; again it sends nothing", async () => {
        const settings = await api.post("/admin/billing/settings", { reminders: schedule([level(-3), level(0), level(7, { late_fee: { type: "percent", value: 10 } }), level(30)]) }, { headers })
        expect(settings.data.settings.reminders.levels.map((l: any) => l.days)).toEqual([-3, 0, 7, 30])
        expect(settings.data.reminder_variables).toContain("pay_link")
        const invoice = await invoiceFor() // 17.78 EUR, due on receipt (today)

        expect(await runAt(dayAfter(today, -5))).toEqual({ sent: 0, paused: 0 })
        expect((await runAt(dayAfter(today, -2))).sent).toBe(1)
        // Eight days late: level 7 is due; level 0, skipped meanwhile, is not sent as well.
        expect((await runAt(dayAfter(today, 8))).sent).toBe(1)
        expect(await runAt(dayAfter(today, 9))).toEqual({ sent: 0, paused: 0 })
        const reminders = await remindersOf(invoice.id)
        expect(reminders.map((r: any) => [r.level, r.trigger, r.to])).toEqual([[7, "schedule", customer.email], [-3, "schedule", customer.email]])

        const fee = (await api.get(`/admin/invoices/${reminders[0].fee_invoice_id}`, { headers })).data.invoice
        expect(fee).toEqual(expect.objectContaining({ status: "open", total: 1.78, customer_id: customer.id, currency_code: "eur", origin: "manual" }))
        expect(fee.number).toMatch(/^INV-/)
        expect(reminders[1].fee_invoice_id).toBeNull()

        const emails = await emailsOf(invoice.id)
        expect(emails).toHaveLength(2)
        const late = emails.find((e) => e.data.level === 7)
        expect(late.to).toBe(customer.email)
        expect(late.data.subject).toBe(`Level 7: ${invoice.number}`)
        expect(late.data.text).toContain("8 days")
        expect(late.data.text).toContain(`A late fee of €1.78 was charged (invoice ${fee.number}, attached)`)
        const log = (await api.get(`/admin/billing/activity?entity_type=invoice&entity_id=${invoice.id}`, { headers })).data
        expect((log.activities ?? log.activity).filter((a: any) => a.action === "invoice.reminder_sent")).toHaveLength(2)
      })

      it("sends nothing while the schedule is off, below the minimum, or while the customer's reminders are paused", async () => {
        const invoice = await invoiceFor()
        await api.post("/admin/billing/settings", { reminders: schedule([level(7)], { enabled: false }) }, { headers })
        expect((await runAt(dayAfter(today, 8))).sent).toBe(0)
        await api.post("/admin/billing/settings", { reminders: schedule([level(7)], { minimum_amount: 20 }) }, { headers })
        expect((await runAt(dayAfter(today, 8))).sent).toBe(0)

        await api.post("/admin/billing/settings", { reminders: schedule([level(7)]) }, { headers })
        const paused = await api.post(`/admin/customers/${customer.id}/reminders/pause`, { reason: "Disputing the delivery" }, { headers })
        expect(paused.data.reminders_paused).toEqual({ reason: "manual", until: null, note: "Disputing the delivery" })
        expect((await api.get(`/admin/customers/${customer.id}/billing`, { headers })).data.billing.reminders_paused.reason).toBe("manual")
        expect(await runAt(dayAfter(today, 8))).toEqual({ sent: 0, paused: 1 })

        const resumed = await api.post(`/admin/customers/${customer.id}/reminders/resume`, {}, { headers })
        expect(resumed.data.reminders_paused).toBeNull()
        // A promise to pay pauses them until its day.
        await api.post(`/admin/customers/${customer.id}/promises`, { currency_code: "eur", amount: 17.78, promised_date: dayAfter(today, 10) }, { headers })
        expect(await runAt(dayAfter(today, 8))).toEqual({ sent: 0, paused: 1 })
        expect((await runAt(dayAfter(today, 11))).sent).toBe(1)
        expect(await remindersOf(invoice.id)).toHaveLength(1)
      })

      it("sends a reminder now by hand, with a late fee when asked, and refuses what cannot be reminded", async () => {
        const invoice = await invoiceFor()
        const sent = await api.post(`/admin/invoices/${invoice.id}/reminders`, {}, { headers })
        expect(sent.data.reminder).toEqual(expect.objectContaining({ invoice_id: invoice.id, trigger: "manual", level: null, to: customer.email }))
        expect(sent.data.reminder.notification_id).toBeTruthy()
        const withFee = await api.post(`/admin/invoices/${invoice.id}/reminders`, { late_fee: 5 }, { headers })
        expect(withFee.data.reminder.fee_invoice_id).toBeTruthy()
        expect(await remindersOf(invoice.id)).toHaveLength(2)

        expect((await refuse(api.post(`/admin/invoices/${invoice.id}/reminders`, { late_fee: 50 }, { headers }))).data.message).toMatch(/cannot exceed the invoice/)
        expect((await refuse(api.post(`/admin/invoices/${invoice.id}/reminders`, { late_fee: -1 }, { headers }))).status).toBe(400)
        await api.post("/admin/billing/payments", { customer_id: customer.id, currency_code: "eur", method: "cash", amount: 17.78, allocate: [{ invoice_id: invoice.id, amount: 17.78 }] }, { headers })
        expect((await refuse(api.post(`/admin/invoices/${invoice.id}/reminders`, {}, { headers }))).data.message).toMatch(/owes nothing; there is nothing to remind/)
        expect((await refuse(api.post(`/admin/invoices/inv_missing/reminders`, {}, { headers }))).status).toBe(404)
        expect(await remindersOf(invoice.id)).toHaveLength(2)
        expect((await refuse(api.post(`/admin/customers/${customer.id}/reminders/pause`, { until: dayAfter(today, -1) }, { headers }))).data.message).toMatch(/that day has passed/)
      })

      it("refuses a schedule with duplicate levels, unknown variables, a fee above 100 %, and bad buckets, and keeps the saved one", async () => {
        await api.post("/admin/billing/settings", { reminders: schedule([level(7)]) }, { headers })
        const save = (body: Record<string, unknown>) => refuse(api.post("/admin/billing/settings", body, { headers }))
        expect((await save({ reminders: schedule([level(7), level(7)]) })).data.message).toMatch(/level 7 appears twice/)
        const unknown = level(14, { templates: { en: { subject: "Hi {{first_name}}", body: "x" } } })
        expect((await save({ reminders: schedule([unknown]) })).data.message).toMatch(/uses \{\{first_name\}\}, which is not one of/)
        expect((await save({ reminders: schedule([level(7, { late_fee: { type: "percent", value: 150 } })]) })).data.message).toMatch(/at most 100/)
        expect((await save({ collections: { aging_buckets: [60, 30] } })).data.message).toMatch(/ascending order/)
        expect((await save({ collections: { unpaid_orders: { days: 0, action: "cancel" } } })).status).toBe(400)
        const { settings } = (await api.get("/admin/billing/settings", { headers })).data
        expect(settings.reminders.levels.map((l: any) => l.days)).toEqual([7])
        expect(settings.collections).toEqual({ aging_buckets: [30, 60, 90], small_balance_write_off: { enabled: false, threshold: 0 }, unpaid_orders: { days: null, action: "flag" } })
      })
    })
    describe("collections rules", () => {
      const applyAt = async (day: string) =>
        (await applyCollectionPoliciesWorkflow(getContainer()).run({ input: { as_of: new Date(`${day}T12:00:00Z`) } })).result
      const feed = async () => (await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ channel: "feed" } as any)) as any[]

      it("writes off overdue small balances only when turned on, once, as small_balance in the ledger", async () => {
        const invoice = await invoiceFor()
        await api.post("/admin/billing/payments", { customer_id: customer.id, currency_code: "eur", method: "cash", amount: 17, allocate: [{ invoice_id: invoice.id, amount: 17 }] }, { headers })
        expect((await applyAt(dayAfter(today, 1))).written_off).toEqual([])
        await api.post("/admin/billing/settings", { collections: { small_balance_write_off: { enabled: true, threshold: 1 } } }, { headers })
        // Not yet overdue on its due day.
        expect((await applyAt(today)).written_off).toEqual([])
        expect((await applyAt(dayAfter(today, 1))).written_off).toEqual([invoice.id])
        expect((await applyAt(dayAfter(today, 2))).written_off).toEqual([])
        const after = (await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice
        expect(after).toEqual(expect.objectContaining({ amount_due: 0, amount_written_off: 0.78 }))
        const { statement } = (await api.get(`/admin/customers/${customer.id}/statement?currency_code=eur`, { headers })).data
        expect(statement.entries.map((e: any) => [e.type, e.credit])).toContainEqual(["write_off", "0.78"])
        // The other rule is untouched by saving this one.
        expect((await api.get("/admin/billing/settings", { headers })).data.settings.collections.unpaid_orders).toEqual({ days: null, action: "flag" })
      })

      it("flags an unpaid pay-later order for review after the days set, once, with an alert in the admin feed", async () => {
        const invoice = await invoiceFor()
        await api.post("/admin/billing/settings", { collections: { unpaid_orders: { days: 5, action: "flag" } } }, { headers })
        expect((await applyAt(dayAfter(today, 4))).flagged).toEqual([])
        expect((await applyAt(dayAfter(today, 5))).flagged).toEqual([invoice.id])
        expect((await applyAt(dayAfter(today, 6))).flagged).toEqual([])
        expect((await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice.review_flagged_at).toBeTruthy()
        const alerts = (await feed()).filter((n) => n.data.title.includes("needs review"))
        expect(alerts).toHaveLength(1)
        expect(alerts[0].data.description).toContain(invoice.number)
      })

      it("cancels an unpaid order through Medusa when set to, and its invoice is credited", async () => {
        const invoice = await invoiceFor()
        await api.post("/admin/billing/settings", { collections: { unpaid_orders: { days: 3, action: "cancel" } } }, { headers })
        expect((await applyAt(dayAfter(today, 3))).canceled).toEqual([invoice.id])
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data: [order] } = await query.graph({ entity: "order", fields: ["id", "status"], filters: { id: invoice.order_id } })
        expect(order.status).toBe("canceled")
        const after = (await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice
        expect(after).toEqual(expect.objectContaining({ amount_due: 0, amount_credited: 17.78 }))
      })
    })
  },
})

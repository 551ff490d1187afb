// Run by bench/run.js with `medusa exec` on a fresh database (`npm run bench reminders`).
// INVOICES issued invoices, all overdue, over CUSTOMERS customers, generated in SQL; each has a
// stored PDF (one rendered invoice, stored once through the File Module and shared).
// Ours: the reminder job (sendDueReminders: candidates read a page at a time, a level claimed per
// invoice under the unique index, the email composed from the template and sent through the
// Notification Module with the PDF attached, the reminder marked sent, logged and announced),
// then the same job again (it must send nothing). Baseline: the same number of notifications with
// the same attachment created straight through the Notification Module, in the same page size.
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../src/modules/billing"
import { renderDocumentPdf } from "../src/modules/billing/documents/render-pdf"
import type BillingModuleService from "../src/modules/billing/service"
import { sendDueReminders } from "../src/workflows/utils/reminders"

const INVOICES = Number(process.env.BENCH_REMINDER_INVOICES || 100_000)
const CUSTOMERS = Number(process.env.BENCH_REMINDER_CUSTOMERS || 20_000)
const PAGE = 500

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6

export default async function benchReminders({ container }: ExecArgs) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const notifications = container.resolve(Modules.NOTIFICATION)

  // One real invoice PDF, stored once and shared by every generated invoice.
  const pdf = await renderDocumentPdf({
    id: "inv_bench", type: "invoice", status: "open", number: "INV-BENCH", currency_code: "eur", locale: "en",
    issued_at: new Date(), due_at: new Date(), lines: [], subtotal: 100, shipping_total: 0, discount_total: 0, tax_total: 0,
    rounding_total: 0, total: 100, amount_due: 100, amount_paid: 0, amount_credited: 0, seller: { company_name: "Bench GmbH" },
    buyer: { name: "Bench Buyer" }, tax_summary: [],
  } as any)
  const file = await container.resolve(Modules.FILE).createFiles({ filename: "INV-BENCH.pdf", mimeType: "application/pdf", content: pdf.toString("base64"), access: "private" })

  let t0 = process.hrtime.bigint()
  await pg.raw(
    `insert into billing_invoice (id, type, status, number, customer_id, email, currency_code, issued_at, due_at, locale,
                                  buyer, seller, subtotal, raw_subtotal, total, raw_total, amount_due, raw_amount_due, pdf_file_id, origin)
     select 'inv_bench_' || lpad(g::text, 7, '0'), 'invoice', 'open', 'INV-B' || lpad(g::text, 7, '0'),
            'cus_bench_' || (g % ?), 'c' || (g % ?) || '@bench.example', 'eur',
            now() - interval '40 days', now() - make_interval(days => 8 + g % 20), case when g % 5 = 0 then 'zh-CN' else 'en' end,
            jsonb_build_object('name', 'Customer ' || (g % ?)), '{"company_name":"Bench GmbH"}'::jsonb,
            a, jsonb_build_object('value', a::text, 'precision', 20), a, jsonb_build_object('value', a::text, 'precision', 20),
            a, jsonb_build_object('value', a::text, 'precision', 20), ?, 'manual'
       from generate_series(1, ?) g, lateral (select (10 + (g * 7919) % 99000 / 100.0)::numeric as a) amount`,
    [CUSTOMERS, CUSTOMERS, CUSTOMERS, file.id, INVOICES]
  )
  await pg.raw("analyze billing_invoice")
  const generateMs = ms(t0)
  console.log(`[bench] ${INVOICES} overdue invoices over ${CUSTOMERS} customers generated in ${(generateMs / 1000).toFixed(1)} s`)

  await billing.updateSettings({
    reminders: {
      enabled: true,
      minimum_amount: 0,
      levels: [{ days: 7, templates: {
        en: { subject: "Invoice {{invoice_number}} is {{days_overdue}} days overdue", body: "Hello {{customer_name}}, {{amount_due}} was due on {{due_date}}. {{pay_link}}" },
        "zh-CN": { subject: "发票 {{invoice_number}} 已逾期 {{days_overdue}} 天", body: "{{customer_name}}您好，应付 {{amount_due}}。" },
      }, late_fee: null }],
    },
  } as any)

  // Ours: the job, twice.
  t0 = process.hrtime.bigint()
  const first = await sendDueReminders(container)
  const oursMs = ms(t0)
  console.log(`[bench] ours: ${first.sent} reminders sent in ${(oursMs / 1000).toFixed(1)} s`)
  t0 = process.hrtime.bigint()
  const again = await sendDueReminders(container)
  const againMs = ms(t0)
  console.log(`[bench] ours again: ${again.sent} sent in ${(againMs / 1000).toFixed(1)} s`)

  const [{ reminders, distinct, notified }] = (
    await pg.raw(`select count(*)::int as reminders, count(distinct (invoice_id, level))::int as distinct, count(notification_id)::int as notified from billing_reminder`)
  ).rows
  const [{ logged }] = (await pg.raw(`select count(distinct entity_id)::int as logged from billing_activity where action = 'invoice.reminder_sent'`)).rows

  // Baseline: the Notification Module alone, the same emails and attachment, pages of 500.
  const content = pdf.toString("base64")
  t0 = process.hrtime.bigint()
  for (let i = 0; i < INVOICES; i += PAGE) {
    const batch = []
    for (let j = i; j < Math.min(INVOICES, i + PAGE); j++) {
      batch.push({
        to: `c${j % CUSTOMERS}@bench.example`, channel: "email", template: "bench-plain", idempotency_key: `bench-plain:${j}`,
        data: { subject: `Invoice INV-B${j} is overdue`, text: "Hello, please pay." },
        attachments: [{ filename: "INV-BENCH.pdf", content, content_type: "application/pdf", disposition: "attachment" }],
      })
    }
    await notifications.createNotifications(batch as any)
  }
  const baselineMs = ms(t0)
  console.log(`[bench] baseline: ${INVOICES} notifications created straight in ${(baselineMs / 1000).toFixed(1)} s`)

  console.log(
    `BENCH_RESULT ${JSON.stringify({ invoices: INVOICES, customers: CUSTOMERS, generateMs, oursMs, againMs, baselineMs, sent: first.sent, again: again.sent, reminders, distinct, notified, logged })}`
  )
}

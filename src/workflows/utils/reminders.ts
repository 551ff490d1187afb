import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../modules/billing"
import {
  daysOverdue,
  dueReminderLevel,
  fillTemplate,
  lateFee,
  localDay,
  ReminderLevel,
  reminderPause,
  ReminderSettings,
  reminderSettings,
} from "../../modules/billing/domain/collections"
import { roundAmount } from "../../modules/billing/domain/money"
import { formatDateForDocument, formatMoneyForDocument } from "../../modules/billing/documents/labels"
import type BillingModuleService from "../../modules/billing/service"
import type { BillingActor } from "../../modules/billing/types"
import type { ReminderCandidate } from "../../modules/billing/utils/reminders"
import { stripeClient, stripeSettings } from "../../modules/billing/utils/stripe-webhook"
import { BillingEvents } from "../events"
import { documentPdfs } from "./document-pdf"
import { createStripePaymentLink } from "./stripe-payment-link"

/** The notification template name, for providers that render their own templates. */
export const REMINDER_EMAIL_TEMPLATE = "billing-payment-reminder"

const PAGE = 500

type Invoice = Pick<ReminderCandidate, "id" | "number" | "customer_id" | "email" | "currency_code" | "amount_due" | "total" | "due_at" | "locale" | "buyer" | "seller" | "is_late_fee">

type Planned = { invoice: Invoice; level: ReminderLevel | null }

/**
 * The scheduled reminders: every open invoice whose schedule level has come (store's calendar)
 * gets that level once, unless its customer's reminders are paused or it owes less than the
 * minimum. Pages of 500 invoices, each claimed, fee-charged and sent in bulk.
 */
export async function sendDueReminders(container: MedusaContainer, asOf: Date = new Date()) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const settings = await billing.retrieveSettings()
  const schedule = reminderSettings(settings.reminders as any)
  const timeZone = (settings as any).timezone || "UTC"
  const result = { sent: await resendUnsent(container, schedule), paused: 0 }
  if (!schedule.enabled || !schedule.levels.length) return result
  const today = localDay(asOf, timeZone)
  const levels = schedule.levels.map((l) => l.days)
  for (let afterId = ""; ; ) {
    const page = await billing.listReminderCandidates({
      asOf, timeZone, levels, minimumAmount: schedule.minimum_amount ?? 0, afterId, limit: PAGE,
    })
    if (!page.length) break
    afterId = page[page.length - 1].id
    const due: Planned[] = []
    for (const invoice of page) {
      const level = invoice.email ? dueReminderLevel(schedule, invoice, invoice.sent_levels, asOf, timeZone) : null
      if (!level) continue
      const pause = reminderPause(
        {
          manual: { paused_at: invoice.paused_at, until: invoice.paused_until, reason: invoice.pause_reason },
          open_dispute: invoice.open_dispute,
          pending_promise_until: invoice.promise_until,
        },
        today
      )
      if (pause) result.paused++
      else due.push({ invoice, level })
    }
    result.sent += await sendReminders(container, due, { trigger: "schedule", schedule, timeZone, at: asOf })
  }
  return result
}

/**
 * "Send reminder now": one reminder for an open invoice, by hand, in the words of the level its
 * lateness has reached (the first level before its due date), with a late fee only when one is given.
 */
export async function sendReminderNow(container: MedusaContainer, invoiceId: string, actor: BillingActor = {}, lateFeeAmount?: number | null) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const invoice = await billing.retrieveInvoice(invoiceId)
  const name = invoice.number ?? invoiceId
  if (invoice.type !== "invoice" || !["open", "partially_paid"].includes(invoice.status) || !MathBN.gt(invoice.amount_due, 0)) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Invoice ${name} is ${invoice.status} and owes nothing; there is nothing to remind.`)
  }
  if (!invoice.email) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Invoice ${name} has no email address to send a reminder to.`)
  }
  if (lateFeeAmount && MathBN.gt(lateFeeAmount, invoice.total)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `A late fee of ${lateFeeAmount} ${invoice.currency_code.toUpperCase()} is more than invoice ${name} itself (${invoice.total}); a fee cannot exceed the invoice.`
    )
  }
  const settings = await billing.retrieveSettings()
  const schedule = reminderSettings(settings.reminders as any)
  const timeZone = (settings as any).timezone || "UTC"
  const candidate = { ...(invoice as any), amount_due: String(invoice.amount_due), total: String(invoice.total), is_late_fee: !!(invoice.metadata as any)?.late_fee_for }
  let sent = 0
  try {
    sent = await sendReminders(container, [{ invoice: candidate, level: null }], {
      trigger: "manual", schedule, timeZone, at: new Date(), actor, fee: lateFeeAmount ? String(lateFeeAmount) : null,
    })
  } catch (e) {
    // A reminder by hand that did not go out is not kept: the admin sees the error and may try again.
    const unsent = await billing.listReminders({ invoice_id: invoiceId, trigger: "manual", notification_id: null } as any, { select: ["id"] })
    if (unsent.length) await billing.deleteReminders(unsent.map((r) => r.id))
    throw e
  }
  const [reminder] = await billing.listReminders({ invoice_id: invoiceId, trigger: "manual" } as any, { order: { sent_at: "DESC" }, take: 1 })
  if (!sent) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `The reminder for invoice ${name} could not be sent.`)
  }
  return reminder
}

/** The level whose words a reminder sent by hand uses: the latest one reached, else the first. */
function levelForManual(schedule: ReminderSettings, days: number) {
  const sorted = [...schedule.levels].sort((a, b) => a.days - b.days)
  return sorted.filter((l) => l.days <= days).pop() ?? sorted[0] ?? null
}

type Composed = { subject: string; text: string; pay_link: string | null }

function compose(invoice: Invoice, level: ReminderLevel | null, days: number, payLink: string | null): Composed {
  const locale = invoice.locale === "zh-CN" ? "zh-CN" : "en"
  const template = level?.templates[locale] ?? level?.templates.en ?? Object.values(level?.templates ?? {})[0]
  const bank = invoice.seller?.iban ? (locale === "zh-CN" ? `银行转账至 ${invoice.seller.iban}` : `bank transfer to ${invoice.seller.iban}`) : ""
  const values = {
    customer_name: invoice.buyer?.name ?? "",
    invoice_number: invoice.number,
    amount_due: formatMoneyForDocument(invoice.amount_due, invoice.currency_code, locale),
    currency_code: invoice.currency_code.toUpperCase(),
    due_date: formatDateForDocument(invoice.due_at, locale),
    days_overdue: String(Math.max(0, days)),
    pay_link: payLink ?? bank,
    store_name: invoice.seller?.company_name ?? "",
  }
  const fallback = locale === "zh-CN"
    ? { subject: "付款提醒：发票 {{invoice_number}}", body: "发票 {{invoice_number}} 应付 {{amount_due}}，到期日 {{due_date}}。\n{{pay_link}}" }
    : { subject: "Payment reminder: invoice {{invoice_number}}", body: "Invoice {{invoice_number}} for {{amount_due}} was due on {{due_date}}.\n{{pay_link}}" }
  const t = template ?? fallback
  return { subject: fillTemplate(t.subject, values), text: fillTemplate(t.body, values), pay_link: payLink }
}

/** The invoice's Stripe payment link when Stripe is set up (reused while open), else none. */
async function payLinkFor(container: MedusaContainer, invoiceId: string) {
  if (!stripeClient(stripeSettings())) return null
  try {
    return (await createStripePaymentLink(container, invoiceId)).link.url as string
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`[billing] No payment link for reminder of ${invoiceId}: ${(e as Error).message}`)
    return null
  }
}

/**
 * Claims, charges and sends reminders: each (invoice, level) is claimed once under a unique
 * index, its late fee invoice raised in the same transaction, then the email goes out through
 * the Notification Module with the invoice PDF attached and an idempotency key per reminder.
 * Returns how many emails went out.
 */
async function sendReminders(
  container: MedusaContainer,
  planned: Planned[],
  ctx: { trigger: "schedule" | "manual"; schedule: ReminderSettings; timeZone: string; at: Date; actor?: BillingActor; fee?: string | null }
) {
  if (!planned.length) return 0
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const composed = new Map<string, Composed & { level: ReminderLevel | null }>()
  const claims: Parameters<BillingModuleService["claimReminders"]>[0] = []
  for (const { invoice, level: scheduled } of planned) {
    const days = daysOverdue(invoice.due_at, ctx.at, ctx.timeZone)
    const level = scheduled ?? levelForManual(ctx.schedule, days)
    const message = compose(invoice, level, days, await payLinkFor(container, invoice.id))
    composed.set(invoice.id, { ...message, level })
    const fee = ctx.fee
      ? roundAmount(ctx.fee, invoice.currency_code)
      : scheduled && !invoice.is_late_fee ? roundAmount(lateFee(scheduled.late_fee, invoice.amount_due), invoice.currency_code) : null
    claims.push({
      invoice_id: invoice.id,
      customer_id: invoice.customer_id,
      level: scheduled ? scheduled.days : null,
      trigger: ctx.trigger,
      to: invoice.email!,
      locale: invoice.locale,
      subject: message.subject,
      amount_due: invoice.amount_due,
      created_by: ctx.actor?.actor_id ?? null,
      // A fee never exceeds what the invoice itself came to.
      late_fee: fee && MathBN.gt(fee, 0) ? MathBN.min(fee, invoice.total).toString() : null,
    })
  }
  const claimed = await billing.claimReminders(claims, ctx.at)
  const feeIds = claimed.map((c) => c.fee_invoice_id).filter((id): id is string => !!id)
  if (feeIds.length) {
    await container.resolve(Modules.EVENT_BUS).emit(feeIds.map((id) => ({ name: BillingEvents.INVOICE_ISSUED, data: { id } })))
  }
  const plannedInvoices = new Map(planned.map((p) => [p.invoice.id, p.invoice]))
  return await deliver(
    container,
    claimed.map((c) => {
      const invoice = plannedInvoices.get(c.invoice_id)!
      return { reminder: { ...c, trigger: ctx.trigger, to: invoice.email! }, invoice, message: composed.get(c.invoice_id)! }
    }),
    ctx.actor
  )
}

/** Reminders the schedule claimed whose email failed earlier: composed again and sent (same key). */
async function resendUnsent(container: MedusaContainer, schedule: ReminderSettings) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const settings = await billing.retrieveSettings()
  const unsent = await billing.listUnsentReminders(PAGE)
  if (!unsent.length) return 0
  const invoices = new Map((await billing.listInvoices({ id: unsent.map((r) => r.invoice_id) })).map((i) => [i.id, i]))
  const items = unsent.flatMap((r) => {
    const invoice = invoices.get(r.invoice_id) as any
    if (!invoice) return []
    const level = schedule.levels.find((l) => l.days === r.level) ?? null
    const days = daysOverdue(invoice.due_at, r.sent_at, (settings as any).timezone || "UTC")
    return [{ reminder: { ...r, to: r.to! }, invoice, message: { ...compose(invoice, level, days, null), level } }]
  })
  return await deliver(container, items as any)
}

async function deliver(
  container: MedusaContainer,
  items: {
    reminder: { id: string; invoice_id: string; level: number | null; fee_invoice_id: string | null; trigger: string; to: string }
    invoice: Invoice
    message: Composed
  }[],
  actor: BillingActor = {}
) {
  if (!items.length) return 0
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const notifications = container.resolve(Modules.NOTIFICATION)
  const keys = items.map((i) => `billing-reminder:${i.reminder.id}`)
  const done = new Map(
    (await notifications.listNotifications({ idempotency_key: keys, status: "success" } as any, { select: ["id", "idempotency_key"] })).map(
      (n: any) => [n.idempotency_key as string, n.id as string]
    )
  )
  const fees = new Map(
    (await billing.listInvoices({ id: items.map((i) => i.reminder.fee_invoice_id).filter(Boolean) as string[] }, { select: ["id", "number", "total", "currency_code", "locale"] })).map(
      (f) => [f.id, f]
    )
  )
  const pdfs = await documentPdfs(container, [
    ...items.filter((_, index) => !done.has(keys[index])).map((i) => i.invoice.id),
    ...[...fees.keys()],
  ])
  const sent: { id: string; invoice_id: string; level: number | null; notification_id: string; to: string; trigger: string }[] = []
  const toCreate: { item: (typeof items)[number]; key: string; payload: any }[] = []
  for (const [index, item] of items.entries()) {
    const key = keys[index]
    if (done.has(key)) {
      sent.push({ ...item.reminder, notification_id: done.get(key)! })
      continue
    }
    const fee = item.reminder.fee_invoice_id ? fees.get(item.reminder.fee_invoice_id) : null
    const attachments = [pdfs.get(item.invoice.id)!]
    let text = item.message.text
    if (fee) {
      const amount = formatMoneyForDocument(String(fee.total), fee.currency_code, fee.locale)
      text += fee.locale === "zh-CN" ? `\n\n已收取逾期费用 ${amount}（发票 ${fee.number}，见附件）。` : `\n\nA late fee of ${amount} was charged (invoice ${fee.number}, attached).`
      attachments.push(pdfs.get(fee.id)!)
    }
    toCreate.push({
      item,
      key,
      payload: {
        to: item.reminder.to,
        channel: "email",
        template: REMINDER_EMAIL_TEMPLATE,
        trigger_type: "billing.reminder",
        resource_id: item.invoice.id,
        resource_type: "invoice",
        receiver_id: item.invoice.customer_id ?? null,
        idempotency_key: key,
        data: {
          subject: item.message.subject,
          text,
          invoice_id: item.invoice.id,
          number: item.invoice.number,
          amount_due: item.invoice.amount_due,
          currency_code: item.invoice.currency_code,
          due_at: item.invoice.due_at,
          level: item.reminder.level,
          locale: item.invoice.locale,
          payment_url: item.message.pay_link,
          fee_invoice_id: item.reminder.fee_invoice_id,
        },
        attachments: attachments.map((pdf) => ({
          filename: pdf.filename,
          content: pdf.content.toString("base64"),
          content_type: "application/pdf",
          disposition: "attachment",
        })),
      },
    })
  }
  if (toCreate.length) {
    let created: any[]
    try {
      created = await notifications.createNotifications(toCreate.map((c) => c.payload))
    } catch (e) {
      if (/provider for channel/i.test((e as Error).message)) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `No notification provider sends email: add one for the "email" channel to the Notification Module in medusa-config.ts.`)
      }
      throw e
    }
    const byKey = new Map(toCreate.map((c) => [c.key, c]))
    for (const notification of created) {
      const entry = byKey.get(notification.idempotency_key)
      if (entry) sent.push({ ...entry.item.reminder, notification_id: notification.id })
    }
  }
  await billing.markRemindersSent(sent, actor)
  if (sent.length) {
    const feeInvoices = new Map(items.map((i) => [i.reminder.id, i.reminder.fee_invoice_id]))
    await container.resolve(Modules.EVENT_BUS).emit(
      sent.map((r) => ({
        name: BillingEvents.REMINDER_SENT,
        data: { id: r.id, invoice_id: r.invoice_id, level: r.level, trigger: r.trigger, fee_invoice_id: feeInvoices.get(r.id) ?? null },
      }))
    )
  }
  return sent.length
}

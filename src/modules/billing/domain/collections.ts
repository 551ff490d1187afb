import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"

/**
 * Rules of collections ([6/7]) over plain data: calendar days in the store's time zone, days
 * overdue, aging buckets, the reminder schedule and which level is due, late fees, promises to pay.
 */

export class CollectionsError extends Error {}

/** The calendar day (YYYY-MM-DD) a moment falls on in a time zone (IANA, e.g. "Asia/Shanghai"). */
export function localDay(at: Date | string, timeZone = "UTC"): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(at))
  const get = (type: string) => parts.find((p) => p.type === type)!.value
  return `${get("year")}-${get("month")}-${get("day")}`
}

/** Whether a time zone name is one the runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name })
    return true
  } catch {
    return false
  }
}

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000)

/**
 * Whole days an invoice is past due on `asOf`, counted in calendar days of the store's time zone:
 * due on the 10th, it is 1 day overdue on the 11th wherever the store is. 0 or less: not overdue.
 */
export function daysOverdue(dueAt: Date | string, asOf: Date | string, timeZone = "UTC"): number {
  return dayNumber(localDay(asOf, timeZone)) - dayNumber(localDay(dueAt, timeZone))
}

export type AgingBucket = { key: string; from: number; to: number | null }

/** The usual buckets: not yet due, 1–30, 31–60, 61–90, over 90 days. */
export const DEFAULT_AGING_BOUNDS = [30, 60, 90]

/** Buckets from ascending upper bounds ([30, 60, 90] → current, 1–30, 31–60, 61–90, 90+). */
export function agingBuckets(bounds: number[] = DEFAULT_AGING_BOUNDS): AgingBucket[] {
  if (!bounds.length || bounds.some((b, i) => !Number.isInteger(b) || b < 1 || (i > 0 && b <= bounds[i - 1]))) {
    throw new CollectionsError(`Aging buckets are whole days in ascending order, e.g. 30, 60, 90; got ${bounds.join(", ") || "none"}.`)
  }
  const buckets: AgingBucket[] = [{ key: "current", from: Number.NEGATIVE_INFINITY, to: 0 }]
  let from = 1
  for (const to of bounds) {
    buckets.push({ key: `d${from}_${to}`, from, to })
    from = to + 1
  }
  buckets.push({ key: `over_${bounds[bounds.length - 1]}`, from, to: null })
  return buckets
}

export function bucketOf(days: number, buckets: AgingBucket[]): AgingBucket {
  return buckets.find((b) => days >= b.from && (b.to === null || days <= b.to))!
}

/** Placeholders a reminder template may use. */
export const TEMPLATE_VARIABLES = [
  "customer_name",
  "invoice_number",
  "amount_due",
  "currency_code",
  "due_date",
  "days_overdue",
  "pay_link",
  "store_name",
] as const

export type ReminderLevel = {
  /** Days relative to the due date: −3 three days before, 0 on the day, 7 a week after. */
  days: number
  /** Subject and body per locale ("en", "zh-CN"), with {{variables}}. */
  templates: Record<string, { subject: string; body: string }>
  /** A late fee raised as its own invoice when this level is sent. */
  late_fee?: { type: "flat" | "percent"; value: number } | null
}

export type ReminderSchedule = {
  levels: ReminderLevel[]
  /** Invoices owing less than this are not reminded. */
  minimum_amount?: number
}

const VARIABLE = /\{\{\s*([\w.]+)\s*\}\}/g

/** Refuses duplicate levels, unknown template variables, templates without a subject or body, and negative fees. */
export function validateReminderSchedule(schedule: ReminderSchedule): ReminderSchedule {
  const errors: string[] = []
  const seen = new Set<number>()
  for (const level of schedule.levels) {
    if (!Number.isInteger(level.days) || Math.abs(level.days) > 365) errors.push(`level ${level.days}: days are whole days between −365 and 365`)
    if (seen.has(level.days)) errors.push(`level ${level.days} appears twice; each level is a different day`)
    seen.add(level.days)
    if (!Object.keys(level.templates ?? {}).length) errors.push(`level ${level.days} has no template`)
    for (const [locale, template] of Object.entries(level.templates ?? {})) {
      if (!template.subject?.trim() || !template.body?.trim()) errors.push(`level ${level.days} (${locale}) needs a subject and a body`)
      for (const text of [template.subject ?? "", template.body ?? ""]) {
        for (const [, name] of text.matchAll(VARIABLE)) {
          if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) {
            errors.push(`level ${level.days} (${locale}) uses {{${name}}}, which is not one of ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(", ")}`)
          }
        }
      }
    }
    if (level.late_fee && (!(level.late_fee.value >= 0) || (level.late_fee.type === "percent" && level.late_fee.value > 100))) {
      errors.push(`level ${level.days}: a late fee is 0 or more (a percentage at most 100)`)
    }
  }
  if (schedule.minimum_amount !== undefined && !(schedule.minimum_amount >= 0)) errors.push("minimum_amount cannot be negative")
  if (errors.length) throw new CollectionsError(`The reminder schedule cannot be saved: ${errors.join("; ")}.`)
  return { ...schedule, levels: [...schedule.levels].sort((a, b) => a.days - b.days) }
}

/**
 * The reminder level due for an invoice on `asOf`: the latest level whose day has come that was
 * not sent yet. Levels skipped while reminders were paused are not all sent at once — only the
 * latest one is, so a customer never gets three letters on one morning.
 */
export function dueReminderLevel(
  schedule: ReminderSchedule,
  invoice: { due_at: Date | string; amount_due: BigNumberInput },
  sentLevels: number[],
  asOf: Date | string,
  timeZone = "UTC"
): ReminderLevel | null {
  if (!MathBN.gt(invoice.amount_due, 0)) return null
  if (schedule.minimum_amount && MathBN.lt(invoice.amount_due, schedule.minimum_amount)) return null
  const days = daysOverdue(invoice.due_at, asOf, timeZone)
  const reached = schedule.levels.filter((l) => l.days <= days).sort((a, b) => b.days - a.days)[0]
  if (!reached || sentLevels.some((sent) => sent >= reached.days)) return null
  return reached
}

/** A template with its variables filled in (unknown ones were refused when the schedule was saved). */
export function fillTemplate(text: string, values: Partial<Record<(typeof TEMPLATE_VARIABLES)[number], string>>): string {
  return text.replace(VARIABLE, (_, name: string) => values[name as keyof typeof values] ?? "")
}

/** The late fee of a level on what an invoice owes, rounded by the caller to the currency. */
export function lateFee(fee: ReminderLevel["late_fee"], amountDue: BigNumberInput) {
  if (!fee || !fee.value) return MathBN.convert(0)
  return fee.type === "flat" ? MathBN.convert(fee.value) : MathBN.div(MathBN.mult(amountDue, fee.value), 100)
}

export type PromiseStatus = "pending" | "kept" | "broken"

/**
 * A promise to pay `amount` by `promised_date` (a day in the store's time zone) is kept when the
 * customer paid at least that much from the day it was made to the end of the promised day,
 * broken once that day has passed without it, pending until then.
 */
export function promiseStatus(
  promise: { amount: BigNumberInput; promised_date: string; created_at: Date | string },
  payments: { amount: BigNumberInput; received_at: Date | string }[],
  asOf: Date | string,
  timeZone = "UTC"
): PromiseStatus {
  const made = localDay(promise.created_at, timeZone)
  const paid = payments
    .filter((p) => {
      const day = localDay(p.received_at, timeZone)
      return day >= made && day <= promise.promised_date
    })
    .reduce((sum, p) => MathBN.add(sum, p.amount), MathBN.convert(0))
  if (MathBN.gte(paid, promise.amount)) return "kept"
  return localDay(asOf, timeZone) > promise.promised_date ? "broken" : "pending"
}

/** How urgent a customer's overdue money is: amount overdue × days overdue, a broken promise doubling it. */
export function collectionRisk(overdue: BigNumberInput, oldestDaysOverdue: number, brokenPromise: boolean) {
  const base = MathBN.mult(overdue, Math.max(0, oldestDaysOverdue))
  return brokenPromise ? MathBN.mult(base, 2) : base
}

export type ReminderPause = { reason: "manual" | "dispute" | "promise"; until: string | null; note: string | null }

/**
 * Why a customer's reminders are paused today, if they are: paused by hand (until a day, or until
 * resumed), a dispute open on one of their payments, or a promise to pay still pending.
 */
export function reminderPause(
  facts: {
    manual?: { paused_at: Date | string | null; until: string | null; reason: string | null } | null
    open_dispute?: boolean
    pending_promise_until?: string | null
  },
  today: string
): ReminderPause | null {
  const manual = facts.manual
  if (manual?.paused_at && (!manual.until || manual.until >= today)) {
    return { reason: "manual", until: manual.until, note: manual.reason }
  }
  if (facts.open_dispute) return { reason: "dispute", until: null, note: null }
  if (facts.pending_promise_until && facts.pending_promise_until >= today) {
    return { reason: "promise", until: facts.pending_promise_until, note: null }
  }
  return null
}

/** Settings → Billing → Reminders as saved: the schedule, and whether the job sends it. */
export type ReminderSettings = ReminderSchedule & { enabled: boolean }

const template = (subject: string, body: string) => ({ subject, body })

/**
 * The schedule a store starts with (off until the merchant turns it on): a heads-up three days
 * before the due date, one on the day, then firmer letters a week, two weeks and a month after.
 */
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  enabled: false,
  minimum_amount: 0,
  levels: [
    {
      days: -3,
      templates: {
        en: template(
          "Invoice {{invoice_number}} is due on {{due_date}}",
          "Hello {{customer_name}},\n\na friendly note that invoice {{invoice_number}} for {{amount_due}} is due on {{due_date}}.\nPay online: {{pay_link}}\n\nThank you,\n{{store_name}}"
        ),
        "zh-CN": template(
          "发票 {{invoice_number}} 将于 {{due_date}} 到期",
          "{{customer_name}}您好：\n\n温馨提示：发票 {{invoice_number}} 应付金额 {{amount_due}}，将于 {{due_date}} 到期。\n在线付款：{{pay_link}}\n\n谢谢！\n{{store_name}}"
        ),
      },
      late_fee: null,
    },
    {
      days: 0,
      templates: {
        en: template(
          "Invoice {{invoice_number}} is due today",
          "Hello {{customer_name}},\n\ninvoice {{invoice_number}} for {{amount_due}} is due today ({{due_date}}).\nPay online: {{pay_link}}\n\nThank you,\n{{store_name}}"
        ),
        "zh-CN": template(
          "发票 {{invoice_number}} 今天到期",
          "{{customer_name}}您好：\n\n发票 {{invoice_number}} 应付金额 {{amount_due}}，今天（{{due_date}}）到期。\n在线付款：{{pay_link}}\n\n谢谢！\n{{store_name}}"
        ),
      },
      late_fee: null,
    },
    ...[7, 14, 30].map((days) => ({
      days,
      templates: {
        en: template(
          "Reminder: invoice {{invoice_number}} is {{days_overdue}} days overdue",
          "Hello {{customer_name}},\n\nour records show that invoice {{invoice_number}} ({{amount_due}}, due on {{due_date}}) is {{days_overdue}} days overdue.\nPlease pay it now: {{pay_link}}\nIf you have already paid, please ignore this message.\n\n{{store_name}}"
        ),
        "zh-CN": template(
          "提醒：发票 {{invoice_number}} 已逾期 {{days_overdue}} 天",
          "{{customer_name}}您好：\n\n发票 {{invoice_number}}（应付 {{amount_due}}，到期日 {{due_date}}）已逾期 {{days_overdue}} 天。\n请尽快付款：{{pay_link}}\n如您已付款，请忽略本邮件。\n\n{{store_name}}"
        ),
      },
      late_fee: null,
    })),
  ],
}

/** The schedule that applies: what the merchant saved, or the default one. */
export function reminderSettings(saved: Partial<ReminderSettings> | null | undefined): ReminderSettings {
  return { ...DEFAULT_REMINDER_SETTINGS, ...(saved ?? {}) }
}

export type CollectionSettings = {
  /** Upper bounds of the aging buckets in days past due. */
  aging_buckets: number[]
  /** Overdue invoices owing less than `threshold` are written off as small balances (off by default). */
  small_balance_write_off: { enabled: boolean; threshold: number }
  /** Pay-later orders unpaid `days` after their invoice was issued: flagged for review (default) or cancelled. Null days: never. */
  unpaid_orders: { days: number | null; action: "flag" | "cancel" }
}

export const DEFAULT_COLLECTION_SETTINGS: CollectionSettings = {
  aging_buckets: DEFAULT_AGING_BOUNDS,
  small_balance_write_off: { enabled: false, threshold: 0 },
  unpaid_orders: { days: null, action: "flag" },
}

export function collectionSettings(saved: Partial<CollectionSettings> | null | undefined): CollectionSettings {
  return {
    aging_buckets: saved?.aging_buckets ?? DEFAULT_COLLECTION_SETTINGS.aging_buckets,
    small_balance_write_off: { ...DEFAULT_COLLECTION_SETTINGS.small_balance_write_off, ...(saved?.small_balance_write_off ?? {}) },
    unpaid_orders: { ...DEFAULT_COLLECTION_SETTINGS.unpaid_orders, ...(saved?.unpaid_orders ?? {}) },
  }
}

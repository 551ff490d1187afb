import { newEntityIds } from "./ids"
import type { SqlManager } from "./number-counter"
import { raw } from "./reconciliation"
import { bind } from "./receivable"
import { paidForPromise } from "./reports"

/**
 * The last promised day among a customer's promises to pay not yet kept (alias p; `currency`
 * narrows them), for `reminderPause`: reminders wait while such a promise runs. Needs `:tz`.
 */
export const PENDING_PROMISE_UNTIL = (customer: string, currency = "") => `(select max(p.promised_date) from billing_payment_promise p
              where p.customer_id = ${customer} ${currency} and p.deleted_at is null and p.amount > ${paidForPromise(":tz")})`

/** An open invoice that a reminder level may be due for, with what decides whether it is. */
export type ReminderCandidate = {
  id: string
  number: string
  customer_id: string | null
  email: string | null
  currency_code: string
  amount_due: string
  total: string
  due_at: Date
  locale: string
  buyer: { name?: string | null } | null
  seller: { company_name?: string | null; iban?: string | null } | null
  /** A late-fee invoice itself (never among the schedule's candidates; by hand, never charged a fee on the fee). */
  is_late_fee: boolean
  sent_levels: number[]
  paused_at: Date | null
  paused_until: string | null
  pause_reason: string | null
  open_dispute: boolean
  promise_until: string | null
}

/**
 * Open invoices (amount due > 0, late fee invoices aside) that reached a level of the schedule
 * (`levels`, days from the due date in the store's calendar) not sent yet, with the levels already
 * sent and the facts that pause reminders, a page at a time in id order (`afterId`).
 */
export async function readReminderCandidates(
  manager: SqlManager,
  input: { asOf: Date; timeZone: string; levels: number[]; minimumAmount: number; afterId: string; limit: number }
): Promise<ReminderCandidate[]> {
  // The latest level each invoice has reached is computed here, and invoices that already had it
  // (or a later one) are left out: a run with nothing to send reads next to nothing.
  const [sql, params] = bind(
    `select i.id, i.number, i.customer_id, i.email, i.currency_code, i.amount_due::text as amount_due, i.total::text as total,
            i.due_at, i.locale, i.buyer, i.seller, (i.metadata->>'late_fee_for' is not null) as is_late_fee,
            coalesce((select array_agg(r.level) from billing_reminder r
                       where r.invoice_id = i.id and r.level is not null and r.deleted_at is null), '{}') as sent_levels,
            cs.reminders_paused_at as paused_at, cs.reminders_paused_until as paused_until, cs.reminders_pause_reason as pause_reason,
            exists (select 1 from billing_invoice d
                     where d.customer_id = i.customer_id and d.dispute_status = 'open' and d.deleted_at is null) as open_dispute,
            ${PENDING_PROMISE_UNTIL("i.customer_id", "and p.currency_code = i.currency_code")} as promise_until
       from billing_invoice i
       cross join lateral (
         select max(l.value::int) as reached from jsonb_array_elements_text(:levels::jsonb) l
          where l.value::int <= (:as_of::timestamptz at time zone :tz)::date - (i.due_at at time zone :tz)::date
       ) level
       left join billing_customer_settings cs on cs.customer_id = i.customer_id and cs.deleted_at is null
      where i.type = 'invoice' and i.status in ('open', 'partially_paid') and i.amount_due > 0 and i.amount_due >= :minimum
        and i.due_at is not null and i.deleted_at is null
        -- Late fee invoices are not chased by the schedule: no reminders about reminders.
        and i.metadata->>'late_fee_for' is null
        and (i.due_at at time zone :tz)::date <= (:as_of::timestamptz at time zone :tz)::date - :earliest::int
        and level.reached is not null
        and not exists (select 1 from billing_reminder r
                         where r.invoice_id = i.id and r.level >= level.reached and r.deleted_at is null)
        and i.id > :after
      order by i.id
      limit :limit`,
    {
      levels: JSON.stringify(input.levels), as_of: input.asOf, tz: input.timeZone, minimum: input.minimumAmount,
      earliest: Math.min(...input.levels), after: input.afterId, limit: input.limit,
    }
  )
  const rows = await manager.execute(sql, params)
  return rows.map((r: any) => ({ ...r, sent_levels: (r.sent_levels ?? []).map(Number) }))
}

/** Marks claimed reminders sent with the notification that carried each, in one statement. */
export async function markReminderRowsSent(manager: SqlManager, sent: { id: string; notification_id: string }[], at: Date) {
  if (!sent.length) return
  await manager.execute(
    `update billing_reminder r set notification_id = x.notification_id, updated_at = ?
       from jsonb_to_recordset(?::jsonb) as x(id text, notification_id text)
      where r.id = x.id`,
    [at, JSON.stringify(sent.map(({ id, notification_id }) => ({ id, notification_id })))]
  )
}

export type ReminderClaim = {
  invoice_id: string
  customer_id: string | null
  level: number | null
  trigger: "schedule" | "manual"
  to: string
  locale: string
  subject: string
  amount_due: string
  created_by: string | null
}

/**
 * Claims reminders before they are sent: a level of an invoice is claimed once, ever (the unique
 * index decides between two processes); returns the rows this call claimed.
 */
export async function insertReminderClaims(manager: SqlManager, claims: ReminderClaim[], at: Date) {
  if (!claims.length) return [] as { id: string; invoice_id: string; level: number | null }[]
  const ids = newEntityIds("brem", claims.length)
  return await manager.execute(
    `insert into billing_reminder
       (id, invoice_id, customer_id, level, trigger, "to", locale, subject, amount_due, raw_amount_due, sent_at, created_by, created_at, updated_at)
     select x.id, x.invoice_id, x.customer_id, x.level, x.trigger, x.to, x.locale, x.subject, x.amount_due, ${raw("x.amount_due")}, ?, x.created_by, ?, ?
       from jsonb_to_recordset(?::jsonb) as x(id text, invoice_id text, customer_id text, level int, trigger text, "to" text, locale text,
                                             subject text, amount_due numeric, created_by text)
     on conflict (invoice_id, level) where level is not null and deleted_at is null do nothing
     returning id, invoice_id, level`,
    [at, at, at, JSON.stringify(claims.map((c, i) => ({ ...c, id: ids[i] })))]
  )
}

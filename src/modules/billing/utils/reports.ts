import type { AgingBucket } from "../domain/collections"
import { bucketThresholds } from "../domain/reports"
import type { SqlManager } from "./number-counter"
import { bind, decimal, ledgerSql } from "./receivable"

/**
 * The read side of collections ([6/7]) in set-based SQL: the aging of the ledger as of any day,
 * its drill-down, the collections report and the collections queue. Amounts stay PostgreSQL
 * `numeric` and come back as decimal strings.
 */

export type AgingAmounts = { total: string; credit: string; buckets: Record<string, string> }
export type AgingCurrencyRow = AgingAmounts & { currency_code: string; customers: number }
export type AgingCustomerRow = AgingAmounts & { customer_id: string; currency_code: string }

export type AgingInput = {
  /** The day (YYYY-MM-DD, the store's calendar) the aging is taken at the end of. */
  as_of: string
  time_zone: string
  buckets: AgingBucket[]
  currency_code?: string | null
  /** Only these customers (a search's hits, or one customer for the drill-down). */
  customer_ids?: string[] | null
}

const filters = (input: AgingInput) => (a: string) =>
  [
    `${a}.customer_id is not null`,
    input.currency_code ? `${a}.currency_code = :currency` : null,
    input.customer_ids ? `${a}.customer_id = any(array(select jsonb_array_elements_text(:customers::jsonb)))` : null,
  ]
    .filter(Boolean)
    .join(" and ")

/**
 * The aging as of a day, as CTEs ending in `assigned` (each invoice open at the end of `as_of`, with
 * what it still owed then and its bucket index) and `balances` (each customer's ledger balance then).
 *
 * Open items, as accountants age them: an invoice issued by the end of `as_of` (store's calendar,
 * voided ones left out) owed its total minus the payments applied to it by then, the credit notes
 * issued on it by then and the write-offs made by then (never below zero); a payment applied to it
 * counts from the day it was received, or the invoice issued if later. An allocation unapplied
 * later, or lowered later by a refund or a chargeback of its payment, counts at its original amount.
 * Today this is each invoice's amount due exactly. Each open amount is aged by whole days between
 * its due day and `as_of` (`daysOverdue`), bucket 0 being "not yet due".
 */
function agingCtes(input: AgingInput) {
  const own = filters(input)
  return `
    cutoff as (select ((:as_of::date + 1)::timestamp at time zone :tz) as at),
    balances as (
      select e.customer_id, e.currency_code, sum(e.debit - e.credit) as balance
        from (${ledgerSql(own)}) e
       where e.date < (select at from cutoff)
       group by e.customer_id, e.currency_code
      having sum(e.debit - e.credit) <> 0
    ),
    invoices as (
      select i.id, i.number, i.customer_id, i.currency_code, i.issued_at, i.due_at, i.total
        from billing_invoice i
       where ${own("i")} and i.type = 'invoice' and i.deleted_at is null
         and i.issued_at < (select at from cutoff)
         and not (i.status = 'void' and i.voided_at < (select at from cutoff))
    ),
    applied as (
      select a.invoice_id,
             sum(case
                   when a.unapplied_at is not null then a.original_amount
                   when a.amount < a.original_amount and (
                          exists (select 1 from billing_payment_refund r
                                   where r.payment_id = a.payment_id and r.refunded_at >= (select at from cutoff)
                                     and r.deleted_at is null and r.canceled_at is null)
                       or exists (select 1 from billing_payment_dispute d
                                   where d.payment_id = a.payment_id and d.withdrawn_at >= (select at from cutoff) and d.deleted_at is null))
                     then a.original_amount
                   else a.amount
                 end) as amount
        from billing_payment_allocation a
        join invoices i on i.id = a.invoice_id
        join billing_payment p on p.id = a.payment_id
       -- A payment counts against an invoice from the day it was received (or the invoice issued, if later).
       where a.deleted_at is null and greatest(p.received_at, i.issued_at) < (select at from cutoff)
         and (a.unapplied_at is null or a.unapplied_at >= (select at from cutoff))
       group by a.invoice_id
    ),
    credited as (
      select c.original_invoice_id as invoice_id, sum(c.total) as amount
        from billing_invoice c
       where ${own("c")} and c.type = 'credit_note' and c.deleted_at is null and c.issued_at < (select at from cutoff)
       group by c.original_invoice_id
    ),
    written as (
      select w.invoice_id, sum(w.amount) as amount
        from billing_write_off w
       where ${own("w")} and w.deleted_at is null and w.written_off_at < (select at from cutoff)
       group by w.invoice_id
    ),
    assigned as (
      select i.*, o.open_amount,
             :as_of::date - (coalesce(i.due_at, i.issued_at) at time zone :tz)::date as days,
             width_bucket(:as_of::date - (coalesce(i.due_at, i.issued_at) at time zone :tz)::date, :thresholds::int[]) as bucket
        from invoices i
        left join applied ap on ap.invoice_id = i.id
        left join credited cr on cr.invoice_id = i.id
        left join written wr on wr.invoice_id = i.id
        cross join lateral (
          select greatest(0, i.total - coalesce(ap.amount, 0) - coalesce(cr.amount, 0) - coalesce(wr.amount, 0)) as open_amount
        ) o
       where o.open_amount > 0
    )`
}

const values = (input: AgingInput, extra: Record<string, unknown> = {}) => ({
  as_of: input.as_of,
  tz: input.time_zone,
  currency: input.currency_code ?? null,
  customers: input.customer_ids ? JSON.stringify(input.customer_ids) : null,
  // Arrays go as PostgreSQL literals: knex would spread a JavaScript array into a list.
  thresholds: `{${bucketThresholds(input.buckets).join(",")}}`,
  ...extra,
})

/**
 * Per customer and currency: total owed (≥ 0: their open invoices, split into the buckets) and
 * unapplied credit (≥ 0: what they paid beyond their open invoices), so that total − credit is
 * their ledger balance. A balance beyond their open invoices (which consistent books never show)
 * is counted as not yet due rather than lost.
 */
function perCustomerSql(input: AgingInput) {
  const k = input.buckets.map((_, i) => i)
  return `
    open_sums as (
      select a.customer_id, a.currency_code, sum(a.open_amount) as open,
             ${k.map((i) => `coalesce(sum(a.open_amount) filter (where a.bucket = ${i}), 0) as o${i}`).join(",\n             ")}
        from assigned a
       group by a.customer_id, a.currency_code
    ),
    per_customer as (
      select coalesce(b.customer_id, o.customer_id) as customer_id, coalesce(b.currency_code, o.currency_code) as currency_code,
             coalesce(o.open, 0) + greatest(coalesce(b.balance, 0) - coalesce(o.open, 0), 0) as total,
             greatest(coalesce(o.open, 0) - coalesce(b.balance, 0), 0) as credit,
             coalesce(o.o0, 0) + greatest(coalesce(b.balance, 0) - coalesce(o.open, 0), 0) as b0,
             ${k.slice(1).map((i) => `coalesce(o.o${i}, 0) as b${i}`).join(",\n             ")}
        from balances b
        full join open_sums o on o.customer_id = b.customer_id and o.currency_code = b.currency_code
    )`
}

const bucketArray = (input: AgingInput, sum: boolean) =>
  `array[${input.buckets.map((_, k) => (sum ? `sum(b${k})::text` : `b${k}::text`)).join(", ")}]`

const amounts = (input: AgingInput, row: any): AgingAmounts => ({
  total: decimal(row.total),
  credit: decimal(row.credit),
  buckets: Object.fromEntries(input.buckets.map((b, k) => [b.key, decimal(row.buckets[k])])),
})

/**
 * The aging of every customer as of a day, in one statement: the currency totals (with how many
 * customers have a balance) and one page of customers, largest total first.
 */
export async function readAging(
  manager: SqlManager,
  input: AgingInput & { limit: number; offset: number }
): Promise<{ currencies: AgingCurrencyRow[]; customers: AgingCustomerRow[]; count: number }> {
  const [sql, params] = bind(
    `with ${agingCtes(input)}, ${perCustomerSql(input)}
     select 'currency' as kind, null as customer_id, currency_code, sum(total)::text as total, sum(credit)::text as credit,
            ${bucketArray(input, true)} as buckets, count(*)::int as customers
       from per_customer group by currency_code
     union all
     (select 'customer', pc.customer_id, pc.currency_code, pc.total::text, pc.credit::text, ${bucketArray(input, false)}, null
        from per_customer pc
       -- Qualified: the output columns of the same names are text.
       order by pc.total desc, pc.credit desc, pc.customer_id, pc.currency_code
       limit :limit offset :offset)`,
    values(input, { limit: input.limit, offset: input.offset })
  )
  const rows = await manager.execute(sql, params)
  const currencies = rows
    .filter((r: any) => r.kind === "currency")
    .map((r: any) => ({ currency_code: r.currency_code, ...amounts(input, r), customers: r.customers }))
    .sort((a: AgingCurrencyRow, b: AgingCurrencyRow) => a.currency_code.localeCompare(b.currency_code))
  const customers = rows
    .filter((r: any) => r.kind === "customer")
    .map((r: any) => ({ customer_id: r.customer_id, currency_code: r.currency_code, ...amounts(input, r) }))
  return { currencies, customers, count: currencies.reduce((n: number, c: AgingCurrencyRow) => n + c.customers, 0) }
}

export type AgingInvoice = {
  id: string
  number: string | null
  issued_at: string
  due_at: string | null
  days_overdue: number
  total: string
  open_amount: string
  bucket: string
}

/**
 * The invoices that make up a customer's aging in one currency (or one bucket of it): each with
 * the part of the balance laid on it. Their open amounts add up to the customer's figure.
 */
export async function readAgingInvoices(
  manager: SqlManager,
  input: AgingInput & { customer_id: string; currency_code: string; bucket?: number | null }
): Promise<AgingInvoice[]> {
  const scoped = { ...input, customer_ids: [input.customer_id] }
  const [sql, params] = bind(
    `with ${agingCtes(scoped)}
     select id, number, issued_at, due_at, days, total::text as total, open_amount::text as open_amount, bucket
       from assigned
      where (:bucket::int is null or bucket = :bucket::int)
      order by coalesce(due_at, issued_at), issued_at, id`,
    values(scoped, { bucket: input.bucket ?? null })
  )
  const rows = await manager.execute(sql, params)
  return rows.map((r: any) => ({
    id: r.id,
    number: r.number,
    issued_at: new Date(r.issued_at).toISOString(),
    due_at: r.due_at ? new Date(r.due_at).toISOString() : null,
    days_overdue: Number(r.days),
    total: decimal(r.total),
    open_amount: decimal(r.open_amount),
    bucket: input.buckets[r.bucket].key,
  }))
}

export type PeriodInput = { from: string; to: string; time_zone: string }

/** Local midnights as timestamps: a period's start and the moment after its last day. */
const PERIOD_CTE = `period as (select (:from::date::timestamp at time zone :tz) as starts, ((:to::date + 1)::timestamp at time zone :tz) as ends)`

export type PeriodFlowRow = { currency_code: string; month: string; invoiced: string; collected: string }

/**
 * What was invoiced (issued invoices − credit notes) and collected (payments received − refunds)
 * per currency and month of the store's calendar, in a period.
 */
export async function readPeriodFlows(manager: SqlManager, input: PeriodInput): Promise<PeriodFlowRow[]> {
  const [sql, params] = bind(
    `with ${PERIOD_CTE},
     flows as (
       select i.currency_code, i.issued_at as at, case when i.type = 'invoice' then i.total else -i.total end as invoiced, 0::numeric as collected
         from billing_invoice i
        where i.issued_at >= (select starts from period) and i.issued_at < (select ends from period) and i.deleted_at is null
       union all
       select p.currency_code, p.received_at, 0, p.amount
         from billing_payment p
        where p.received_at >= (select starts from period) and p.received_at < (select ends from period) and p.deleted_at is null
       union all
       select p.currency_code, r.refunded_at, 0, -r.amount
         from billing_payment_refund r join billing_payment p on p.id = r.payment_id
        where r.refunded_at >= (select starts from period) and r.refunded_at < (select ends from period)
          and r.deleted_at is null and p.deleted_at is null
       union all
       -- A refund that failed gives the money back on the day it failed (as in the ledger).
       select p.currency_code, r.canceled_at, 0, r.amount
         from billing_payment_refund r join billing_payment p on p.id = r.payment_id
        where r.canceled_at >= (select starts from period) and r.canceled_at < (select ends from period)
          and r.deleted_at is null and p.deleted_at is null
     )
     select currency_code, to_char(at at time zone :tz, 'YYYY-MM') as month, sum(invoiced)::text as invoiced, sum(collected)::text as collected
       from flows group by 1, 2 order by 1, 2`,
    { from: input.from, to: input.to, tz: input.time_zone }
  )
  const rows = await manager.execute(sql, params)
  return rows.map((r: any) => ({ currency_code: r.currency_code, month: r.month, invoiced: decimal(r.invoiced), collected: decimal(r.collected) }))
}

/**
 * Promises to pay made in a period, each with what the customer paid (same currency) from the day
 * it was made to the end of its promised day, the window `promiseStatus` counts.
 */
export async function readPeriodPromises(manager: SqlManager, input: PeriodInput) {
  const [sql, params] = bind(
    `with ${PERIOD_CTE}
     select p.id, p.customer_id, p.currency_code, p.amount::text as amount, p.promised_date, p.created_at,
            ${PAID_FOR_PROMISE}::text as paid
       from billing_payment_promise p
      where p.deleted_at is null and p.created_at >= (select starts from period) and p.created_at < (select ends from period)
      order by p.created_at`,
    { from: input.from, to: input.to, tz: input.time_zone }
  )
  return (await manager.execute(sql, params)).map((r: any) => ({ ...r, amount: decimal(r.amount), paid: decimal(r.paid) }))
}

/**
 * The sum `promiseStatus` compares with a promise (alias p): what the customer paid and kept (net
 * of refunds and chargebacks) from the promise's day to its promised day, days in the time zone
 * `tz` (an SQL expression).
 */
export const paidForPromise = (tz: string) => `(select coalesce(sum(x.amount - x.amount_refunded - x.amount_disputed), 0) from billing_payment x
        where x.customer_id = p.customer_id and x.currency_code = p.currency_code and x.deleted_at is null
          and (x.received_at at time zone ${tz})::date between (p.created_at at time zone ${tz})::date and p.promised_date::date)`

const PAID_FOR_PROMISE = paidForPromise(":tz")

export type QueueRow = {
  customer_id: string
  currency_code: string
  overdue_amount: string
  open_amount: string
  oldest_days_overdue: number
  broken_promise: boolean
}

/**
 * The collections queue: customers (per currency) with invoices past due today, riskiest first
 * (`collectionRisk`: overdue × oldest days overdue, doubled when their latest promise in that
 * currency is broken — the `promiseStatus` rule, in SQL so the ordering and paging stay in the
 * database).
 */
export async function readCollectionsQueue(
  manager: SqlManager,
  input: { today: string; time_zone: string; currency_code?: string | null; limit: number; offset: number }
): Promise<{ rows: QueueRow[]; count: number }> {
  const [sql, params] = bind(
    `with open as (
       select i.customer_id, i.currency_code, i.amount_due,
              :today::date - (i.due_at at time zone :tz)::date as days
         from billing_invoice i
        where i.type = 'invoice' and i.status in ('open', 'partially_paid') and i.amount_due > 0
          and i.deleted_at is null and i.customer_id is not null
          and (:currency::text is null or i.currency_code = :currency)
     ),
     grouped as (
       select customer_id, currency_code, sum(amount_due) as open_amount,
              sum(amount_due) filter (where days > 0) as overdue_amount, max(days) filter (where days > 0) as oldest
         from open group by 1, 2
       having bool_or(days > 0)
     ),
     latest_promise as (
       select distinct on (p.customer_id, p.currency_code) p.id, p.customer_id, p.currency_code, p.amount, p.promised_date, p.created_at
         from billing_payment_promise p
         join grouped g on g.customer_id = p.customer_id and g.currency_code = p.currency_code
        where p.deleted_at is null
        order by p.customer_id, p.currency_code, p.created_at desc, p.id desc
     ),
     ranked as (
       select g.*, coalesce(p.amount > ${PAID_FOR_PROMISE} and :today::date > p.promised_date::date, false) as broken
         from grouped g
         left join latest_promise p on p.customer_id = g.customer_id and p.currency_code = g.currency_code
     )
     select customer_id, currency_code, overdue_amount::text, open_amount::text, oldest, broken, count(*) over () as count
       from ranked
      order by overdue_amount * oldest * (case when broken then 2 else 1 end) desc, oldest desc, customer_id, currency_code
      limit :limit offset :offset`,
    { today: input.today, tz: input.time_zone, currency: input.currency_code ?? null, limit: input.limit, offset: input.offset }
  )
  const rows = await manager.execute(sql, params)
  let count = rows.length ? Number(rows[0].count) : 0
  if (!rows.length && input.offset > 0) {
    const [countSql, countParams] = bind(
      `select count(*)::int as count from (
         select 1 from billing_invoice i
          where i.type = 'invoice' and i.status in ('open', 'partially_paid') and i.amount_due > 0
            and i.deleted_at is null and i.customer_id is not null
            and (:currency::text is null or i.currency_code = :currency)
            and (i.due_at at time zone :tz)::date < :today::date
          group by i.customer_id, i.currency_code) x`,
      { today: input.today, tz: input.time_zone, currency: input.currency_code ?? null }
    )
    count = (await manager.execute(countSql, countParams))[0].count
  }
  return {
    rows: rows.map((r: any) => ({
      customer_id: r.customer_id,
      currency_code: r.currency_code,
      overdue_amount: decimal(r.overdue_amount),
      open_amount: decimal(r.open_amount),
      oldest_days_overdue: Number(r.oldest),
      broken_promise: r.broken,
    })),
    count,
  }
}

/**
 * What the queue shows of one page of customers: their overdue invoices with the reminders sent,
 * their latest contact note and next action, their latest promise per currency with what was
 * paid for it, their own pause, and whether a dispute is open on one of their invoices.
 */
export async function readQueueDetails(manager: SqlManager, input: { customer_ids: string[]; today: string; time_zone: string }) {
  if (!input.customer_ids.length) return { invoices: [], notes: [], actions: [], promises: [], settings: [], disputes: [] }
  const v = { customers: JSON.stringify(input.customer_ids), today: input.today, tz: input.time_zone }
  const run = async (sql: string) => {
    const [text, params] = bind(sql, v)
    return manager.execute(text, params)
  }
  const invoices = await run(
    `select i.id, i.number, i.customer_id, i.currency_code, i.due_at, i.amount_due::text as amount_due, i.total::text as total,
            :today::date - (i.due_at at time zone :tz)::date as days,
            max(r.sent_at) as last_reminder_at,
            coalesce(array_agg(distinct r.level order by r.level) filter (where r.level is not null), '{}') as levels
       from billing_invoice i
       left join billing_reminder r on r.invoice_id = i.id and r.deleted_at is null
      where i.customer_id = any(array(select jsonb_array_elements_text(:customers::jsonb))) and i.type = 'invoice' and i.status in ('open', 'partially_paid')
        and i.amount_due > 0 and i.deleted_at is null and (i.due_at at time zone :tz)::date < :today::date
      group by i.id
      order by i.due_at, i.id`
  )
  const notes = await run(
    `select distinct on (customer_id) customer_id, created_at, channel, note, next_action, next_action_date
       from billing_contact_note where customer_id = any(array(select jsonb_array_elements_text(:customers::jsonb))) and deleted_at is null
      order by customer_id, created_at desc, id desc`
  )
  const actions = await run(
    `select distinct on (customer_id) customer_id, next_action, next_action_date
       from billing_contact_note where customer_id = any(array(select jsonb_array_elements_text(:customers::jsonb))) and deleted_at is null and next_action is not null
      order by customer_id, created_at desc, id desc`
  )
  const promises = await run(
    `select distinct on (p.customer_id, p.currency_code) p.id, p.customer_id, p.currency_code, p.amount::text as amount,
            p.promised_date, p.created_at, ${PAID_FOR_PROMISE}::text as paid
       from billing_payment_promise p where p.customer_id = any(array(select jsonb_array_elements_text(:customers::jsonb))) and p.deleted_at is null
      order by p.customer_id, p.currency_code, p.created_at desc, p.id desc`
  )
  const settings = await run(
    `select customer_id, reminders_paused_at, reminders_paused_until, reminders_pause_reason
       from billing_customer_settings where customer_id = any(array(select jsonb_array_elements_text(:customers::jsonb))) and deleted_at is null`
  )
  const disputes = await run(
    `select distinct customer_id from billing_invoice
      where customer_id = any(array(select jsonb_array_elements_text(:customers::jsonb))) and dispute_status = 'open' and deleted_at is null`
  )
  return { invoices, notes, actions, promises, settings, disputes }
}

import { MathBN } from "@medusajs/framework/utils"
import type { SqlManager } from "./number-counter"

/** One line of a customer's ledger: a debit raises what they owe, a credit lowers it. */
export type LedgerEntry = {
  date: string
  type: "invoice" | "invoice_void" | "credit_note" | "payment" | "refund" | "refund_failed" | "dispute_withdrawn" | "dispute_reinstated" | "write_off"
  document_id: string
  number: string | null
  description: string | null
  debit: string
  credit: string
  balance: string
}

export type CustomerBalance = {
  currency_code: string
  /** What the customer owes in sum: open amounts minus unapplied credit (negative: the store owes them). */
  balance: string
  amount_due: string
  unapplied_credit: string
  overdue: string
  open_invoices: number
  /** Open amounts by days past due: not yet due, 1–30, 31–60, 61–90, over 90. */
  aging: { current: string; d1_30: string; d31_60: string; d61_90: string; over_90: string }
}

/**
 * Every movement of a customer's receivable in one currency, as ledger lines: issued invoices
 * (debit), voids (credit of what the voided invoice still owed), credit notes (credit), payments
 * (credit), refunds (debit) and, for a refund that failed, the money back on the day it failed
 * (credit: the refund stays on its own day, so a closed period keeps its figures), funds a dispute
 * withdrew (debit: the chargeback takes the payment back) or reinstated (credit), and write-offs
 * (credit). Ordered by date, then kind, then id, so the order is stable.
 * `own` says whose movements: one customer's in one currency, or all of them. Each line names its
 * customer (`customer_id`, the document's) so reports can group the store's ledger by customer.
 */
export const ledgerSql = (own: (alias: string) => string) => `
  select i.issued_at as date, 'invoice' as type, 1 as kind, i.id as document_id, i.number,
         case when i.order_display_id is not null then concat('#', i.order_display_id) end as description,
         i.total as debit, 0::numeric as credit, i.currency_code, i.customer_id
    from billing_invoice i
   where ${own("i")} and i.type = 'invoice'
     and i.issued_at is not null and i.deleted_at is null
  union all
  select i.voided_at, 'invoice_void', 2, i.id, i.number, i.void_reason, 0, i.total - i.amount_credited - i.amount_written_off, i.currency_code, i.customer_id
    from billing_invoice i
   where ${own("i")} and i.type = 'invoice'
     and i.status = 'void' and i.voided_at is not null and i.deleted_at is null
  union all
  select c.issued_at, 'credit_note', 3, c.id, c.number, c.reason, 0, c.total, c.currency_code, c.customer_id
    from billing_invoice c
   where ${own("c")} and c.type = 'credit_note'
     and c.issued_at is not null and c.deleted_at is null
  union all
  select p.received_at, 'payment', 4, p.id, p.receipt_number, concat_ws(' · ', p.method, p.reference), 0, p.amount, p.currency_code, p.customer_id
    from billing_payment p
   where ${own("p")} and p.deleted_at is null
  union all
  select r.refunded_at, 'refund', 5, r.id, p.receipt_number, r.reason, r.amount, 0, p.currency_code, p.customer_id
    from billing_payment_refund r join billing_payment p on p.id = r.payment_id
   where ${own("p")} and r.deleted_at is null and p.deleted_at is null
  union all
  select r.canceled_at, 'refund_failed', 9, r.id, p.receipt_number, r.reason, 0, r.amount, p.currency_code, p.customer_id
    from billing_payment_refund r join billing_payment p on p.id = r.payment_id
   where ${own("p")} and r.canceled_at is not null and r.deleted_at is null and p.deleted_at is null
  union all
  select d.withdrawn_at, 'dispute_withdrawn', 6, d.id, p.receipt_number, concat_ws(' · ', d.external_id, d.reason), d.amount_withdrawn, 0, p.currency_code, p.customer_id
    from billing_payment_dispute d join billing_payment p on p.id = d.payment_id
   where ${own("p")} and d.amount_withdrawn > 0 and d.deleted_at is null and p.deleted_at is null
  union all
  select d.reinstated_at, 'dispute_reinstated', 7, d.id, p.receipt_number, concat_ws(' · ', d.external_id, d.reason), 0, d.amount_reinstated, p.currency_code, p.customer_id
    from billing_payment_dispute d join billing_payment p on p.id = d.payment_id
   where ${own("p")} and d.amount_reinstated > 0 and d.deleted_at is null and p.deleted_at is null
  union all
  select w.written_off_at, 'write_off', 8, w.id, i.number, concat_ws(' · ', w.reason, w.note), 0, w.amount, i.currency_code, i.customer_id
    from billing_write_off w join billing_invoice i on i.id = w.invoice_id
   where ${own("i")} and w.deleted_at is null`

/** One customer's ledger in one currency (`:customer`, `:currency`). */
const LEDGER_SQL = ledgerSql((a) => `${a}.customer_id = :customer and ${a}.currency_code = :currency`)

/** Every receivable movement of the store, all customers and currencies (documents without a customer too). */
const STORE_LEDGER_SQL = ledgerSql(() => "true")

/** PostgreSQL's numeric text without trailing zeros: "-10.0" → "-10". */
export const decimal = (value: string) => MathBN.convert(value).toString()

/** Named parameters to positional ones, in order of appearance. */
export function bind(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const params: unknown[] = []
  const text = sql.replace(/(?<!:):(\w+)/g, (_, name) => {
    params.push(values[name])
    return "?"
  })
  return [text, params]
}

/**
 * A customer's statement in one currency for `[from, to)`: the balance before `from`, the lines
 * in the period with their running balance (computed by PostgreSQL in exact numeric), and the
 * closing balance. Without `from` the statement starts at the first movement.
 */
export async function readStatement(
  manager: SqlManager,
  input: { customer_id: string; currency_code: string; from?: Date | null; to?: Date | null }
) {
  const values = {
    customer: input.customer_id,
    currency: input.currency_code,
    from: input.from ?? new Date(0),
    to: input.to ?? new Date("9999-12-31T00:00:00Z"),
  }
  // One statement, one snapshot: the opening balance and the lines always agree.
  const [entriesSql, entriesParams] = bind(
    `with ledger as (${LEDGER_SQL}),
          opening as (select coalesce(sum(debit - credit), 0) as amount from ledger where date < :from)
     select e.date, e.type, e.document_id, e.number, e.description, e.debit::text as debit, e.credit::text as credit,
            (select amount from opening)::text as opening,
            ((select amount from opening) + sum(e.debit - e.credit) over (order by e.date, e.kind, e.document_id rows unbounded preceding))::text as balance
       from ledger e
      where e.date >= :from and e.date < :to
      order by e.date, e.kind, e.document_id`,
    values
  )
  const rows = await manager.execute(entriesSql, entriesParams)
  let opening: string = rows[0]?.opening
  if (opening === undefined) {
    const [openingSql, openingParams] = bind(
      `select coalesce(sum(debit - credit), 0)::text as opening from (${LEDGER_SQL}) e where e.date < :from`,
      values
    )
    ;[{ opening }] = await manager.execute(openingSql, openingParams)
  }
  const entries: LedgerEntry[] = rows.map((e: any) => ({
    date: new Date(e.date).toISOString(),
    type: e.type,
    document_id: e.document_id,
    number: e.number,
    description: e.description || null,
    debit: decimal(e.debit),
    credit: decimal(e.credit),
    balance: decimal(e.balance),
  }))
  return {
    opening_balance: decimal(opening),
    entries,
    closing_balance: entries.length ? entries[entries.length - 1].balance : decimal(opening),
  }
}

/**
 * Per currency: what a customer owes (open invoices, overdue, aged) and their unapplied credit.
 * `balance = amount_due − unapplied_credit`, which equals the sum of their ledger (DESIGN rule 5).
 */
export async function readCustomerBalances(manager: SqlManager, customerId: string, now = new Date()): Promise<CustomerBalance[]> {
  const owed = await manager.execute(
    `select currency_code,
            sum(amount_due)::text as amount_due,
            count(*)::int as open_invoices,
            sum(case when due_at < ? then amount_due else 0 end)::text as overdue,
            sum(case when due_at is null or due_at >= ? then amount_due else 0 end)::text as current,
            sum(case when due_at < ? and due_at >= ?::timestamptz - interval '30 days' then amount_due else 0 end)::text as d1_30,
            sum(case when due_at < ?::timestamptz - interval '30 days' and due_at >= ?::timestamptz - interval '60 days' then amount_due else 0 end)::text as d31_60,
            sum(case when due_at < ?::timestamptz - interval '60 days' and due_at >= ?::timestamptz - interval '90 days' then amount_due else 0 end)::text as d61_90,
            sum(case when due_at < ?::timestamptz - interval '90 days' then amount_due else 0 end)::text as over_90
       from billing_invoice
      where customer_id = ? and type = 'invoice' and status in ('open', 'partially_paid') and deleted_at is null
      group by currency_code`,
    [now, now, now, now, now, now, now, now, now, customerId]
  )
  const credit = await manager.execute(
    `select currency_code, sum(amount - amount_allocated - amount_refunded - amount_disputed)::text as unapplied
       from billing_payment where customer_id = ? and deleted_at is null
      group by currency_code having sum(amount - amount_allocated - amount_refunded - amount_disputed) <> 0`,
    [customerId]
  )
  const currencies = [...new Set([...owed, ...credit].map((r: any) => r.currency_code as string))].sort()
  return currencies.map((currency) => {
    const o = owed.find((r: any) => r.currency_code === currency)
    const c = credit.find((r: any) => r.currency_code === currency)
    const amountDue = decimal(o?.amount_due ?? "0")
    const unapplied = decimal(c?.unapplied ?? "0")
    return {
      currency_code: currency,
      amount_due: amountDue,
      unapplied_credit: unapplied,
      open_invoices: o?.open_invoices ?? 0,
      aging: {
        current: decimal(o?.current ?? "0"),
        d1_30: decimal(o?.d1_30 ?? "0"),
        d31_60: decimal(o?.d31_60 ?? "0"),
        d61_90: decimal(o?.d61_90 ?? "0"),
        over_90: decimal(o?.over_90 ?? "0"),
      },
      overdue: decimal(o?.overdue ?? "0"),
      balance: MathBN.sub(amountDue, unapplied).toString(),
    }
  })
}

/**
 * What all customers owe together, per currency, just before `at` (the sum of every ledger):
 * the receivable's balance the journal export opens a period with.
 */
export async function readReceivableBalances(manager: SqlManager, at: Date): Promise<{ currency_code: string; balance: string }[]> {
  const [sql, params] = bind(
    `select currency_code, sum(debit - credit)::text as balance from (${STORE_LEDGER_SQL}) e where e.date < :at group by currency_code order by currency_code`,
    { at }
  )
  const rows = await manager.execute(sql, params)
  return rows.map((r: any) => ({ currency_code: r.currency_code, balance: decimal(r.balance) }))
}

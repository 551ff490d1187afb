import type { AccountCodes } from "../domain/accounts"
import { buildJournal, JournalEntry, JournalFact } from "../domain/journal"
import type { SqlManager } from "./number-counter"

/**
 * Every fact of the books dated in `[from, to)`, one query per kind, with amounts as numeric text
 * (exact). The conditions and dates of the facts that move a receivable are the customer
 * ledger's (LEDGER_SQL in receivable.ts), so the journal's receivable ties to the balances.
 */
const FACTS: { kind: JournalFact["kind"]; sql: string }[] = [
  {
    kind: "invoice",
    sql: `select i.id, i.issued_at as date, i.number, i.customer_id, i.currency_code, i.total::text as total, i.tax_total::text as tax_total,
                 i.shipping_total::text as shipping_total, i.rounding_total::text as rounding_total, i.tax_summary, i.order_display_id
            from billing_invoice i
           where i.type = 'invoice' and i.issued_at >= ? and i.issued_at < ? and i.deleted_at is null`,
  },
  {
    kind: "invoice_void",
    sql: `select i.id, i.voided_at as date, i.number, i.customer_id, i.currency_code, i.total::text as total, i.tax_total::text as tax_total,
                 i.shipping_total::text as shipping_total, i.rounding_total::text as rounding_total, i.tax_summary,
                 i.amount_credited::text as amount_credited, i.amount_written_off::text as amount_written_off, i.void_reason as reason
            from billing_invoice i
           where i.type = 'invoice' and i.status = 'void' and i.voided_at >= ? and i.voided_at < ? and i.deleted_at is null`,
  },
  {
    kind: "credit_note",
    sql: `select c.id, c.issued_at as date, c.number, c.customer_id, c.currency_code, c.total::text as total, c.tax_total::text as tax_total,
                 c.shipping_total::text as shipping_total, c.rounding_total::text as rounding_total, c.tax_summary, c.reason,
                 o.number as original_number
            from billing_invoice c left join billing_invoice o on o.id = c.original_invoice_id
           where c.type = 'credit_note' and c.issued_at >= ? and c.issued_at < ? and c.deleted_at is null`,
  },
  {
    kind: "payment",
    sql: `select p.id, p.received_at as date, p.receipt_number, p.customer_id, p.currency_code, p.amount::text as amount, p.method, p.reference,
                 p.source, p.stripe_payment_intent_id, a.account_code, a.type as account_type,
                 ${stripeAccountCode("p.currency_code")} as stripe_account_code
            from billing_payment p left join billing_collection_account a on a.id = p.collection_account_id
           where p.received_at >= ? and p.received_at < ? and p.deleted_at is null`,
  },
  { kind: "refund", sql: refundFacts("refunded_at") },
  // A refund that failed stays booked on its day; the money coming back is booked on the day it failed.
  { kind: "refund_failed", sql: refundFacts("canceled_at") },
  {
    kind: "dispute_withdrawn",
    sql: `select d.id, d.withdrawn_at as date, d.external_id, p.receipt_number, p.customer_id, p.currency_code, d.amount_withdrawn::text as amount, d.reason,
                 p.source, p.stripe_payment_intent_id, a.account_code, a.type as account_type,
                 ${stripeAccountCode("p.currency_code")} as stripe_account_code
            from billing_payment_dispute d join billing_payment p on p.id = d.payment_id
                 left join billing_collection_account a on a.id = p.collection_account_id
           where d.withdrawn_at >= ? and d.withdrawn_at < ? and d.amount_withdrawn > 0 and d.deleted_at is null and p.deleted_at is null`,
  },
  {
    kind: "dispute_reinstated",
    sql: `select d.id, d.reinstated_at as date, d.external_id, p.receipt_number, p.customer_id, p.currency_code, d.amount_reinstated::text as amount, d.reason,
                 p.source, p.stripe_payment_intent_id, a.account_code, a.type as account_type,
                 ${stripeAccountCode("p.currency_code")} as stripe_account_code
            from billing_payment_dispute d join billing_payment p on p.id = d.payment_id
                 left join billing_collection_account a on a.id = p.collection_account_id
           where d.reinstated_at >= ? and d.reinstated_at < ? and d.amount_reinstated > 0 and d.deleted_at is null and p.deleted_at is null`,
  },
  {
    // The fee comes with the withdrawal; Stripe's dispute balance transactions are not read for it.
    kind: "dispute_fee",
    sql: `select * from (
            select d.id, coalesce(d.withdrawn_at, d.reinstated_at, d.created_at) as date, d.external_id, p.customer_id,
                   coalesce(d.fee_currency_code, d.currency_code) as currency_code, d.fee::text as fee,
                   ${stripeAccountCode("coalesce(d.fee_currency_code, d.currency_code)")} as stripe_account_code
              from billing_payment_dispute d join billing_payment p on p.id = d.payment_id
             where d.fee <> 0 and d.deleted_at is null and p.deleted_at is null) f
           where f.date >= ? and f.date < ?`,
  },
  {
    // Fees of charges (net of any fee refund on the same transaction), and Stripe's own fee transactions.
    kind: "stripe_fee",
    sql: `select t.id, t.stripe_created_at as date, t.external_id, t.type, t.source_id, t.currency_code,
                 (case when t.type = 'stripe_fee' then -t.amount else t.fee end)::text as fee,
                 ${stripeAccountCode("t.currency_code")} as stripe_account_code
            from billing_stripe_balance_transaction t
           where t.stripe_created_at >= ? and t.stripe_created_at < ? and t.deleted_at is null
             and ((t.type in ('charge', 'payment') and t.fee <> 0) or (t.type = 'stripe_fee' and t.amount <> 0))`,
  },
  {
    kind: "payout",
    sql: `select po.id, po.arrival_date as date, po.external_id, po.currency_code, po.amount::text as amount,
                 (select b.account_code from billing_collection_account b
                   where b.type = 'bank' and lower(b.currency_code) = lower(po.currency_code) and b.deleted_at is null
                   order by b.is_active desc, b.created_at limit 1) as bank_account_code,
                 ${stripeAccountCode("po.currency_code")} as stripe_account_code
            from billing_stripe_payout po
           where po.status = 'paid' and po.arrival_date >= ? and po.arrival_date < ? and po.deleted_at is null`,
  },
  {
    kind: "write_off",
    sql: `select w.id, w.written_off_at as date, w.invoice_id, i.number as invoice_number, i.customer_id, i.currency_code,
                 w.amount::text as amount, w.reason, w.note
            from billing_write_off w join billing_invoice i on i.id = w.invoice_id
           where w.written_off_at >= ? and w.written_off_at < ? and w.deleted_at is null`,
  },
]

/** Refunds dated by `day` (when made, or when they failed), with the account their payment arrived on. */
function refundFacts(day: "refunded_at" | "canceled_at") {
  return `select r.id, r.${day} as date, r.payment_id, p.receipt_number, p.customer_id, p.currency_code, r.amount::text as amount, r.reason,
                 p.source, p.stripe_payment_intent_id, a.account_code, a.type as account_type,
                 ${stripeAccountCode("p.currency_code")} as stripe_account_code
            from billing_payment_refund r join billing_payment p on p.id = r.payment_id
                 left join billing_collection_account a on a.id = p.collection_account_id
           where r.${day} >= ? and r.${day} < ? and r.deleted_at is null and p.deleted_at is null`
}

/** The journal code of the Stripe balance in a currency: a Stripe collection account's own code, if one has it. */
function stripeAccountCode(currency: string) {
  return `(select s.account_code from billing_collection_account s
            where s.type = 'stripe' and s.account_code is not null and s.deleted_at is null
              and (s.currency_code is null or lower(s.currency_code) = lower(${currency}))
            order by (s.currency_code is null), s.is_active desc, s.created_at limit 1)`
}

/** The journal of `[from, to)`, read from the books, in the given account codes: by date, then entry id. */
export async function readJournal(manager: SqlManager, input: { from: Date; to: Date; codes: AccountCodes }): Promise<JournalEntry[]> {
  const facts: JournalFact[] = []
  for (const { kind, sql } of FACTS) {
    const rows = await manager.execute(sql, [input.from, input.to])
    facts.push(...rows.map((row: Record<string, unknown>) => ({ ...row, kind }) as JournalFact))
  }
  return buildJournal(facts, input.codes)
}

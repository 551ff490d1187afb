import type { FoundException, FoundMatch, OrderBilling, StripeLine } from "../domain/reconciliation"
import { newEntityIds } from "./ids"
import type { SqlManager } from "./number-counter"

/** Rows written per statement: big enough to be fast, small enough for one JSON parameter. */
const CHUNK = 5000

/** The raw_* jsonb twin Medusa keeps beside a bigNumber column. */
export const raw = (column: string) => `case when ${column} is null then null else jsonb_build_object('value', ${column}::text, 'precision', 20) end`

/**
 * Saves what a run found, keyed per run: a match or exception found again is updated in place
 * (`seen_at` marks it current), so a re-run adds nothing. A resolved exception stays resolved.
 */
export async function saveFindings(
  manager: SqlManager,
  runId: string,
  found: { matches: FoundMatch[]; exceptions: FoundException[] },
  seenAt: Date
) {
  for (let i = 0; i < found.matches.length; i += CHUNK) {
    const slice = found.matches.slice(i, i + CHUNK)
    const ids = newEntityIds("brmt", slice.length)
    const rows = slice.map((m, j) => ({ ...m, id: ids[j] }))
    await manager.execute(
      `insert into billing_reconciliation_match
         (id, run_id, key, source_type, source_id, target_type, target_id, currency_code, amount, raw_amount, created_at, updated_at)
       select x.id, ?, x.key, x.source_type, x.source_id, x.target_type, x.target_id, x.currency_code, x.amount, ${raw("x.amount")}, ?, ?
         from jsonb_to_recordset(?::jsonb) as x(id text, key text, source_type text, source_id text, target_type text, target_id text, currency_code text, amount numeric)
       on conflict (run_id, key) where deleted_at is null do update set
         source_id = excluded.source_id, target_type = excluded.target_type, target_id = excluded.target_id,
         amount = excluded.amount, raw_amount = excluded.raw_amount, updated_at = excluded.updated_at`,
      [runId, seenAt, seenAt, JSON.stringify(rows)]
    )
  }
  for (let i = 0; i < found.exceptions.length; i += CHUNK) {
    const slice = found.exceptions.slice(i, i + CHUNK)
    const ids = newEntityIds("bexc", slice.length)
    const rows = slice.map((e, j) => ({ ...e, id: ids[j] }))
    await manager.execute(
      `insert into billing_reconciliation_exception
         (id, run_id, key, type, status, currency_code, expected_amount, raw_expected_amount, actual_amount, raw_actual_amount,
          difference, raw_difference, description, links, history, last_seen_at, created_at, updated_at)
       select x.id, ?, x.key, x.type, 'open', x.currency_code, x.expected_amount, ${raw("x.expected_amount")}, x.actual_amount, ${raw("x.actual_amount")},
              x.difference, ${raw("x.difference")}, x.description, x.links,
              jsonb_build_array(jsonb_build_object('at', ?::timestamptz, 'event', 'found')), ?, ?, ?
         from jsonb_to_recordset(?::jsonb) as x(id text, key text, type text, currency_code text, expected_amount numeric,
              actual_amount numeric, difference numeric, description text, links jsonb)
       on conflict (run_id, key) where deleted_at is null do update set
         type = excluded.type, expected_amount = excluded.expected_amount, raw_expected_amount = excluded.raw_expected_amount,
         actual_amount = excluded.actual_amount, raw_actual_amount = excluded.raw_actual_amount,
         difference = excluded.difference, raw_difference = excluded.raw_difference,
         description = excluded.description, links = excluded.links, last_seen_at = excluded.last_seen_at, updated_at = excluded.updated_at`,
      [runId, seenAt, seenAt, seenAt, seenAt, JSON.stringify(rows)]
    )
  }
}

/**
 * After a (re-)run: what it no longer found is gone. Stale matches are removed; open exceptions
 * it no longer found are resolved as "cleared" (fixed elsewhere), with that in their history.
 * With `onlyTypes`, only open exceptions of those types are cleared and matches stay.
 */
export async function clearUnseen(manager: SqlManager, runId: string, seenAt: Date, onlyTypes?: string[]) {
  if (!onlyTypes) {
    await manager.execute(
      `update billing_reconciliation_match set deleted_at = ? where run_id = ? and updated_at < ? and deleted_at is null`,
      [seenAt, runId, seenAt]
    )
  }
  const typeFilter = onlyTypes ? ` and type in (${onlyTypes.map(() => "?").join(",") || "null"})` : ""
  await manager.execute(
    `update billing_reconciliation_exception
        set status = 'resolved', resolved_at = ?, resolved_by = 'system',
            resolution = jsonb_build_object('action', 'cleared', 'note', 'No longer found when the run ran again.'),
            history = coalesce(history, '[]'::jsonb) || jsonb_build_array(jsonb_build_object('at', ?::timestamptz, 'event', 'cleared')),
            last_seen_at = null, updated_at = ?
      where run_id = ? and status = 'open' and (last_seen_at is null or last_seen_at < ?) and deleted_at is null${typeFilter}`,
    [seenAt, seenAt, seenAt, runId, seenAt, ...(onlyTypes ?? [])]
  )
}

/** A run's counts: matches, exceptions it currently finds (open or resolved), and open ones. */
export async function countFindings(manager: SqlManager, runId: string) {
  const [row] = await manager.execute(
    `select (select count(*)::int from billing_reconciliation_match where run_id = ? and deleted_at is null) as matched,
            (select count(*)::int from billing_reconciliation_exception where run_id = ? and deleted_at is null and (last_seen_at is not null or status = 'open')) as exceptions,
            (select count(*)::int from billing_reconciliation_exception where run_id = ? and deleted_at is null and status = 'open') as open`,
    [runId, runId, runId]
  )
  return row as { matched: number; exceptions: number; open: number }
}

/**
 * The balance transactions of payouts, each with the record its ids lead to: a charge to the
 * payment (by charge id, else by PaymentIntent), a refund or its failure to the refund (by re_ id), a dispute's
 * movement to the dispute (by dp_ id) with the amount withdrawn or reinstated.
 */
export async function readStripeLines(manager: SqlManager, payoutIds: string[]): Promise<StripeLine[]> {
  if (!payoutIds.length) return []
  return await manager.execute(
    `select t.id, t.external_id, t.type, t.source_id, t.currency_code, t.amount::text as amount, t.fee::text as fee, t.net::text as net,
            t.payout_id, t.reported,
            coalesce(pc.id, pi.id) as payment_id, coalesce(pc.amount, pi.amount)::text as payment_amount,
            coalesce(pc.currency_code, pi.currency_code, rp.currency_code, dp.currency_code) as payment_currency,
            r.id as refund_id, r.amount::text as refund_amount, r.canceled_at is not null as refund_canceled,
            d.id as dispute_id,
            (case when t.amount > 0 then d.amount_reinstated else d.amount_withdrawn end)::text as dispute_amount
       from billing_stripe_balance_transaction t
       left join billing_payment pc
         on t.type in ('charge', 'payment') and pc.external_id = t.charge_id and pc.deleted_at is null
       left join lateral (
         select p.id, p.amount, p.currency_code from billing_payment p
          where t.type in ('charge', 'payment') and pc.id is null and p.stripe_payment_intent_id = t.payment_intent_id and p.deleted_at is null
          order by p.received_at limit 1) pi on true
       left join billing_payment_refund r
         on t.type in ('refund', 'payment_refund', 'payment_failure_refund', 'refund_failure') and r.provider_refund_id = t.source_id and r.deleted_at is null
       left join billing_payment rp on rp.id = r.payment_id
       left join billing_payment_dispute d
         on t.type in ('dispute', 'dispute_reversal', 'adjustment') and d.external_id = t.source_id and d.deleted_at is null
       left join billing_payment dp on dp.id = d.payment_id
      where t.payout_id in (${payoutIds.map(() => "?").join(",")}) and t.deleted_at is null
      order by t.stripe_created_at, t.external_id`,
    payoutIds
  )
}

/** Card payments through Stripe received in `[from, to)` for which Stripe shows no balance transaction at all. */
export async function readPaymentsWithoutStripeLine(manager: SqlManager, from: Date, to: Date) {
  return await manager.execute(
    `select p.id, p.amount::text as amount, p.currency_code, p.receipt_number, p.stripe_payment_intent_id, p.external_id
       from billing_payment p
      where p.stripe_payment_intent_id is not null and p.received_at >= ? and p.received_at < ? and p.deleted_at is null
        and not exists (select 1 from billing_stripe_balance_transaction t
                         where t.deleted_at is null and (t.payment_intent_id = p.stripe_payment_intent_id or t.charge_id = p.external_id))
      order by p.received_at, p.id`,
    [from, to]
  )
}

/** Billing's side of orders, for the three-way run. */
/** `capturedBy`: billing payments Medusa captures name as their author (an order marked paid), by the order they paid. */
export async function readOrderBilling(manager: SqlManager, orderIds: string[], capturedBy: Map<string, string>): Promise<Map<string, OrderBilling>> {
  const extraPaymentIds = [...capturedBy.keys()]
  const result = new Map<string, OrderBilling>(orderIds.map((id) => [id, { invoices: [], payments: [], refunds: [] }]))
  if (!orderIds.length) return result
  const marks = orderIds.map(() => "?").join(",")
  const invoices = await manager.execute(
    `select i.id, i.order_id, i.number, i.type, i.origin, i.total::text as total, i.amount_paid::text as amount_paid,
            coalesce((select sum(a.amount) from billing_payment_allocation a where a.invoice_id = i.id and a.deleted_at is null), 0)::text as allocated
       from billing_invoice i
      where i.order_id in (${marks}) and i.issued_at is not null and i.status <> 'void' and i.deleted_at is null
      order by i.issued_at, i.id`,
    orderIds
  )
  for (const i of invoices) result.get(i.order_id)?.invoices.push(i)
  const extra = extraPaymentIds.length ? ` or p.id in (${extraPaymentIds.map(() => "?").join(",")})` : ""
  const payments = await manager.execute(
    `select p.id, p.order_id, p.external_id, p.source, p.amount::text as amount
       from billing_payment p where (p.order_id in (${marks})${extra}) and p.deleted_at is null order by p.received_at, p.id`,
    [...orderIds, ...extraPaymentIds]
  )
  for (const p of payments) result.get(capturedBy.get(p.id) ?? p.order_id)?.payments.push(p)
  const refunds = await manager.execute(
    `select r.id, r.payment_id, r.external_id, r.source, r.amount::text as amount, p.order_id
       from billing_payment_refund r join billing_payment p on p.id = r.payment_id
      where p.order_id in (${marks}) and r.canceled_at is null and r.deleted_at is null order by r.refunded_at, r.id`,
    orderIds
  )
  for (const r of refunds) result.get(r.order_id)?.refunds.push(r)
  return result
}

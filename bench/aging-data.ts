// Data of bench/aging.ts, generated in PostgreSQL with generate_series (no rows through Node):
// CUSTOMERS customers (in Medusa's customer table, a third with a company) and INVOICES issued
// invoices over the last two years, 30 days' terms, 10.00–999.99, one customer in ten paying in USD.
// Invoices older than 45 days: 90 % paid, 5 % paid half, 3 % open, 1 % credited in full by a credit
// note, 1 % written off; newer ones: half paid. One in 500 is voided two days after issue (or halfway to now). Every
// payment is allocated to its invoice; one customer in a hundred has also paid 100.00 ahead, 50.00
// of it refunded since. The same data on every run (a hash of the row number, not random()).

type Pg = { raw: (sql: string, bindings?: any) => Promise<any> }

/** A pseudo-random whole number in [0, m) from row `i` and a salt: the same on every run. */
const h = (i: string, salt: number, m: number) => `(((${i})::bigint * 2654435761 + ${salt}) % 4294967291 % ${m})`
const raw = (v: string) => `jsonb_build_object('value', (${v})::text, 'precision', 20)`

export async function generateAgingData(pg: Pg, invoices: number, customers: number) {
  await pg.raw(
    `insert into customer (id, email, first_name, last_name, company_name, has_account)
     select 'cus_bench_' || n, 'buyer' || n || '@bench.test', 'Buyer', 'No ' || n,
            case when n % 3 = 0 then 'Company ' || n || ' Ltd' end, true
       from generate_series(1, ?::int) n`,
    [customers]
  )
  // The facts of each invoice, computed once.
  await pg.raw(`drop table if exists bench_aging_facts`)
  await pg.raw(
    `create unlogged table bench_aging_facts as
     select i, 'cus_bench_' || (1 + i % ?::int) as customer_id,
            case when (1 + i % ?::int) % 10 = 0 then 'usd' else 'eur' end as currency_code,
            now() - make_interval(days => ${h("i", 7, 730)}::int, secs => ${h("i", 11, 86400)}::int) as issued_at,
            (10 + ${h("i", 13, 99000)} / 100.0)::numeric(12, 2) as total,
            ${h("i", 17, 100)} as p,
            ${h("i", 19, 40)} as pay_after
       from generate_series(1, ?::int) i`,
    [customers, customers, invoices]
  )
  await pg.raw(
    `alter table bench_aging_facts add column kind text, add column paid numeric(12, 2)`
  )
  await pg.raw(
    `update bench_aging_facts set
       kind = case
         when i % 500 = 0 then 'void'
         when issued_at > now() - interval '45 days' then case when p < 50 then 'paid' else 'open' end
         when p < 90 then 'paid' when p < 95 then 'half' when p < 98 then 'open' when p < 99 then 'credited' else 'written_off' end`
  )
  await pg.raw(`update bench_aging_facts set paid = case kind when 'paid' then total when 'half' then round(total / 2, 2) else 0 end`)

  await pg.raw(
    `insert into billing_invoice (id, type, status, number, origin, currency_code, customer_id, email, issued_at, due_at, payment_terms_days,
                                  total, raw_total, subtotal, raw_subtotal, amount_paid, raw_amount_paid, amount_credited, raw_amount_credited,
                                  amount_written_off, raw_amount_written_off, amount_due, raw_amount_due, voided_at, void_reason)
     select 'inv_bench_' || i, 'invoice',
            case kind when 'paid' then 'paid' when 'half' then 'partially_paid' when 'open' then 'open' when 'credited' then 'paid'
                      when 'written_off' then 'uncollectible' else 'void' end,
            'INV-B-' || i, 'manual', currency_code, customer_id, customer_id || '@bench.test', issued_at, issued_at + interval '30 days', 30,
            total, ${raw("total")}, total, ${raw("total")}, paid, ${raw("paid")},
            case when kind = 'credited' then total else 0 end, ${raw("case when kind = 'credited' then total else 0 end")},
            case when kind = 'written_off' then total else 0 end, ${raw("case when kind = 'written_off' then total else 0 end")},
            case when kind in ('half', 'open') then total - paid else 0 end, ${raw("case when kind in ('half', 'open') then total - paid else 0 end")},
            case when kind = 'void' then least(issued_at + interval '2 days', issued_at + (now() - issued_at) / 2) end, case when kind = 'void' then 'bench' end
       from bench_aging_facts`
  )
  await pg.raw(
    `insert into billing_invoice (id, type, status, number, origin, currency_code, customer_id, issued_at, original_invoice_id, reason, total, raw_total, subtotal, raw_subtotal)
     select 'cn_bench_' || i, 'credit_note', 'issued', 'CN-B-' || i, 'manual', currency_code, customer_id, issued_at + interval '5 days',
            'inv_bench_' || i, 'bench', total, ${raw("total")}, total, ${raw("total")}
       from bench_aging_facts where kind = 'credited'`
  )
  await pg.raw(
    `insert into billing_write_off (id, invoice_id, customer_id, currency_code, amount, raw_amount, reason, written_off_at)
     select 'bwo_bench_' || i, 'inv_bench_' || i, customer_id, currency_code, total, ${raw("total")}, 'bad_debt',
            least(issued_at + interval '120 days', now() - interval '1 hour')
       from bench_aging_facts where kind = 'written_off'`
  )
  await pg.raw(
    `insert into billing_payment (id, customer_id, currency_code, amount, raw_amount, amount_allocated, raw_amount_allocated, method, received_at, source)
     select 'bpay_bench_' || i, customer_id, currency_code, paid, ${raw("paid")}, paid, ${raw("paid")}, 'bank_transfer',
            least(issued_at + make_interval(days => pay_after::int), now() - interval '1 hour'), 'manual'
       from bench_aging_facts where paid > 0`
  )
  await pg.raw(
    `insert into billing_payment_allocation (id, payment_id, invoice_id, amount, raw_amount, original_amount, raw_original_amount)
     select 'bal_bench_' || i, 'bpay_bench_' || i, 'inv_bench_' || i, paid, ${raw("paid")}, paid, ${raw("paid")}
       from bench_aging_facts where paid > 0`
  )
  // Paid ahead, half refunded.
  await pg.raw(
    `insert into billing_payment (id, customer_id, currency_code, amount, raw_amount, amount_refunded, raw_amount_refunded, method, received_at, source)
     select 'bpay_bench_ahead_' || n, 'cus_bench_' || n, case when n % 10 = 0 then 'usd' else 'eur' end, 100, ${raw("100")}, 50, ${raw("50")},
            'bank_transfer', now() - interval '20 days', 'manual'
       from generate_series(1, ?::int) n where n % 100 = 7`,
    [customers]
  )
  await pg.raw(
    `insert into billing_payment_refund (id, payment_id, amount, raw_amount, reason, refunded_at)
     select 'bref_bench_' || n, 'bpay_bench_ahead_' || n, 50, ${raw("50")}, 'requested_by_customer', now() - interval '10 days'
       from generate_series(1, ?::int) n where n % 100 = 7`,
    [customers]
  )
  await pg.raw(`drop table bench_aging_facts`)
  await pg.raw(`analyze`)
  const [counts] = (
    await pg.raw(
      `select (select count(*) from billing_invoice where type = 'invoice')::int as invoices,
              (select count(*) from billing_invoice where type = 'credit_note')::int as credit_notes,
              (select count(*) from billing_payment)::int as payments,
              (select count(*) from billing_payment_allocation)::int as allocations,
              (select count(*) from billing_write_off)::int as write_offs,
              (select count(*) from billing_payment_refund)::int as refunds`
    )
  ).rows
  return counts as { invoices: number; credit_notes: number; payments: number; allocations: number; write_offs: number; refunds: number }
}

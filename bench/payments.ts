// Run by bench/run.js with `medusa exec` on a fresh database.
// 1. Record and auto-allocate PAYMENTS payments across CUSTOMERS customers (each with open invoices)
//    through the real workflow with CLIENTS concurrent callers, against plain SQL inserts of the same
//    payment rows with the same concurrency; then checks DESIGN rule 5 over everything.
// 2. A statement of a customer with STATEMENT_ENTRIES ledger entries, against a plain SQL select of them.
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateEntityId } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../src/modules/billing"
import type BillingModuleService from "../src/modules/billing/service"
import { recordPaymentWorkflow } from "../src/workflows/payments"
import { withClients } from "./with-clients"

const PAYMENTS = Number(process.env.BENCH_PAYMENTS || 10_000)
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS || 1_000)
const CLIENTS = Number(process.env.BENCH_CLIENTS || 8)
const STATEMENT_ENTRIES = Number(process.env.BENCH_STATEMENT_ENTRIES || 10_000)
const RUNS = 10

const raw = (value: string) => JSON.stringify({ value, precision: 20 })

export default async function benchPayments({ container }: ExecArgs) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  await billing.updateSettings({ email_receipts: false })

  // Each customer owes ten open invoices of 10.00–99.00 EUR, issued over the last months.
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => `cus_bench_${String(i).padStart(5, "0")}`)
  await pg.raw(
    `insert into billing_invoice (id, type, status, number, origin, currency_code, customer_id, total, raw_total, amount_due, raw_amount_due,
                                  issued_at, due_at, payment_terms_days)
     select 'inv_bench_' || c.n || '_' || k, 'invoice', 'open', 'BENCH-' || c.n || '-' || k, 'manual', 'eur', c.id,
            (10 + (c.n * 7 + k * 13) % 90)::numeric, jsonb_build_object('value', ((10 + (c.n * 7 + k * 13) % 90))::text, 'precision', 20),
            (10 + (c.n * 7 + k * 13) % 90)::numeric, jsonb_build_object('value', ((10 + (c.n * 7 + k * 13) % 90))::text, 'precision', 20),
            now() - (k || ' days')::interval * 10, now() - (k || ' days')::interval * 10 + interval '14 days', 14
       from unnest(?::text[]) with ordinality as c(id, n), generate_series(1, 10) as k`,
    [customers]
  )
  const invoiceCount = Number((await pg.raw(`select count(*) from billing_invoice`)).rows[0].count)
  console.log(`[bench] ${CUSTOMERS} customers with ${invoiceCount} open invoices`)

  // The same payments for both runs: customer i % CUSTOMERS pays 5.00–84.99 EUR.
  const payments = Array.from({ length: PAYMENTS }, (_, i) => ({
    customer_id: customers[i % CUSTOMERS],
    amount: (5 + ((i * 37) % 8000) / 100).toFixed(2),
    reference: `BENCH-${i}`,
  }))

  // Baseline: the same payment rows inserted with plain SQL (no receipt number, no allocation).
  await pg.raw(`create table bench_plain_payment (like billing_payment including defaults)`)
  const plain = await withClients(payments, CLIENTS, (p) =>
    pg.raw(
      `insert into bench_plain_payment (id, customer_id, currency_code, amount, raw_amount, method, received_at, reference, source)
       values (?, ?, 'eur', ?, ?::jsonb, 'bank_transfer', now(), ?, 'manual')`,
      [generateEntityId(undefined, "bpay"), p.customer_id, p.amount, raw(p.amount), p.reference]
    )
  )
  console.log(`[bench] plain SQL: ${PAYMENTS} rows in ${(plain.wallMs / 1000).toFixed(1)} s`)

  const ours = await withClients(payments, CLIENTS, (p) =>
    recordPaymentWorkflow(container).run({
      input: { ...p, currency_code: "eur", method: "bank_transfer", allocate: "auto", send_receipt: false },
    })
  )
  console.log(`[bench] record + auto-allocate: ${PAYMENTS} payments in ${(ours.wallMs / 1000).toFixed(1)} s`)

  // DESIGN rule 5 after all of it, checked in SQL over every row.
  const [{ bad_invoices }] = (
    await pg.raw(`
      select count(*)::int as bad_invoices from billing_invoice i
        left join (select invoice_id, sum(amount) as allocated from billing_payment_allocation group by invoice_id) a on a.invoice_id = i.id
       where i.amount_paid <> coalesce(a.allocated, 0) or i.amount_due <> i.total - i.amount_paid - i.amount_credited or i.amount_due < 0`)
  ).rows
  const [{ bad_payments }] = (
    await pg.raw(`
      select count(*)::int as bad_payments from billing_payment p
        left join (select payment_id, sum(amount) as allocated from billing_payment_allocation group by payment_id) a on a.payment_id = p.id
       where p.amount_allocated <> coalesce(a.allocated, 0) or p.amount_allocated + p.amount_refunded > p.amount`)
  ).rows
  const [{ receipts, distinct_receipts }] = (
    await pg.raw(`select count(receipt_number)::int as receipts, count(distinct receipt_number)::int as distinct_receipts from billing_payment`)
  ).rows
  const [{ allocations }] = (await pg.raw(`select count(*)::int as allocations from billing_payment_allocation`)).rows

  // One customer with STATEMENT_ENTRIES ledger entries: half invoices, half payments, over two years.
  const half = Math.floor(STATEMENT_ENTRIES / 2)
  await pg.raw(
    `insert into billing_invoice (id, type, status, number, origin, currency_code, customer_id, total, raw_total, amount_due, raw_amount_due, issued_at, due_at)
     select 'inv_stmt_' || k, 'invoice', 'open', 'STMT-' || k, 'manual', 'eur', 'cus_statement', 50, ?::jsonb, 50, ?::jsonb,
            now() - interval '730 days' + (k || ' minutes')::interval * 100, now() + interval '14 days'
       from generate_series(1, ?) as k`,
    [raw("50"), raw("50"), half]
  )
  await pg.raw(
    `insert into billing_payment (id, customer_id, currency_code, amount, raw_amount, method, received_at, receipt_number, source)
     select 'bpay_stmt_' || k, 'cus_statement', 'eur', 20, ?::jsonb, 'bank_transfer', now() - interval '730 days' + (k || ' minutes')::interval * 100 + interval '1 minute',
            'STMT-RCT-' || k, 'manual'
       from generate_series(1, ?) as k`,
    [raw("20"), STATEMENT_ENTRIES - half]
  )
  const statementRuns: number[] = []
  let entries = 0
  let closing = ""
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint()
    const statement = await billing.retrieveStatement({ customer_id: "cus_statement", currency_code: "eur" })
    statementRuns.push(Number(process.hrtime.bigint() - t0) / 1e6)
    entries = statement.entries.length
    closing = statement.closing_balance
  }
  const selectRuns: number[] = []
  let selected = 0
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint()
    const { rows } = await pg.raw(
      `select issued_at as date, id, number, total as debit, 0 as credit from billing_invoice where customer_id = 'cus_statement' and currency_code = 'eur'
       union all
       select received_at, id, receipt_number, 0, amount from billing_payment where customer_id = 'cus_statement' and currency_code = 'eur'
       order by 1`
    )
    selectRuns.push(Number(process.hrtime.bigint() - t0) / 1e6)
    selected = rows.length
  }

  console.log(
    `BENCH_RESULT ${JSON.stringify({
      payments: PAYMENTS,
      customers: CUSTOMERS,
      clients: CLIENTS,
      ours: { wallMs: ours.wallMs, latencies: ours.latencies },
      plain: { wallMs: plain.wallMs, latencies: plain.latencies },
      allocations,
      bad_invoices,
      bad_payments,
      receipts,
      distinct_receipts,
      statement: { entries, selected, closing, ours: statementRuns, plain: selectRuns },
    })}`
  )
}

// Run by bench/run.js with `medusa exec` on a fresh database (`npm run bench aging`).
// INVOICES invoices over CUSTOMERS customers with their payments, allocations, credit notes,
// write-offs and refunds (bench/aging-data.ts, set-based SQL). Then the aging report of today
// (route 1: first page of 50 customers + the currency totals, customers' names included) through
// the service and the route's helpers, against one hand-written SQL query of the same aggregation
// (the ledger's balance per customer laid FIFO on their newest invoices, bucketed), on the same
// data in the same run: one warm-up each, median of RUNS. Their totals must agree; a difference
// fails the bench. Also the aging as of 90 days ago, one customer's drill-down, the collections
// report of twelve months and the collections queue's first page.
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { withCustomerNames } from "../src/api/admin/billing/reports/helpers"
import { BILLING_MODULE } from "../src/modules/billing"
import type BillingModuleService from "../src/modules/billing/service"
import { generateAgingData } from "./aging-data"

const INVOICES = Number(process.env.BENCH_AGING_INVOICES || 1_000_000)
const CUSTOMERS = Number(process.env.BENCH_AGING_CUSTOMERS || 50_000)
const RUNS = Number(process.env.BENCH_AGING_RUNS || 3)

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6
const median = (l: number[]) => [...l].sort((a, b) => a - b)[Math.floor(l.length / 2)]
const KEYS = ["current", "d1_30", "d31_60", "d61_90", "over_90"]

/**
 * The baseline: the same aging as one plain query, written straight from the definition (ledger
 * lines as signed amounts, balance per customer, FIFO by a running sum of the newer invoices,
 * fixed 30/60/90 buckets), returning the currency totals and the first page.
 */
const BASELINE = `
with lines as (
  select customer_id, currency_code, total as amount, issued_at as at from billing_invoice
   where type = 'invoice' and issued_at is not null and deleted_at is null and customer_id is not null
  union all
  select customer_id, currency_code, -(total - amount_credited - amount_written_off), voided_at from billing_invoice
   where type = 'invoice' and status = 'void' and voided_at is not null and deleted_at is null and customer_id is not null
  union all
  select customer_id, currency_code, -total, issued_at from billing_invoice
   where type = 'credit_note' and issued_at is not null and deleted_at is null and customer_id is not null
  union all
  select customer_id, currency_code, -amount, received_at from billing_payment where deleted_at is null
  union all
  select p.customer_id, p.currency_code, r.amount, r.refunded_at from billing_payment_refund r join billing_payment p on p.id = r.payment_id
   where r.deleted_at is null and r.canceled_at is null and p.deleted_at is null
  union all
  select p.customer_id, p.currency_code, d.amount_withdrawn, d.withdrawn_at from billing_payment_dispute d join billing_payment p on p.id = d.payment_id
   where d.amount_withdrawn > 0 and d.deleted_at is null and p.deleted_at is null
  union all
  select p.customer_id, p.currency_code, -d.amount_reinstated, d.reinstated_at from billing_payment_dispute d join billing_payment p on p.id = d.payment_id
   where d.amount_reinstated > 0 and d.deleted_at is null and p.deleted_at is null
  union all
  select i.customer_id, i.currency_code, -w.amount, w.written_off_at from billing_write_off w join billing_invoice i on i.id = w.invoice_id
   where w.deleted_at is null and i.customer_id is not null
),
bal as (
  select customer_id, currency_code, sum(amount) as balance from lines
   where at < ((current_date + 1)::timestamp at time zone 'UTC') group by 1, 2 having sum(amount) <> 0
),
fifo as (
  select i.customer_id, i.currency_code, b.balance, i.total,
         current_date - (coalesce(i.due_at, i.issued_at) at time zone 'UTC')::date as days,
         coalesce(sum(i.total) over (partition by i.customer_id, i.currency_code order by coalesce(i.due_at, i.issued_at) desc, i.issued_at desc, i.id desc
                                     rows between unbounded preceding and 1 preceding), 0) as newer
    from billing_invoice i join bal b on b.customer_id = i.customer_id and b.currency_code = i.currency_code and b.balance > 0
   where i.type = 'invoice' and i.deleted_at is null and i.issued_at < ((current_date + 1)::timestamp at time zone 'UTC')
     and not (i.status = 'void' and i.voided_at < ((current_date + 1)::timestamp at time zone 'UTC'))
),
overdue as (
  select customer_id, currency_code,
         sum(part) filter (where days between 1 and 30) as d1_30, sum(part) filter (where days between 31 and 60) as d31_60,
         sum(part) filter (where days between 61 and 90) as d61_90, sum(part) filter (where days > 90) as over_90
    from (select *, greatest(least(total, balance - newer), 0) as part from fifo) f group by 1, 2
),
rows as (
  select b.customer_id, b.currency_code, greatest(b.balance, 0) as total, greatest(-b.balance, 0) as credit,
         coalesce(o.d1_30, 0) as d1_30, coalesce(o.d31_60, 0) as d31_60, coalesce(o.d61_90, 0) as d61_90, coalesce(o.over_90, 0) as over_90
    from bal b left join overdue o on o.customer_id = b.customer_id and o.currency_code = b.currency_code
)
select 'currency' as kind, null as customer_id, currency_code, sum(total)::text as total, sum(credit)::text as credit,
       sum(total - d1_30 - d31_60 - d61_90 - over_90)::text as current, sum(d1_30)::text as d1_30, sum(d31_60)::text as d31_60,
       sum(d61_90)::text as d61_90, sum(over_90)::text as over_90, count(*)::int as customers
  from rows group by currency_code
union all
(select 'customer', r.customer_id, r.currency_code, r.total::text, r.credit::text, (r.total - r.d1_30 - r.d31_60 - r.d61_90 - r.over_90)::text,
        r.d1_30::text, r.d31_60::text, r.d61_90::text, r.over_90::text, null
   from rows r order by r.total desc, r.credit desc, r.customer_id, r.currency_code limit 50)`

export default async function benchAging({ container }: ExecArgs) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  await billing.retrieveSettings()

  let t0 = process.hrtime.bigint()
  const counts = await generateAgingData(pg, INVOICES, CUSTOMERS)
  const generatedMs = ms(t0)
  console.log(`[bench] generated ${JSON.stringify(counts)} in ${(generatedMs / 1000).toFixed(1)} s`)

  // What route 1 does: the report from the service, the page's customers named through Query.
  const req = { scope: container } as any
  const ours = async () => {
    const report = await billing.retrieveAgingReport({ limit: 50, offset: 0 })
    return { ...report, customers: await withCustomerNames(req, report.customers) }
  }
  const baseline = async () => (await pg.raw(BASELINE)).rows

  const oursMs: number[] = []
  const baselineMs: number[] = []
  let report: Awaited<ReturnType<typeof ours>> | undefined
  let rows: any[] = []
  await ours()
  await baseline()
  for (let run = 0; run < RUNS; run++) {
    t0 = process.hrtime.bigint()
    report = await ours()
    oursMs.push(ms(t0))
    t0 = process.hrtime.bigint()
    rows = await baseline()
    baselineMs.push(ms(t0))
  }
  console.log(`[bench] aging of today: ours ${oursMs.map((v) => v.toFixed(0)).join(", ")} ms; baseline ${baselineMs.map((v) => v.toFixed(0)).join(", ")} ms`)

  // The two must agree on every currency total and on the first page.
  const problems: string[] = []
  const same = (a: unknown, b: unknown) => MathBN.eq(String(a ?? 0), String(b ?? 0))
  for (const c of rows.filter((r) => r.kind === "currency")) {
    const mine = report!.currencies.find((x) => x.currency_code === c.currency_code)
    if (!mine) {
      problems.push(`currency ${c.currency_code} missing`)
      continue
    }
    if (!same(mine.total, c.total) || !same(mine.credit, c.credit)) problems.push(`${c.currency_code} total/credit ${mine.total}/${mine.credit} vs ${c.total}/${c.credit}`)
    for (const k of KEYS) if (!same(mine.buckets[k], c[k])) problems.push(`${c.currency_code} ${k} ${mine.buckets[k]} vs ${c[k]}`)
  }
  const page = rows.filter((r) => r.kind === "customer")
  page.forEach((r, i) => {
    const mine = report!.customers[i]
    if (!mine || mine.customer_id !== r.customer_id || !same(mine.total, r.total) || KEYS.some((k) => !same(mine.buckets[k], r[k]))) {
      problems.push(`page row ${i}: ${mine?.customer_id} ${mine?.total} vs ${r.customer_id} ${r.total}`)
    }
  })
  // Rule 5 from the other side: the aging's net per currency is the ledger's balance.
  const ledger = await billing.retrieveAgingReport({ limit: 0, offset: 0 })
  const owed = (
    await pg.raw(
      `select currency_code, (sum(amount_due) - coalesce((select sum(amount - amount_allocated - amount_refunded - amount_disputed) from billing_payment p
                              where p.currency_code = i.currency_code and p.deleted_at is null), 0))::text as net
         from billing_invoice i where type = 'invoice' and status in ('open', 'partially_paid') and deleted_at is null group by currency_code`
    )
  ).rows
  for (const o of owed) {
    const c = ledger.currencies.find((x) => x.currency_code === o.currency_code)
    if (!c || !same(MathBN.sub(c.total, c.credit), o.net)) problems.push(`${o.currency_code}: aging net ${c && MathBN.sub(c.total, c.credit)} vs open invoices − credit ${o.net}`)
  }

  // As of 90 days ago (payments since then not counted) and one customer's drill-down.
  const asOf = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10)
  t0 = process.hrtime.bigint()
  const past = await billing.retrieveAgingReport({ as_of: asOf, limit: 50, offset: 0 })
  const pastMs = ms(t0)
  const top = report!.customers[0]
  t0 = process.hrtime.bigint()
  const drill = await billing.listAgingInvoices({ customer_id: top.customer_id, currency_code: top.currency_code })
  const drillMs = ms(t0)
  const drillSum = MathBN.sum(0, ...drill.invoices.map((i) => i.open_amount))
  if (!same(drillSum, top.total)) problems.push(`drill-down of ${top.customer_id}: ${drillSum} vs ${top.total}`)

  // The other reads of [6/7] on the same data: the collections report of twelve months, the queue's first page.
  t0 = process.hrtime.bigint()
  const collections = await billing.retrieveCollectionsReport({})
  const collectionsMs = ms(t0)
  const eurCollections = collections.currencies.find((c) => c.currency_code === "eur")!
  if (!same(eurCollections.overdue, collections.trend.filter((t) => t.currency_code === "eur").pop()!.overdue_end)) {
    problems.push(`collections: overdue at the end ${eurCollections.overdue} vs the trend's last month`)
  }
  t0 = process.hrtime.bigint()
  const queue = await billing.listCollectionsQueue({ limit: 20, offset: 0 })
  const queueMs = ms(t0)

  const eur = report!.currencies.find((c) => c.currency_code === "eur")!
  console.log(
    `BENCH_RESULT ${JSON.stringify({
      invoices: INVOICES,
      customers: CUSTOMERS,
      counts,
      generatedMs,
      ours: oursMs,
      baseline: baselineMs,
      count: report!.count,
      eur,
      past: { as_of: asOf, ms: pastMs, count: past.count },
      drill: { ms: drillMs, invoices: drill.invoices.length },
      collections: { ms: collectionsMs, dso: eurCollections.dso, overdue_ratio: eurCollections.overdue_ratio },
      queue: { ms: queueMs, count: queue.count },
      problems,
    })}`
  )
}

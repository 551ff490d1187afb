// Run by bench/run.js (`npm run bench stripe`) with DATABASE_URL of a freshly migrated database.
// Starts one real Medusa server (`medusa start`, admin off) with both the plugin's Stripe endpoint
// and Medusa's own Stripe provider, then POSTs signed Stripe events over CONNECTIONS keep-alive
// connections for SECONDS per run (ROUNDS rounds, alternating), to
//   ours:     POST /hooks/billing/stripe          (verify, store once by event id, answer, apply after)
//   baseline: POST /hooks/payment/stripe_stripe   (answer, verify and apply 5 s later: Medusa's way)
// Both get the same `payment_intent.succeeded` of a checkout payment (no metadata.invoice_id, no
// session_id): what a store's card payments send to both endpoints when both subscribe to it. Billing
// stores it as ignored in one statement and runs nothing for it; Medusa ignores it without a session.
// Billing's endpoint also gets, in its own runs, `charge.succeeded` events whose balance transaction
// Stripe expanded in the event: billing acts on those (stored pending, answered, then applied by its
// subscriber in the same process: the balance transaction stored, the outcome recorded), so they
// measure the path of events billing does act on, with no Stripe API call. Every request has its own
// event id.
import { spawn, type ChildProcess } from "child_process"
import { createHash, createHmac } from "crypto"
import fs from "fs"
import path from "path"
import { Client } from "pg"
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { httpLoad } = require("./lib") as {
  httpLoad: (baseUrl: string, load: { next: (i: number) => Req; count?: number; seconds?: number }, connections: number) => Promise<Load>
}

type Req = { path: string; headers: Record<string, string>; body: string }
type Load = { sent: number; wallMs: number; latencies: number[]; statuses: Record<string, number> }

const SECONDS = Number(process.env.BENCH_STRIPE_SECONDS || 15)
const WARMUP_SECONDS = Number(process.env.BENCH_STRIPE_WARMUP_SECONDS || 3)
const CONNECTIONS = Number(process.env.BENCH_STRIPE_CONNECTIONS || 10)
const ROUNDS = Number(process.env.BENCH_STRIPE_ROUNDS || 2)
const PORT = Number(process.env.BENCH_STRIPE_PORT || 9390)

const root = path.resolve(__dirname, "..")
const BILLING_SECRET = "whsec_bench_billing"
const MEDUSA_SECRET = "whsec_bench_medusa"
const databaseUrl = process.env.DATABASE_URL as string

const say = (line: string) => console.log(`[bench] ${line}`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A `payment_intent.succeeded` event as Stripe sends it (API 2024-06-20), ~1.5 kB. */
function paymentIntentSucceeded(n: string) {
  const created = Math.floor(Date.now() / 1000)
  const amount = 1000 + (Number(n.replace(/\D/g, "")) % 9000)
  return JSON.stringify(
    {
      id: `evt_bench_${n}`,
      object: "event",
      api_version: "2024-06-20",
      created,
      data: {
        object: {
          id: `pi_bench_${n}`,
          object: "payment_intent",
          amount,
          amount_capturable: 0,
          amount_details: { tip: {} },
          amount_received: amount,
          automatic_payment_methods: null,
          canceled_at: null,
          capture_method: "automatic",
          client_secret: `pi_bench_${n}_secret_${createHash("sha1").update(n).digest("hex").slice(0, 12)}`,
          confirmation_method: "automatic",
          created,
          currency: "eur",
          customer: null,
          description: null,
          last_payment_error: null,
          latest_charge: `ch_bench_${n}`,
          livemode: false,
          metadata: {},
          payment_method: `pm_bench_${n}`,
          payment_method_options: { card: { request_three_d_secure: "automatic" } },
          payment_method_types: ["card"],
          receipt_email: null,
          setup_future_usage: null,
          shipping: null,
          statement_descriptor: null,
          status: "succeeded",
          transfer_data: null,
        },
      },
      livemode: false,
      pending_webhooks: 2,
      request: { id: `req_bench_${n}`, idempotency_key: createHash("sha1").update(`key ${n}`).digest("hex") },
      type: "payment_intent.succeeded",
    },
    null,
    2
  )
}

/** A `charge.succeeded` whose balance transaction is expanded (the endpoint asks Stripe for it), ~1.7 kB. */
function chargeSucceeded(n: string) {
  const created = Math.floor(Date.now() / 1000)
  const amount = 1000 + (Number(n.replace(/\D/g, "")) % 9000)
  const fee = Math.round(amount * 0.015) + 25
  return JSON.stringify(
    {
      id: `evt_bench_${n}`,
      object: "event",
      api_version: "2024-06-20",
      created,
      data: {
        object: {
          id: `ch_bench_${n}`,
          object: "charge",
          amount,
          amount_captured: amount,
          amount_refunded: 0,
          balance_transaction: {
            id: `txn_bench_${n}`,
            object: "balance_transaction",
            amount,
            available_on: created + 2 * 86400,
            created,
            currency: "eur",
            exchange_rate: null,
            fee,
            fee_details: [{ amount: fee, currency: "eur", type: "stripe_fee", description: "Stripe processing fees" }],
            net: amount - fee,
            source: `ch_bench_${n}`,
            status: "pending",
            type: "charge",
          },
          captured: true,
          created,
          currency: "eur",
          customer: null,
          description: null,
          livemode: false,
          metadata: {},
          paid: true,
          payment_intent: `pi_bench_${n}`,
          payment_method: `pm_bench_${n}`,
          receipt_url: null,
          refunded: false,
          status: "succeeded",
        },
      },
      livemode: false,
      pending_webhooks: 2,
      request: { id: `req_bench_${n}`, idempotency_key: createHash("sha1").update(`key ${n}`).digest("hex") },
      type: "charge.succeeded",
    },
    null,
    2
  )
}

/** Request i, with its own event, signed like Stripe does: `t=<unix>,v1=HMAC-SHA256(secret, "<t>.<raw body>")` (~0.05 ms of the client's CPU). */
const signedRequests = (hookPath: string, secret: string, prefix: string, make = paymentIntentSucceeded) => (i: number): Req => {
  const body = make(`${prefix}_${i}`)
  const t = Math.floor(Date.now() / 1000)
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")
  return { path: hookPath, headers: { "content-type": "application/json", "stripe-signature": `t=${t},v1=${v1}` }, body }
}

/** The server's CPU time so far (user + system, in clock ticks of 10 ms) and its resident memory (MB). */
function serverUsage(pid: number) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
  const rss = Number(fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024
  return { ticks: Number(fields[11]) + Number(fields[12]), rss }
}

/** Waits until the server has used under 5 % of a CPU for a second (its queued work is done). */
async function waitIdle(pid: number, atLeastMs = 0) {
  const started = Date.now()
  await sleep(atLeastMs)
  let last = serverUsage(pid).ticks
  for (let i = 0; i < 300; i++) {
    await sleep(1000)
    const now = serverUsage(pid).ticks
    if (now - last < 5) break
    last = now
  }
  return Date.now() - started
}

function startServer(): Promise<ChildProcess & { log: () => string }> {
  const env = {
    ...process.env,
    PORT: String(PORT),
    NODE_ENV: "development",
    MEDUSA_DISABLE_TELEMETRY: "true",
    DISABLE_MEDUSA_ADMIN: "true",
    LOG_LEVEL: "error",
    BILLING_STRIPE_WEBHOOK_SECRETS: BILLING_SECRET,
    MEDUSA_STRIPE_API_KEY: "sk_test_bench_never_called",
    MEDUSA_STRIPE_WEBHOOK_SECRET: MEDUSA_SECRET,
  }
  // Its own process group, so that stopping it stops whatever it started.
  const child = spawn(path.join(root, "node_modules", ".bin", "medusa"), ["start", "-p", String(PORT)], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  }) as ChildProcess & { log: () => string }
  let output = ""
  child.stdout!.on("data", (d) => (output += d))
  child.stderr!.on("data", (d) => (output += d))
  child.log = () => output
  return (async () => {
    for (let i = 0; i < 180; i++) {
      await sleep(1000)
      if (child.exitCode !== null) throw new Error(`medusa start exited (${child.exitCode}):\n${output.slice(-3000)}`)
      if (await fetch(`http://127.0.0.1:${PORT}/health`).then((r) => r.ok).catch(() => false)) return child
    }
    throw new Error(`medusa start did not answer /health within 180 s:\n${output.slice(-3000)}`)
  })()
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return
  const exited = new Promise((r) => child.once("exit", r))
  try {
    process.kill(-child.pid!, "SIGTERM")
  } catch {}
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL")
    } catch {}
  }, 10_000)
  await exited
  clearTimeout(timer)
}

async function main() {
  const db = new Client({ connectionString: databaseUrl })
  await db.connect()
  const t0 = Date.now()
  const server = await startServer()
  say(`medusa start ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${server.pid})`)
  const base = `http://127.0.0.1:${PORT}`
  const ours = (prefix: string) => signedRequests("/hooks/billing/stripe", BILLING_SECRET, prefix)
  const oursCharges = (prefix: string) => signedRequests("/hooks/billing/stripe", BILLING_SECRET, prefix, chargeSucceeded)
  const medusa = (prefix: string) => signedRequests("/hooks/payment/stripe_stripe", MEDUSA_SECRET, prefix)
  const storedOf = async (prefix: string) =>
    (
      await db.query(
        `select count(*)::int as stored, count(distinct event_id)::int as distinct_ids, count(*) filter (where status = 'pending')::int as pending,
                count(*) filter (where status = 'ignored')::int as ignored, count(*) filter (where status = 'processed')::int as processed,
                count(*) filter (where status = 'failed')::int as failed, count(*) filter (where status = 'waiting')::int as waiting
           from billing_stripe_event where event_id like $1`,
        [`evt_bench_${prefix}\\_%`]
      )
    ).rows[0]
  /** Runs a load while sampling the server's resident memory; returns the load and the peak (MB). */
  const measured = async (load: Parameters<typeof httpLoad>[1]) => {
    let peakRss = 0
    const ticksBefore = serverUsage(server.pid!).ticks
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, serverUsage(server.pid!).rss)), 250)
    const result = await httpLoad(base, load, CONNECTIONS)
    // stop() once the server is idle again: its CPU time for the run, queued work included (ms per request).
    return {
      ...result,
      peakRss,
      cpuMsPerRequest: 0,
      stop() {
        clearInterval(sampler)
        this.cpuMsPerRequest = ((serverUsage(server.pid!).ticks - ticksBefore) * 10) / Math.max(1, result.sent)
      },
    }
  }

  try {
    // Warm-up of both routes and both kinds of event (JIT, connection pools), then wait for what it queued.
    await httpLoad(base, { next: ours("warm_ours"), seconds: WARMUP_SECONDS }, CONNECTIONS)
    await httpLoad(base, { next: oursCharges("warm_charges"), seconds: WARMUP_SECONDS }, CONNECTIONS)
    await httpLoad(base, { next: medusa("warm_medusa"), seconds: WARMUP_SECONDS }, CONNECTIONS)
    await waitIdle(server.pid!, 6000)

    /**
     * Billing's endpoint: answered once stored; then the time until no stored event of the run is
     * pending any more (ignored ones are final as soon as they are stored; the others once their
     * subscriber applied them), and until the server is idle again.
     */
    const oursRun = async (label: string, prefix: string, next: (i: number) => Req) => {
      const load = await measured({ next, seconds: SECONDS })
      const loadEnd = Date.now()
      let state = await storedOf(prefix)
      while (state.pending > 0 && Date.now() - loadEnd < 300_000) {
        await sleep(100)
        state = await storedOf(prefix)
      }
      const appliedMs = Date.now() - loadEnd
      const idleMs = await waitIdle(server.pid!, 1000)
      load.stop()
      const { stop, ...run } = load
      say(
        `${label}: ${load.sent} in ${(load.wallMs / 1000).toFixed(1)} s ${JSON.stringify(load.statuses)}; stored ${state.stored} (${state.distinct_ids} distinct): ` +
          `${state.ignored} ignored, ${state.processed} processed, ${state.waiting} waiting, ${state.failed} failed, ${state.pending} pending; ` +
          `none pending ${(appliedMs / 1000).toFixed(1)} s after the last answer, server idle after ${(idleMs / 1000).toFixed(1)} s; server CPU ${load.cpuMsPerRequest.toFixed(1)} ms/request`
      )
      return { ...run, appliedAfterMs: appliedMs, idleAfterMs: idleMs, ...state }
    }

    const runs: { ours: any[]; charges: any[]; medusa: any[]; redelivered: any[] } = { ours: [], charges: [], medusa: [], redelivered: [] }
    for (let round = 1; round <= ROUNDS; round++) {
      // Ours, events billing does not act on (stored as ignored), then events it applies.
      runs.ours.push(await oursRun(`round ${round} ours (ignored)`, `r${round}`, ours(`r${round}`)))
      runs.charges.push(await oursRun(`round ${round} ours (charge.succeeded, applied)`, `c${round}`, oursCharges(`c${round}`)))

      // Medusa's: answered at once; it verifies and handles each event 5 s later in its subscriber.
      const errorsBefore = (server.log().match(/An error occurred/g) ?? []).length
      const mload = await measured({ next: medusa(`m${round}`), seconds: SECONDS })
      const drainedMs = await waitIdle(server.pid!, 6000)
      mload.stop()
      const errors = (server.log().match(/An error occurred/g) ?? []).length - errorsBefore
      const { stop: _s, ...medusaRun } = mload
      runs.medusa.push({ ...medusaRun, drainedMs, errors })
      say(`round ${round} medusa: ${mload.sent} in ${(mload.wallMs / 1000).toFixed(1)} s ${JSON.stringify(mload.statuses)}; subscriber errors ${errors}; server idle again ${(drainedMs / 1000).toFixed(1)} s after the last answer; server CPU ${mload.cpuMsPerRequest.toFixed(1)} ms/request`)
    }

    // Diagnostic: redeliveries of events stored in round 1 (verified and found stored; nothing emitted or applied).
    const redelivered = await measured({ next: (i) => ours("r1")(i % runs.ours[0].sent), count: runs.ours[0].sent, seconds: SECONDS })
    redelivered.stop()
    const { stop: _r, ...redeliveredRun } = redelivered
    runs.redelivered.push(redeliveredRun)
    const after = await storedOf("r1")
    say(`redelivered: ${redelivered.sent} in ${(redelivered.wallMs / 1000).toFixed(1)} s ${JSON.stringify(redelivered.statuses)}; round 1 still stored once: ${after.stored === runs.ours[0].stored ? "yes" : "NO"} (${after.stored})`)
    const loadavg = fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")
    console.log(`BENCH_RESULT ${JSON.stringify({ seconds: SECONDS, connections: CONNECTIONS, rounds: ROUNDS, loadavg, storedOnce: after.stored === runs.ours[0].stored, ...runs })}`)
  } finally {
    await stopServer(server)
    await db.end()
  }
}

main().catch((e) => {
  console.error(e.stack || e.message || e)
  process.exit(1)
})

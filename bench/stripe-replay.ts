// Run by bench/run.js with `medusa exec`, once per order on two copies of the same fresh database:
//   BENCH_STRIPE_ORDER=in-order  the baseline: EVENTS distinct Stripe events, each once, in the order Stripe created them;
//   BENCH_STRIPE_ORDER=shuffled  the same events plus DUPLICATES redeliveries (20 %), in a shuffled order.
// Each delivery goes through the plugin's own path, without HTTP: stored by the service's
// `storeStripeEvent` (once by event id, as the webhook route does) and, when new, applied by
// `processStoredStripeEvent` (what the subscriber runs), CLIENTS deliveries at a time. Events that
// wait for an object not seen yet (a refund before its payment) are then applied again, as the
// retry job would after its back-off, until nothing changes. The end state is printed for run.js
// to compare between both orders, with where the time went (this process's CPU and GC time, and
// PostgreSQL's sessions: active, idle in a transaction, waiting for a lock and on which statement).
//
// The events are what billing's endpoint receives for its own payment links, on real open invoices:
// per payment a `payment_intent.succeeded` (metadata.invoice_id, latest_charge) and a `charge.succeeded`
// whose balance transaction (fee, net) billing fetches from the Stripe API (a local fake, seeded with
// them); and a `refund.created` for every other payment (full or partial), days later.
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { FAKE_STRIPE_API_KEY, startFakeStripe } from "../integration-tests/helpers/fake-stripe"
import { BILLING_MODULE } from "../src/modules/billing"
import type BillingModuleService from "../src/modules/billing/service"
import { processStoredStripeEvent } from "../src/workflows/utils/stripe-events"
import { Client } from "pg"
import { PerformanceObserver } from "perf_hooks"
import { withClients } from "./with-clients"

// 2,000 by default so that `npm run bench stripe` takes minutes: the plugin applies some 15–40 events/s
// on 2 vCPUs (about 35 ms of this process's CPU per event), so BENCH_STRIPE_EVENTS=10000 takes 10–25
// minutes for both orders (24 on a loaded machine).
const EVENTS = Number(process.env.BENCH_STRIPE_EVENTS || 2_000)
const DUPLICATES = Math.round(EVENTS * 0.2)
const CLIENTS = Number(process.env.BENCH_STRIPE_CLIENTS || 8)
const CUSTOMERS = 1_000
const ORDER = process.env.BENCH_STRIPE_ORDER === "shuffled" ? "shuffled" : "in-order"

const raw = (value: string) => JSON.stringify({ value, precision: 20 })

/** A small seeded PRNG (mulberry32): both runs and every run of the bench see the same events. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Event = { id: string; object: "event"; type: string; created: number; livemode: false; data: { object: Record<string, any> } }

/**
 * 40 % payments through payment links, 40 % their charges, 20 % refunds. Payment i pays invoice i:
 * exactly, half of it (every 10th: the invoice stays partially paid) or 5.00 more (every 10th + 1:
 * the rest is the customer's credit). Refund of payment i (even i): all of it (i % 4 == 0, the
 * invoice is owed again) or 5.00, 400 payments later.
 */
function stripeEvents() {
  const payments = Math.round(EVENTS * 0.4)
  const refunds = EVENTS - 2 * payments
  const start = Math.floor(Date.UTC(2026, 0, 5) / 1000)
  const invoices: { id: string; customer_id: string; total: string }[] = []
  const balanceTransactions: Record<string, any>[] = []
  const events: Event[] = []
  const event = (id: string, type: string, created: number, object: Record<string, any>): Event => ({
    id, object: "event", type, created, livemode: false, data: { object },
  })
  for (let i = 0; i < payments; i++) {
    const totalCents = 2000 + ((i * 3701) % 18000)
    const invoice = { id: `inv_stripe_${i}`, customer_id: `cus_stripe_${i % CUSTOMERS}`, total: (totalCents / 100).toFixed(2) }
    invoices.push(invoice)
    const amount = i % 10 === 0 ? Math.round(totalCents / 2) : i % 10 === 1 ? totalCents + 500 : totalCents
    const created = start + i * 60
    const [pi, ch, txn] = [`pi_stripe_${i}`, `ch_stripe_${i}`, `txn_stripe_${i}`]
    const fee = Math.round(amount * 0.015) + 25
    balanceTransactions.push({
      id: txn, object: "balance_transaction", amount, currency: "eur", fee, net: amount - fee, type: "charge", source: ch,
      status: "pending", available_on: created + 2 * 86400, created, exchange_rate: null,
      fee_details: [{ amount: fee, currency: "eur", type: "stripe_fee", description: "Stripe processing fees" }],
    })
    events.push(
      event(`evt_pi_${i}`, "payment_intent.succeeded", created, {
        id: pi, object: "payment_intent", amount, amount_received: amount, currency: "eur", status: "succeeded", created,
        latest_charge: ch, metadata: { invoice_id: invoice.id }, payment_method_types: ["card"],
      }),
      event(`evt_ch_${i}`, "charge.succeeded", created + 1, {
        id: ch, object: "charge", amount, amount_captured: amount, amount_refunded: 0, captured: true, currency: "eur", created,
        balance_transaction: txn, payment_intent: pi, paid: true, status: "succeeded", metadata: { invoice_id: invoice.id },
      })
    )
    if (i % 2 === 0 && i / 2 < refunds) {
      const refundAmount = i % 4 === 0 ? amount : 500
      const refundCreated = start + (i + 400) * 60 + 30
      events.push(
        event(`evt_re_${i}`, "refund.created", refundCreated, {
          id: `re_stripe_${i}`, object: "refund", amount: refundAmount, charge: ch, payment_intent: pi, currency: "eur",
          created: refundCreated, reason: "requested_by_customer", status: "succeeded",
        })
      )
    }
  }
  events.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id))
  return { invoices, balanceTransactions, events }
}

/** Adds DUPLICATES redeliveries of random events and shuffles everything (Fisher–Yates). */
function shuffledWithDuplicates(events: Event[]) {
  const rand = random(20260105)
  const deliveries = [...events, ...Array.from({ length: DUPLICATES }, () => events[Math.floor(rand() * events.length)])]
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]]
  }
  return deliveries
}

export default async function benchStripeReplay({ container }: ExecArgs) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  await billing.updateSettings({ email_receipts: false })

  const { invoices, balanceTransactions, events } = stripeEvents()
  // Open invoices issued over the last weeks, as payment links are sent for them.
  await pg.raw(
    `insert into billing_invoice (id, type, status, number, origin, currency_code, customer_id, total, raw_total, amount_due, raw_amount_due,
                                  issued_at, due_at, payment_terms_days)
     select i.id, 'invoice', 'open', 'STRIPE-' || i.n, 'manual', 'eur', i.customer_id, i.total::numeric, jsonb_build_object('value', i.total, 'precision', 20),
            i.total::numeric, jsonb_build_object('value', i.total, 'precision', 20), now() - interval '20 days', now() - interval '6 days', 14
       from unnest(?::text[], ?::text[], ?::text[]) with ordinality as i(id, customer_id, total, n)`,
    [invoices.map((i) => i.id), invoices.map((i) => i.customer_id), invoices.map((i) => i.total)]
  )

  const fake = await startFakeStripe({ apiKey: FAKE_STRIPE_API_KEY })
  fake.state.balanceTransactions.push(...balanceTransactions)
  Object.assign(process.env, fake.env())

  const deliveries = ORDER === "shuffled" ? shuffledWithDuplicates(events) : events
  console.log(`[bench] ${ORDER}: ${invoices.length} open invoices; ${deliveries.length} deliveries of ${events.length} events, ${CLIENTS} at a time`)

  // Where the time goes: this process's CPU and GC pauses, and what PostgreSQL's sessions of this
  // database are doing, sampled every 100 ms from a connection of its own (running, idle in a
  // transaction, or waiting for a lock, e.g. on the receipt series' counter row).
  let gcMs = 0
  const gc = new PerformanceObserver((list) => list.getEntries().forEach((e) => (gcMs += e.duration)))
  gc.observe({ entryTypes: ["gc"] })
  const sampler = new Client({ connectionString: process.env.DATABASE_URL })
  await sampler.connect()
  const sessions: Record<string, number> = {}
  let samples = 0
  let sampling = true
  const sampling$ = (async () => {
    while (sampling) {
      const { rows } = await sampler.query(
        `select case when wait_event_type = 'Lock' then 'lock wait' when state = 'active' then 'active' else state end as what,
                case when wait_event_type = 'Lock' then left(regexp_replace(query, '\\s+', ' ', 'g'), 50) end as query, count(*)::int as n
           from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' group by 1, 2`
      )
      samples++
      for (const r of rows) {
        sessions[r.what] = (sessions[r.what] ?? 0) + r.n
        if (r.query) sessions[`lock wait: ${r.query}`] = (sessions[`lock wait: ${r.query}`] ?? 0) + r.n
      }
      await new Promise((r) => setTimeout(r, 100))
    }
  })()
  const cpuBefore = process.cpuUsage()

  // What the webhook route and its subscriber do, minus HTTP: store once by id, apply if new.
  const started = Date.now()
  const byType: Record<string, number[]> = {}
  const delivered = await withClients(deliveries, CLIENTS, async (event) => {
    const t0 = process.hrtime.bigint()
    const stored = await billing.storeStripeEvent(event, "webhook")
    if (!stored.duplicate) await processStoredStripeEvent(container, stored.id)
    ;(byType[stored.duplicate ? "duplicate" : event.type] ??= []).push(Number(process.hrtime.bigint() - t0) / 1e6)
  })
  // What the retry job does after its back-off, without waiting for it: apply the waiting ones again.
  const waitingAfterDelivery = await idsToApplyAgain(pg)
  let passes = 0
  for (let ids = waitingAfterDelivery, before = Infinity; ids.length && ids.length < before; before = ids.length, ids = await idsToApplyAgain(pg)) {
    passes++
    await withClients(ids, CLIENTS, (id) => processStoredStripeEvent(container, id))
  }
  const wallMs = Date.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  sampling = false
  await sampling$
  await sampler.end()
  gc.disconnect()
  await fake.close()
  const profile = {
    nodeCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    gcMs: Math.round(gcMs),
    // Average PostgreSQL sessions of this database per state over the run (e.g. 2.5 active, 1.2 waiting for a lock).
    pgSessions: Object.fromEntries(Object.entries(sessions).sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, Number((n / Math.max(1, samples)).toFixed(2))])),
  }

  const endState = await readEndState(pg)
  const medianByType = Object.fromEntries(Object.entries(byType).map(([type, l]) => [type, Number(l.sort((a, b) => a - b)[Math.floor(l.length / 2)].toFixed(1))]))
  console.log(
    `[bench] ${ORDER}: median ms per delivery by type ${JSON.stringify(medianByType)}; node CPU ${(profile.nodeCpuMs / 1000).toFixed(1)} s ` +
      `(GC ${(profile.gcMs / 1000).toFixed(1)} s) of ${(wallMs / 1000).toFixed(1)} s; PostgreSQL sessions on average ${JSON.stringify(profile.pgSessions)}`
  )
  console.log(
    `[bench] ${ORDER}: delivered in ${(delivered.wallMs / 1000).toFixed(1)} s, ${waitingAfterDelivery.length} waiting/failed applied again in ${passes} pass(es); settled after ${(wallMs / 1000).toFixed(1)} s`
  )
  console.log(
    `BENCH_RESULT ${JSON.stringify({
      order: ORDER,
      events: events.length,
      deliveries: deliveries.length,
      clients: CLIENTS,
      deliveryMs: delivered.wallMs,
      wallMs,
      latencies: delivered.latencies,
      medianByType,
      profile,
      waiting: waitingAfterDelivery.length,
      passes,
      endState,
    })}`
  )
}

const idsToApplyAgain = async (pg: any): Promise<string[]> =>
  (await pg.raw(`select id from billing_stripe_event where status in ('waiting', 'failed', 'pending') order by stripe_created_at`)).rows.map(
    (r: { id: string }) => r.id
  )

/** Everything the events changed, as totals and as digests of every row (order-independent columns only). */
async function readEndState(pg: any) {
  const one = async (sql: string) => (await pg.raw(sql)).rows[0]
  return {
    payments: await one(`select count(*)::int as count, sum(amount)::text as amount, sum(amount_allocated)::text as allocated,
                                sum(amount_refunded)::text as refunded,
                                md5(string_agg(concat_ws(':', external_id, customer_id, amount, amount_allocated, amount_refunded, stripe_payment_intent_id), ',' order by external_id)) as digest
                           from billing_payment where deleted_at is null`),
    allocations: await one(`select count(*) filter (where a.amount > 0)::int as count, sum(a.amount)::text as amount,
                                   md5(string_agg(concat_ws(':', p.external_id, a.invoice_id, a.amount), ',' order by p.external_id, a.invoice_id, a.amount)) as digest
                              from billing_payment_allocation a join billing_payment p on p.id = a.payment_id where a.deleted_at is null`),
    refunds: await one(`select count(*)::int as count, sum(r.amount)::text as amount, count(r.canceled_at)::int as canceled,
                               md5(string_agg(concat_ws(':', r.provider_refund_id, p.external_id, r.amount), ',' order by r.provider_refund_id)) as digest
                          from billing_payment_refund r join billing_payment p on p.id = r.payment_id where r.deleted_at is null`),
    invoices: await one(`select count(*) filter (where status = 'paid')::int as paid, count(*) filter (where status = 'partially_paid')::int as partially_paid,
                                count(*) filter (where status = 'open')::int as open, sum(amount_due)::text as amount_due, sum(amount_paid)::text as amount_paid,
                                md5(string_agg(concat_ws(':', id, status, amount_due, amount_paid), ',' order by id)) as digest
                           from billing_invoice where deleted_at is null`),
    balance_transactions: await one(`select count(*)::int as count, sum(fee)::text as fee, sum(net)::text as net,
                                            md5(string_agg(concat_ws(':', external_id, charge_id, payment_intent_id, amount, fee, net), ',' order by external_id)) as digest
                                       from billing_stripe_balance_transaction where deleted_at is null`),
    stripe_events: await one(`select count(*)::int as stored, count(*) filter (where status = 'processed')::int as processed,
                                     count(*) filter (where status not in ('processed', 'ignored'))::int as not_applied
                                from billing_stripe_event where deleted_at is null`),
    rule_5_broken: await one(`select count(*)::int as invoices from billing_invoice i
                                left join (select invoice_id, sum(amount) as allocated from billing_payment_allocation where deleted_at is null group by invoice_id) a on a.invoice_id = i.id
                               where i.amount_paid <> coalesce(a.allocated, 0) or i.amount_due <> i.total - i.amount_paid - i.amount_credited or i.amount_due < 0`),
  }
}

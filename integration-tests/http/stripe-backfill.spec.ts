import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Stripe from "stripe"
import backfillStripeEventsJob, { config as backfillJobConfig } from "../../src/jobs/backfill-stripe-events"
import { BILLING_MODULE } from "../../src/modules/billing"
import { refuse } from "../helpers/billing"
import { FAKE_STRIPE_API_KEY, FakeStripe, startFakeStripe } from "../helpers/fake-stripe"
import { useBillingFixture } from "../helpers/fixtures"
import { postSignedStripeBody } from "../helpers/stripe-webhook"

jest.setTimeout(180_000)

describe("the fake Stripe API", () => {
  let fake: FakeStripe
  beforeAll(async () => {
    fake = await startFakeStripe()
  })
  afterAll(async () => {
    await fake.close()
  })
  beforeEach(() => fake.reset())

  it("lists events newest first across pages with the SDK's auto-pagination, filtered by time, type and delivery", async () => {
    const stripe = fake.client()
    const base = 1_700_000_000
    for (let i = 0; i < 250; i++) {
      fake.addEvent(i % 2 ? "charge.succeeded" : "payout.paid", { id: `ch_${i}` }, { created: base + i, pending_webhooks: i % 5 === 0 ? 1 : 0 })
    }
    const seen: any[] = []
    await stripe.events.list({ limit: 100 }).autoPagingEach((e) => {
      seen.push(e)
    })
    expect(seen).toHaveLength(250)
    expect(new Set(seen.map((e) => e.id)).size).toBe(250)
    expect(seen[0].created).toBe(base + 249)
    expect(seen[249].created).toBe(base)
    const pages = fake.requests.filter((r) => r.path === "/v1/events")
    expect(pages.map((r) => r.query.starting_after)).toEqual([undefined, seen[99].id, seen[199].id])

    const undelivered: string[] = []
    await stripe.events
      .list({ limit: 100, delivery_success: false, created: { gte: base + 10, lte: base + 100 }, types: ["payout.paid", "charge.succeeded"] })
      .autoPagingEach((e) => {
        undelivered.push(e.id)
      })
    expect(undelivered).toHaveLength(19)
    const charges: string[] = []
    for await (const e of stripe.events.list({ limit: 7, type: "charge.*" })) charges.push(e.type)
    expect(charges).toHaveLength(125)

    const before = await stripe.events.list({ limit: 5, ending_before: seen[20].id })
    expect(before.data.map((e) => e.created)).toEqual([234, 233, 232, 231, 230].map((n) => base + n))
    expect(before.has_more).toBe(true)
  })

  it("creates and retrieves checkout sessions from form-encoded bodies, idempotently by key", async () => {
    const stripe = fake.client()
    const params = {
      mode: "payment" as const,
      line_items: [{ quantity: 2, price_data: { currency: "EUR", unit_amount: 889, product_data: { name: "Invoice INV-1" } } }],
      metadata: { invoice_id: "inv_1" },
      payment_intent_data: { metadata: { invoice_id: "inv_1" } },
      success_url: "https://shop.test/paid",
    }
    const session = await stripe.checkout.sessions.create(params, { idempotencyKey: "link-1" })
    expect(session).toEqual(
      expect.objectContaining({ object: "checkout.session", status: "open", amount_total: 1778, currency: "eur", metadata: { invoice_id: "inv_1" } })
    )
    expect(session.id).toMatch(/^cs_test_/)
    expect(session.url).toBe(`https://checkout.stripe.test/c/pay/${session.id}`)
    expect((session as any).payment_intent_data).toEqual({ metadata: { invoice_id: "inv_1" } })
    const post = fake.requests.find((r) => r.method === "POST")!
    expect(post.body.line_items[0].price_data.unit_amount).toBe("889")
    expect(post.idempotency_key).toBe("link-1")
    expect((await stripe.checkout.sessions.create(params, { idempotencyKey: "link-1" })).id).toBe(session.id)
    expect(fake.state.checkoutSessions).toHaveLength(1)
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("open")
  })

  it("answers Stripe's errors: 404 for what does not exist, 401 without a secret key", async () => {
    const missing = await fake.client().events.retrieve("evt_missing").catch((e) => e)
    expect([missing.statusCode, missing.type, missing.code, missing.message]).toEqual([404, "StripeInvalidRequestError", "resource_missing", "No such event: 'evt_missing'"])
    const unauthorized = await fake.client("pk_test_public").events.list().catch((e) => e)
    expect([unauthorized.statusCode, unauthorized.type]).toEqual([401, "StripeAuthenticationError"])
    const raw = await fetch(`${fake.url}/v1/events`)
    expect(raw.status).toBe(401)
    expect((await raw.json()).error.type).toBe("invalid_request_error")
  })

  it("serves balance transactions by payout with expanded sources, payouts and charges", async () => {
    const stripe = fake.client()
    fake.state.charges.push({ id: "ch_1", object: "charge", created: 1, payment_intent: "pi_1", amount: 1000 })
    fake.state.balanceTransactions.push(
      { id: "txn_1", object: "balance_transaction", created: 2, source: "ch_1", payout: "po_1", amount: 1000, fee: 59, net: 941 },
      { id: "txn_2", object: "balance_transaction", created: 3, source: "ch_2", payout: "po_2" }
    )
    fake.state.payouts.push({ id: "po_1", object: "payout", created: 4, status: "paid" })
    const txns = await stripe.balanceTransactions.list({ payout: "po_1", expand: ["data.source"] })
    expect(txns.data.map((t) => [t.id, (t.source as any).payment_intent])).toEqual([["txn_1", "pi_1"]])
    expect((await stripe.balanceTransactions.list({ source: "ch_2" })).data.map((t) => t.id)).toEqual(["txn_2"])
    expect((await stripe.balanceTransactions.retrieve("txn_1")).net).toBe(941)
    expect((await stripe.payouts.retrieve("po_1")).status).toBe("paid")
    expect((await stripe.payouts.list()).data).toHaveLength(1)
    expect((await stripe.charges.retrieve("ch_1")).amount).toBe(1000)
    fake.failNext({ method: "GET", path: "/v1/payouts/po_1", status: 500 })
    expect((await stripe.payouts.retrieve("po_1").catch((e) => e)).statusCode).toBe(500)
    expect((await stripe.payouts.retrieve("po_1")).id).toBe("po_1")
  })
})

const SECRET = "whsec_billing_backfill_test"
const DAY = 24 * 3600
const now = () => Math.floor(Date.now() / 1000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fake: FakeStripe
    const { headers, createCustomer, invoiceFor } = useBillingFixture({ api, getContainer })
    const saved = { ...process.env }

    beforeAll(async () => {
      fake = await startFakeStripe({ apiKey: FAKE_STRIPE_API_KEY })
    })
    afterAll(async () => {
      process.env = saved
      await fake.close()
    })
    beforeEach(async () => {
      fake.reset()
      Object.assign(process.env, fake.env(), { BILLING_STRIPE_WEBHOOK_SECRETS: SECRET, BILLING_STRIPE_ACCOUNT_ID: "acct_merchant" })
    })

    const backfill = (body: Record<string, unknown> = {}) => api.post("/admin/billing/stripe/backfill", body, { headers })
    const storedEvents = async () =>
      (await getContainer().resolve<any>(BILLING_MODULE).listStripeEvents({}, { select: ["event_id", "status", "received_via", "type", "last_error"], take: 10_000 })) as any[]
    const eventPages = () => fake.requests.filter((r) => r.method === "GET" && r.path === "/v1/events")
    const deliver = (event: unknown) => postSignedStripeBody(api, JSON.stringify(event), { secret: SECRET })
    const invoiceToPay = async (email: string) => {
      const customer = await createCustomer({ email })
      return { customer, invoice: await invoiceFor({ customer }) }
    }
    const intent = (id: string, invoiceId: string, amount: number) => ({
      id,
      object: "payment_intent",
      amount,
      amount_received: amount,
      currency: "eur",
      status: "succeeded",
      latest_charge: `ch_${id}`,
      created: now() - DAY,
      metadata: { invoice_id: invoiceId },
    })

    it("fetches 250 missed events across pages, stores each once, records a payment link's payment once; a second run stores nothing", async () => {
      const { customer, invoice } = await invoiceToPay("backfill@example.com")
      const types = ["charge.succeeded", "customer.created", "payout.paid", "refund.created", "charge.dispute.created", "invoice.finalized"]
      for (let i = 0; i < 245; i++) {
        fake.addEvent(types[i % types.length], { id: `obj_${i}` }, { created: now() - 2 * DAY + i * 60, pending_webhooks: i % 3 === 0 ? 1 : 0 })
      }
      // The payment through a billing payment link, sent as two events (Stripe may): recorded once, by its charge.
      const paid = fake.addEvent("payment_intent.succeeded", intent("pi_backfill", invoice.id, 2000), { created: now() - DAY, pending_webhooks: 1 })
      fake.addEvent("payment_intent.succeeded", intent("pi_backfill", invoice.id, 2000), { created: now() - DAY + 5 })
      // One event of another Connect account: not billing's.
      fake.addEvent("charge.succeeded", { id: "ch_other" }, { account: "acct_someone_else", created: now() - DAY })
      // Two events the webhook already delivered: not stored twice.
      const delivered = fake.addEvent("customer.created", { id: "cus_delivered" }, { created: now() - 3600 })
      const deliveredToo = fake.addEvent("charge.succeeded", { id: "ch_delivered" }, { created: now() - 3500 })
      expect(fake.state.events).toHaveLength(250)
      expect((await deliver(delivered)).data).toEqual({ received: true, duplicate: false })
      expect((await deliver(deliveredToo)).data).toEqual({ received: true, duplicate: false })

      const first = await backfill()
      expect(first.data).toEqual({ fetched: 250, stored: 247, duplicates: 2, skipped: 1 })
      // Three pages of at most 100, each after the last event of the page before.
      expect(eventPages().map((r) => [r.query.limit, !!r.query.starting_after])).toEqual([["100", false], ["100", true], ["100", true]])
      expect(eventPages()[0].query.created).toBeUndefined()
      expect(eventPages()[0].query.delivery_success).toBeUndefined()

      const stored = await storedEvents()
      expect(stored).toHaveLength(249)
      expect(new Set(stored.map((e) => e.event_id)).size).toBe(249)
      expect(stored.find((e) => e.event_id === "ch_other")).toBeUndefined()
      expect(stored.filter((e) => e.received_via === "webhook").map((e) => e.event_id).sort()).toEqual([delivered.id, deliveredToo.id].sort())
      // Everything backfilled was applied at once: nothing left pending.
      expect(stored.filter((e) => e.received_via === "backfill" && e.status === "pending")).toEqual([])
      expect(stored.find((e) => e.event_id === paid.id)).toEqual(expect.objectContaining({ status: "processed", received_via: "backfill" }))

      const payments = (await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.payments
      expect(payments).toHaveLength(1)
      expect(payments[0]).toEqual(expect.objectContaining({ source: "stripe", amount: 20, amount_allocated: 17.78, external_id: "ch_pi_backfill", reference: "pi_backfill" }))
      expect((await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))

      // Again: every event is known, nothing changes.
      const second = await backfill({ undelivered_only: false })
      expect(second.data).toEqual({ fetched: 250, stored: 0, duplicates: 249, skipped: 1 })
      expect(await storedEvents()).toHaveLength(249)
      expect((await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.count).toBe(1)
      // A redelivery by webhook afterwards is a duplicate too.
      expect((await deliver(paid)).data).toEqual({ received: true, duplicate: true })

      // Both runs are in the activity log, with their author and counts.
      const { activity } = (await api.get("/admin/billing/activity?entity_type=stripe_event&entity_id=backfill", { headers })).data
      expect(activity.map((a: any) => [a.action, a.actor_type, a.data.stored])).toEqual([
        ["stripe_event.backfilled", "user", 0],
        ["stripe_event.backfilled", "user", 247],
      ])
    })

    it("fetches only a time window, and only undelivered events when asked", async () => {
      const t = now()
      const old = fake.addEvent("customer.created", { id: "cus_old" }, { created: t - 5 * DAY, pending_webhooks: 1 })
      const inside = fake.addEvent("customer.created", { id: "cus_in" }, { created: t - 2 * DAY, pending_webhooks: 1 })
      const insideDelivered = fake.addEvent("customer.created", { id: "cus_in_ok" }, { created: t - 2 * DAY + 60 })
      fake.addEvent("customer.created", { id: "cus_new" }, { created: t - 600, pending_webhooks: 1 })
      const since = new Date((t - 3 * DAY) * 1000).toISOString()
      const until = new Date((t - DAY) * 1000).toISOString()

      expect((await backfill({ since, until, undelivered_only: true })).data).toEqual({ fetched: 1, stored: 1, duplicates: 0, skipped: 0 })
      expect(eventPages()[0].query).toEqual(expect.objectContaining({ limit: "100", delivery_success: "false", created: { gte: String(t - 3 * DAY), lte: String(t - DAY) } }))
      expect((await storedEvents()).map((e) => e.event_id)).toEqual([inside.id])

      expect((await backfill({ since, until })).data).toEqual({ fetched: 2, stored: 1, duplicates: 1, skipped: 0 })
      expect((await storedEvents()).map((e) => e.event_id).sort()).toEqual([inside.id, insideDelivered.id].sort())
      // A day given without a time starts at midnight UTC.
      expect((await backfill({ since: new Date((t - 6 * DAY) * 1000).toISOString().slice(0, 10) })).data).toEqual({ fetched: 4, stored: 2, duplicates: 2, skipped: 0 })
      expect((await storedEvents()).map((e) => e.event_id)).toContain(old.id)
    })

    it("refuses bad windows, a missing or refused API key, and anyone but an admin", async () => {
      const day = 24 * 3600 * 1000
      const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString()
      const reversed = await refuse(backfill({ since: at(day), until: at(2 * day) }))
      expect(reversed.status).toBe(400)
      expect(reversed.data.message).toMatch(/since must be before until/)
      for (const body of [{ since: "yesterday" }, { until: "2026-13-45" }, { since: 1700000000 }, { undelivered_only: "yes" }, { since: at(day), extra: true }]) {
        const bad = await refuse(backfill(body))
        expect([JSON.stringify(body), bad.status]).toEqual([JSON.stringify(body), 400])
      }
      expect((await refuse(backfill({ since: "yesterday" }))).data.message).toMatch(/since must be an ISO date/)
      expect((await refuse(backfill({ until: "2026-13-45" }))).data.message).toMatch(/until must be an ISO date/)
      const tooLong = await refuse(backfill({ since: at(31 * day) }))
      expect(tooLong.status).toBe(400)
      expect(tooLong.data.message).toMatch(/Stripe keeps events for 30 days/)
      const tooLongWindow = await refuse(backfill({ since: at(60 * day), until: at(25 * day) }))
      expect(tooLongWindow.data.message).toMatch(/Stripe keeps events for 30 days/)
      expect(fake.requests).toEqual([])

      const unauthenticated = await refuse(api.post("/admin/billing/stripe/backfill", {}))
      expect(unauthenticated.status).toBe(401)

      process.env.BILLING_STRIPE_API_KEY = "sk_test_revoked"
      const refused = await refuse(backfill())
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/^Stripe refused the API key/)

      delete process.env.BILLING_STRIPE_API_KEY
      const noKey = await refuse(backfill())
      expect([noKey.status, noKey.data.message]).toEqual([400, "Set BILLING_STRIPE_API_KEY to fetch events from Stripe."])
      expect(await storedEvents()).toEqual([])
    })

    it("the hourly job fetches the undelivered events of the last 3 days, and without an API key only says so", async () => {
      expect(backfillJobConfig.schedule).toBe("0 * * * *")
      const t = now()
      // Events billing ignores: this is about which events the job fetches, not how they apply.
      const missed = fake.addEvent("customer.updated", { id: "cus_missed" }, { created: t - 2 * DAY, pending_webhooks: 1 })
      fake.addEvent("customer.updated", { id: "cus_ok" }, { created: t - DAY })
      fake.addEvent("customer.updated", { id: "cus_too_old" }, { created: t - 4 * DAY, pending_webhooks: 1 })

      await backfillStripeEventsJob(getContainer())
      expect((await storedEvents()).map((e) => [e.event_id, e.received_via, e.status])).toEqual([[missed.id, "backfill", "ignored"]])
      const [page] = eventPages()
      expect(page.query.delivery_success).toBe("false")
      expect(Math.abs(Number(page.query.created.gte) - (t - 3 * DAY))).toBeLessThan(60)
      await backfillStripeEventsJob(getContainer())
      expect(await storedEvents()).toHaveLength(1)

      delete process.env.BILLING_STRIPE_API_KEY
      fake.reset()
      await expect(backfillStripeEventsJob(getContainer())).resolves.toBeUndefined()
      expect(fake.requests).toEqual([])
    })
  },
})

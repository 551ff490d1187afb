import { FakeStripe, startFakeStripe } from "../helpers/fake-stripe"

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

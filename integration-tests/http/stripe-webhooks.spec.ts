import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import Stripe from "stripe"
import { refuse } from "../helpers/billing"
import { useBillingFixture } from "../helpers/fixtures"
import { eventually } from "../helpers/storefront"
import { FakeStripe, startFakeStripe } from "../helpers/fake-stripe"
import { postSignedStripeBody } from "../helpers/stripe-webhook"
import { BILLING_MODULE } from "../../src/modules/billing"
import { buildInvoiceFromOrder } from "../../src/modules/billing/domain/invoice-from-order"
import type BillingModuleService from "../../src/modules/billing/service"

jest.setTimeout(180_000)

const SECRET = "whsec_billing_test_current"
const OLD_SECRET = "whsec_billing_test_previous"
const saved = { ...process.env }

let sequence = 0
/** A Stripe event as Stripe would send it. */
function stripeEvent(type: string, object: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  sequence++
  return { id: `evt_test_${Date.now()}_${sequence}`, object: "event", type, api_version: "2025-10-29", created: Math.floor(Date.now() / 1000), livemode: false, data: { object }, ...extra }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { headers, createCustomer, invoiceFor } = useBillingFixture({ api, getContainer })
    let fake: FakeStripe

    beforeAll(async () => {
      fake = await startFakeStripe()
      Object.assign(process.env, fake.env(), { BILLING_STRIPE_WEBHOOK_SECRETS: `${SECRET}, ${OLD_SECRET}`, BILLING_STRIPE_ACCOUNT_ID: "acct_merchant" })
    })
    afterAll(async () => {
      process.env = saved
      await fake.close()
    })
    /** Posts a body with a Stripe signature made with `secret` at `timestamp`. */
    const deliver = (body: string, { secret = SECRET, timestamp }: { secret?: string; timestamp?: number } = {}) =>
      postSignedStripeBody(api, body, { secret, timestamp })
    const events = async (query = "") => (await api.get(`/admin/billing/stripe/events${query}`, { headers })).data
    const eventNamed = (eventId: string) =>
      eventually(async () => {
        const found = (await events()).events.find((e: any) => e.event_id === eventId)
        return found && found.status !== "pending" ? found : null
      })
    /** Delivers a signed event and waits until it is applied. */
    const applied = async (event: ReturnType<typeof stripeEvent>) => {
      await deliver(JSON.stringify(event))
      return await eventNamed(event.id)
    }
    /** A customer with an order and its issued invoice (17.78 EUR). */
    const customerWithInvoice = async (email: string) => {
      const customer = await createCustomer({ email })
      return { customer, invoice: await invoiceFor({ customer }) }
    }

    it("refuses unsigned, wrongly signed, replayed, oversized, non-JSON and other-account requests, and stores nothing", async () => {
      const body = JSON.stringify(stripeEvent("charge.succeeded", { id: "ch_1" }))
      const unsigned = await refuse(api.post("/hooks/billing/stripe", body, { headers: { "content-type": "application/json" }, transformRequest: [(d: unknown) => d] }))
      expect([unsigned.status, unsigned.data.message]).toEqual([400, "The request has no Stripe-Signature header."])
      const wrong = await refuse(deliver(body, { secret: "whsec_someone_else" }))
      expect([wrong.status, wrong.data.message]).toEqual([400, "The Stripe signature does not match any configured webhook secret."])
      const replayed = await refuse(deliver(body, { timestamp: Math.floor(Date.now() / 1000) - 3600 }))
      expect(replayed.status).toBe(400)
      expect(replayed.data.message).toMatch(/too old/)
      const tampered = await refuse(postSignedStripeBody(api, body.replace("ch_1", "ch_2"), { secret: SECRET, signedBody: body }))
      expect(tampered.status).toBe(400)
      const notJson = await refuse(deliver("this is not json"))
      expect(notJson.status).toBe(400)
      const notAnEvent = await refuse(deliver(JSON.stringify({ hello: "world" })))
      expect(notAnEvent.status).toBe(400)
      const huge = await refuse(deliver(JSON.stringify(stripeEvent("charge.succeeded", { id: "ch_big", description: "x".repeat(1_100_000) }))))
      expect(huge.status).toBe(413)
      const otherAccount = await refuse(deliver(JSON.stringify(stripeEvent("charge.succeeded", { id: "ch_3" }, { account: "acct_someone_else" }))))
      expect([otherAccount.status, otherAccount.data.message]).toEqual([400, "The event belongs to Stripe account acct_someone_else, not acct_merchant."])
      expect((await events()).count).toBe(0)
    })

    it("stores a signed event once, with the current or the previous secret, and answers at once", async () => {
      const event = stripeEvent("customer.created", { id: "cus_stripe_1" })
      const body = JSON.stringify(event)
      const first = await deliver(body)
      expect(first.data).toEqual({ received: true, duplicate: false })
      const again = await deliver(body, { secret: OLD_SECRET })
      expect(again.data).toEqual({ received: true, duplicate: true })
      const stored = await eventNamed(event.id)
      expect(stored).toEqual(expect.objectContaining({ type: "customer.created", object_id: "cus_stripe_1", status: "ignored", attempts: 0 }))
      expect((await events()).count).toBe(1)
    })

    it("records a payment made through a billing payment link once and applies it to its invoice; a failing event is visible, retried, and blocks nothing", async () => {
      const { customer, invoice } = await customerWithInvoice("link@example.com")
      const intent = (id: string, invoiceId: string, amount: number) => ({
        id,
        object: "payment_intent",
        amount,
        amount_received: amount,
        currency: "eur",
        status: "succeeded",
        latest_charge: `ch_${id}`,
        created: Math.floor(Date.now() / 1000),
        metadata: { invoice_id: invoiceId },
      })

      // An event naming an invoice that does not exist fails, visibly, and keeps failing on retry.
      const broken = stripeEvent("payment_intent.succeeded", intent("pi_broken", "inv_missing", 500))
      await deliver(JSON.stringify(broken))
      const failed = await eventNamed(broken.id)
      expect(failed).toEqual(expect.objectContaining({ status: "failed", attempts: 1 }))
      expect(failed.last_error).toMatch(/inv_missing, which does not exist/)
      expect(failed.next_attempt_at).toBeTruthy()

      // The next event is applied all the same: €20.00 for an invoice of €17.78, the rest is credit.
      const paid = stripeEvent("payment_intent.succeeded", intent("pi_good", invoice.id, 2000))
      await deliver(JSON.stringify(paid))
      await deliver(JSON.stringify(paid))
      expect(await eventNamed(paid.id)).toEqual(expect.objectContaining({ status: "processed" }))
      const payments = (await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.payments
      expect(payments).toHaveLength(1)
      expect(payments[0]).toEqual(
        expect.objectContaining({ source: "stripe", method: "card", amount: 20, amount_allocated: 17.78, amount_unapplied: 2.22, external_id: "ch_pi_good", reference: "pi_good" })
      )
      expect((await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))

      // The same payment delivered as another event (Stripe may send both) is not recorded twice.
      await deliver(JSON.stringify(stripeEvent("payment_intent.succeeded", intent("pi_good", invoice.id, 2000))))
      await eventually(async () => ((await events("?status=processed")).count === 2 ? true : null))
      expect((await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.count).toBe(1)

      // A Medusa checkout's own intent (with a payment session) is Medusa's business.
      const medusas = stripeEvent("payment_intent.succeeded", { ...intent("pi_medusa", invoice.id, 1778), metadata: { invoice_id: invoice.id, session_id: "payses_1" } })
      await deliver(JSON.stringify(medusas))
      expect(await eventNamed(medusas.id)).toEqual(expect.objectContaining({ status: "ignored" }))

      const retried = await api.post(`/admin/billing/stripe/events/${failed.id}/retry`, {}, { headers })
      expect(retried.data.event).toEqual(expect.objectContaining({ status: "failed", attempts: 2 }))
      expect((await events("?status=failed")).events.map((e: any) => e.event_id)).toEqual([broken.id])
      expect((await refuse(api.post("/admin/billing/stripe/events/bsev_missing/retry", {}, { headers }))).status).toBe(404)
      expect((await refuse(api.get("/admin/billing/stripe/events"))).status).toBe(401)
    })

    it("collects an invoice with a Stripe payment link: charged as Stripe can (7.625 KWD as 7.630), the difference kept as credit, settled by the webhook", async () => {
      const container = getContainer()
      const customer = await createCustomer({ email: "kuwait@example.com" })
      const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
      const draft = await billing.createDraftInvoice({
        ...buildInvoiceFromOrder({
          currency_code: "kwd",
          total: "7.625",
          items: [{ id: "li_kwd", title: "Dates", quantity: 1, unit_price: "7.625", subtotal: "7.625", discount_subtotal: 0, tax_lines: [] }],
          shipping_methods: [],
        }),
        origin: "manual",
        customer_id: customer.id,
        email: customer.email,
        payment_terms_days: 7,
      })
      const invoice = await billing.issueInvoice(draft.id)

      const created = await api.post(`/admin/invoices/${invoice.id}/payment-link`, {}, { headers })
      expect(created.status).toBe(201)
      const link = created.data.payment_link
      expect(link).toEqual(expect.objectContaining({ status: "open", currency_code: "kwd", amount: 7.63, amount_due: 7.625, amount_difference: 0.005 }))
      expect(link.url).toMatch(/^https:\/\//)
      expect(link.qr_svg).toMatch(/^<svg/)
      const [session] = fake.state.checkoutSessions
      expect(session.id).toBe(link.external_id)
      // What the SDK sent to Stripe: 7630 fils, and the invoice in the payment's metadata.
      expect(Number(session.amount_total)).toBe(7630)
      expect(session.payment_intent_data.metadata.invoice_id).toBe(invoice.id)
      // Asking again gives the same link, not another session.
      const again = await api.post(`/admin/invoices/${invoice.id}/payment-link`, {}, { headers })
      expect([again.status, again.data.payment_link.id]).toEqual([200, link.id])
      expect(fake.state.checkoutSessions).toHaveLength(1)
      expect((await api.get(`/admin/invoices/${invoice.id}/payment-link`, { headers })).data.payment_link.id).toBe(link.id)
      expect(new Date(link.expires_at).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000)

      // The session expires unpaid (Stripe's checkout.session.expired): the next "Collect" opens another one.
      const expired = stripeEvent("checkout.session.expired", { ...session, status: "expired", payment_status: "unpaid" })
      await deliver(JSON.stringify(expired))
      expect(await eventNamed(expired.id)).toEqual(expect.objectContaining({ status: "processed" }))
      expect((await api.get(`/admin/invoices/${invoice.id}/payment-link`, { headers })).data.payment_link).toBeNull()
      const renewed = await api.post(`/admin/invoices/${invoice.id}/payment-link`, {}, { headers })
      expect(renewed.status).toBe(201)
      expect(renewed.data.payment_link.id).not.toBe(link.id)
      expect(fake.state.checkoutSessions).toHaveLength(2)

      const paid = stripeEvent("payment_intent.succeeded", {
        id: "pi_kwd",
        object: "payment_intent",
        amount: 7630,
        amount_received: 7630,
        currency: "kwd",
        status: "succeeded",
        latest_charge: "ch_kwd",
        created: Math.floor(Date.now() / 1000),
        metadata: { invoice_id: invoice.id },
      })
      await deliver(JSON.stringify(paid))
      expect(await eventNamed(paid.id)).toEqual(expect.objectContaining({ status: "processed" }))
      expect((await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
      const [payment] = (await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.payments
      expect(payment).toEqual(expect.objectContaining({ amount: 7.63, amount_allocated: 7.625, amount_unapplied: 0.005, currency_code: "kwd" }))
      expect((await api.get(`/admin/invoices/${invoice.id}/payment-link`, { headers })).data.payment_link).toBeNull()
      expect((await refuse(api.post(`/admin/invoices/${invoice.id}/payment-link`, {}, { headers }))).data.message).toMatch(/owes nothing/)

      // Without an API key nothing can be created, and the admin is told why.
      const key = process.env.BILLING_STRIPE_API_KEY
      delete process.env.BILLING_STRIPE_API_KEY
      const open = await billing.issueInvoice(
        (
          await billing.createDraftInvoice({
            ...buildInvoiceFromOrder({
              currency_code: "eur",
              total: "5.00",
              items: [{ id: "li_eur", title: "Tea", quantity: 1, unit_price: "5.00", subtotal: "5.00", discount_subtotal: 0, tax_lines: [] }],
              shipping_methods: [],
            }),
            origin: "manual",
            customer_id: customer.id,
          })
        ).id
      )
      expect((await refuse(api.post(`/admin/invoices/${open.id}/payment-link`, {}, { headers }))).data.message).toBe("Set BILLING_STRIPE_API_KEY to collect payments with Stripe.")
      process.env.BILLING_STRIPE_API_KEY = key
    })

    it("records refunds made anywhere once by refund id, in any order, keeps failed ones as credit, waits for unknown payments, and ties Medusa's own refunds", async () => {
      const container = getContainer()
      const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
      const { customer, invoice } = await customerWithInvoice("refunds@example.com")
      const now = Math.floor(Date.now() / 1000)
      const refund = (id: string, amount: number, status: string, charge = "ch_pi_refunds", extra: Record<string, unknown> = {}) => ({
        id, object: "refund", amount, currency: "eur", status, charge, payment_intent: charge === "ch_pi_refunds" ? "pi_refunds" : null, created: now, ...extra,
      })
      const paymentOf = async () => (await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.payments

      // A refund of a payment billing does not know yet waits, and is applied once the payment is there.
      const early = await applied(stripeEvent("refund.created", refund("re_early", 278, "succeeded")))
      expect(early).toEqual(expect.objectContaining({ status: "waiting" }))
      expect(early.last_error).toMatch(/No payment for charge ch_pi_refunds/)
      const intent = { id: "pi_refunds", object: "payment_intent", amount: 1778, amount_received: 1778, currency: "eur", status: "succeeded", latest_charge: "ch_pi_refunds", created: now, metadata: { invoice_id: invoice.id } }
      expect(await applied(stripeEvent("payment_intent.succeeded", intent))).toEqual(expect.objectContaining({ status: "processed" }))
      expect((await api.post(`/admin/billing/stripe/events/${early.id}/retry`, {}, { headers })).data.event.status).toBe("processed")

      // Failed before it was created (events out of order): kept as canceled; the late "created" changes nothing.
      expect(await applied(stripeEvent("refund.failed", refund("re_failed", 500, "failed", undefined, { failure_reason: "expired_or_canceled_card" })))).toEqual(expect.objectContaining({ status: "processed" }))
      await applied(stripeEvent("refund.created", refund("re_failed", 500, "pending")))

      // A dashboard refund, announced twice (refund.created and charge.refunded), counts once.
      await applied(stripeEvent("refund.created", refund("re_dash", 500, "succeeded")))
      await applied(stripeEvent("charge.refunded", { id: "ch_pi_refunds", object: "charge", payment_intent: "pi_refunds", amount_refunded: 778, refunds: { object: "list", data: [refund("re_dash", 500, "succeeded"), refund("re_early", 278, "succeeded")] } }))
      let [payment] = await paymentOf()
      expect(payment).toEqual(expect.objectContaining({ amount: 17.78, amount_refunded: 7.78, source: "stripe" }))
      const detail = (await api.get(`/admin/billing/payments/${payment.id}`, { headers })).data.payment
      expect(detail.refunds.map((r: any) => [r.provider_refund_id, r.amount, !!r.canceled_at]).sort()).toEqual([
        ["re_dash", 5, false],
        ["re_early", 2.78, false],
        ["re_failed", 5, true],
      ])
      expect((await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice).toEqual(expect.objectContaining({ status: "partially_paid", amount_due: 7.78 }))

      // The dashboard refund fails after all: the money never left, and pays the invoice again.
      await applied(stripeEvent("refund.updated", refund("re_dash", 500, "failed")))
      ;[payment] = await paymentOf()
      expect(payment).toEqual(expect.objectContaining({ amount_refunded: 2.78, amount_allocated: 15, amount_unapplied: 0 }))
      expect((await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice).toEqual(expect.objectContaining({ status: "partially_paid", amount_due: 2.78 }))

      // A refund Medusa initiated is already in billing under Medusa's id: Stripe's announcement only ties to it.
      const medusaPaid = await billing.recordPayment({
        customer_id: customer.id, currency_code: "eur", amount: "10.00", source: "medusa", external_id: "capt_stripe_1",
        stripe_payment_intent_id: "pi_medusa_checkout", method: "card", allocate: "none",
      })
      await billing.refundPayment(medusaPaid.id, { amount: "4.00", source: "medusa", external_id: "ref_medusa_1" })
      await applied(stripeEvent("refund.created", refund("re_medusa", 400, "succeeded", "ch_medusa", { payment_intent: "pi_medusa_checkout" })))
      const medusaRefunds = await billing.listPaymentRefunds({ payment_id: medusaPaid.id })
      expect(medusaRefunds.map((r) => [r.external_id, r.provider_refund_id])).toEqual([["ref_medusa_1", "re_medusa"]])
      expect((await billing.retrieveBillingPayment(medusaPaid.id)).amount_refunded).toEqual(4)
    })

    it("attaches a charge's balance transaction to its payment, and stores payouts with every transaction they carry, whatever the order of their events", async () => {
      const { customer, invoice } = await customerWithInvoice("settle@example.com")
      const now = Math.floor(Date.now() / 1000)
      fake.state.balanceTransactions.push({
        id: "txn_charge", object: "balance_transaction", type: "charge", source: "ch_settle", amount: 1778, fee: 56, net: 1722,
        currency: "eur", exchange_rate: null, status: "pending", available_on: now + 86400 * 2, created: now,
      })
      // The charge event may come before the payment: the transaction waits in its table, found by charge id.
      expect(await applied(stripeEvent("charge.succeeded", { id: "ch_settle", object: "charge", balance_transaction: "txn_charge", payment_intent: "pi_settle", amount: 1778, currency: "eur" }))).toEqual(
        expect.objectContaining({ status: "processed" })
      )
      await applied(
        stripeEvent("payment_intent.succeeded", {
          id: "pi_settle", object: "payment_intent", amount: 1778, amount_received: 1778, currency: "eur", status: "succeeded", latest_charge: "ch_settle", created: now,
          metadata: { invoice_id: invoice.id },
        })
      )
      const [listed] = (await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.payments
      const payment = (await api.get(`/admin/billing/payments/${listed.id}`, { headers })).data.payment
      expect(payment.stripe_balance_transactions).toEqual([expect.objectContaining({ external_id: "txn_charge", amount: 17.78, fee: 0.56, net: 17.22, currency_code: "eur" })])

      // A payout of 150 transactions (two pages), paid and then failed; the events arrive newest first.
      for (let i = 0; i < 150; i++) {
        fake.state.balanceTransactions.push({
          id: `txn_po_${i}`, object: "balance_transaction", type: "charge", source: `ch_po_${i}`, amount: 1000, fee: 30, net: 970,
          currency: "eur", status: "available", created: now - 3600 - i, payout: "po_1",
        })
      }
      const payout = { id: "po_1", object: "payout", amount: 145500, currency: "eur", arrival_date: now, status: "paid" }
      const failedLater = stripeEvent("payout.failed", { ...payout, status: "failed", failure_code: "account_closed", failure_message: "The bank account has been closed" }, { created: now + 60 })
      const paidFirst = stripeEvent("payout.paid", payout, { created: now })
      expect(await applied(failedLater)).toEqual(expect.objectContaining({ status: "processed" }))
      expect(await applied(paidFirst)).toEqual(expect.objectContaining({ status: "processed" }))
      const { data } = await api.get("/admin/billing/stripe/payouts/po_1", { headers })
      expect(data.payout).toEqual(expect.objectContaining({ status: "failed", failure_code: "account_closed", amount: 1455, transaction_count: 150 }))
      expect(data.payout.balance_transactions).toHaveLength(150)
      expect(new Set(data.payout.balance_transactions.map((t: any) => t.charge_id)).size).toBe(150)
      expect(fake.requests.filter((r) => r.path === "/v1/balance_transactions").length).toBeGreaterThanOrEqual(2)
      expect((await api.get("/admin/billing/stripe/payouts", { headers })).data.count).toBe(1)
      expect((await refuse(api.get("/admin/billing/stripe/payouts/po_missing", { headers }))).status).toBe(404)
    })

    it("reconciles a paid payout: each balance transaction with its payment or refund, the differences as exceptions to resolve", async () => {
      const container = getContainer()
      const { customer, invoice } = await customerWithInvoice("payout@example.com")
      const now = Math.floor(Date.now() / 1000)
      // The invoice paid through a payment link, then partly refunded in the Stripe dashboard.
      await applied(
        stripeEvent("payment_intent.succeeded", {
          id: "pi_po", object: "payment_intent", amount: 1778, amount_received: 1778, currency: "eur", status: "succeeded", latest_charge: "ch_po", created: now,
          metadata: { invoice_id: invoice.id },
        })
      )
      await applied(stripeEvent("refund.created", { id: "re_po", object: "refund", amount: 500, currency: "eur", status: "succeeded", charge: "ch_po", payment_intent: "pi_po", created: now }))
      const txn = (id: string, type: string, source: string, amount: number, fee: number) => ({
        id, object: "balance_transaction", type, source, amount, fee, net: amount - fee, currency: "eur", status: "available", created: now - 60, payout: "po_rec",
      })
      fake.state.balanceTransactions.push(
        txn("txn_po_charge", "charge", "ch_po", 1778, 56),
        txn("txn_po_refund", "refund", "re_po", -500, 0),
        // A charge billing never heard of.
        txn("txn_po_stranger", "charge", "ch_stranger", 2000, 60)
      )
      const payout = { id: "po_rec", object: "payout", amount: 1778 - 56 - 500 + 2000 - 60, currency: "eur", arrival_date: now, status: "paid" }
      await applied(stripeEvent("payout.paid", payout, { created: now }))

      const started = await api.post("/admin/billing/reconciliations", { kind: "stripe_payout", payout_id: "po_rec" }, { headers })
      expect(started.status).toBe(202)
      const run = await eventually(async () => {
        const { reconciliation } = (await api.get(`/admin/billing/reconciliations/${started.data.reconciliation.id}`, { headers })).data
        return reconciliation.status !== "running" ? reconciliation : null
      })
      expect(run).toEqual(expect.objectContaining({ status: "completed", matched_count: 2, exception_count: 1, progress_total: 3 }))
      expect(run.summary).toEqual(expect.objectContaining({ payouts: 1, balance_transactions: 3, matched_lines: 2 }))
      const matches = (await api.get(`/admin/billing/reconciliations/${run.id}/matches`, { headers })).data.matches
      expect(matches.map((m: any) => m.target_type).sort()).toEqual(["payment", "refund"])
      const [stranger] = (await api.get(`/admin/billing/reconciliations/${run.id}/exceptions`, { headers })).data.exceptions
      expect(stranger).toEqual(expect.objectContaining({ type: "stripe_line_unrecorded", actual_amount: 20, actions: ["link", "explain"] }))
      expect(stranger.links).toEqual(expect.objectContaining({ balance_transaction_id: "txn_po_stranger", payout_id: "po_rec", source_id: "ch_stranger" }))
      const explained = await api.post(`/admin/billing/exceptions/${stranger.id}/resolve`, { action: "explain", note: "A test charge from the dashboard" }, { headers })
      expect(explained.data.exception).toEqual(expect.objectContaining({ status: "resolved", resolution: expect.objectContaining({ action: "explain" }) }))
      // The nightly job reconciles payouts no run has looked at: this one has been.
      const scheduled = await container.resolve<BillingModuleService>(BILLING_MODULE).listPayoutsToReconcile()
      expect(scheduled).toEqual([])
    })

    it("shows the webhook URL to paste into Stripe and the secrets masked", async () => {
      const { data } = await api.get("/admin/billing/stripe", { headers })
      expect(data.stripe.webhook_url).toMatch(/^http:\/\/[^/]+\/hooks\/billing\/stripe$/)
      expect(data.stripe.webhook_secrets).toEqual(["whsec_…rent", "whsec_…ious"])
      expect(JSON.stringify(data)).not.toContain(SECRET)
      expect(data.stripe.account_id).toBe("acct_merchant")
    })
  },
})

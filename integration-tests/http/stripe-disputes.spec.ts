import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import { adminHeaders } from "../helpers/admin-auth"
import { eventually } from "../helpers/storefront"
import { FakeStripe, startFakeStripe } from "../helpers/fake-stripe"
import { postSignedStripeBody } from "../helpers/stripe-webhook"
import { BILLING_MODULE } from "../../src/modules/billing"
import { buildInvoiceFromOrder } from "../../src/modules/billing/domain/invoice-from-order"
import type BillingModuleService from "../../src/modules/billing/service"

jest.setTimeout(600_000)

const SECRET = "whsec_billing_disputes"
const saved = { ...process.env }
const RUNS = Number(process.env.STRIPE_ORDER_RUNS || 6)

type StripeEvent = { id: string; object: "event"; type: string; api_version: string; created: number; livemode: false; data: { object: Record<string, any> } }
const event = (id: string, type: string, created: number, object: Record<string, any>): StripeEvent => ({
  id, object: "event", type, api_version: "2025-10-29", created, livemode: false, data: { object },
})

/** What a scenario varies: amounts in cents, and how its refund, dispute and payout end. */
type Scenario = { paid: number; refund: number; dispute: number; refundFails: boolean; disputeWon: boolean; payoutFails: boolean }

/**
 * Every event Stripe sends for one payment through a billing payment link, then a refund, a
 * dispute and the payout that carried the charge, as Stripe would send them (each event carries
 * the object as it was then). `x` makes the ids unique.
 */
function scenarioEvents(x: string, invoiceId: string, s: Scenario, t0: number): StripeEvent[] {
  const charge = `ch_${x}`
  const intent = `pi_${x}`
  const refund = (status: string) => ({ id: `re_${x}`, object: "refund", amount: s.refund, currency: "eur", status, charge, payment_intent: intent, created: t0 + 10 })
  const finalRefund = refund(s.refundFails ? "failed" : "succeeded")
  const withdrawal = { id: `txn_dw_${x}`, object: "balance_transaction", type: "adjustment", reporting_category: "dispute", source: `dp_${x}`, amount: -s.dispute, fee: 1500, net: -s.dispute - 1500, currency: "eur", status: "available", created: t0 + 31 }
  const reinstatement = { ...withdrawal, id: `txn_dr_${x}`, reporting_category: "dispute_reversal", amount: s.dispute, fee: -1500, net: s.dispute + 1500, created: t0 + 40 }
  const dispute = (status: string, txns: Record<string, any>[]) => ({
    id: `dp_${x}`, object: "dispute", amount: s.dispute, currency: "eur", charge, payment_intent: intent, reason: "fraudulent", status,
    balance_transactions: txns, evidence_details: { due_by: t0 + 86400 * 7 }, created: t0 + 30,
  })
  const closed = s.disputeWon ? dispute("won", [withdrawal, reinstatement]) : dispute("lost", [withdrawal])
  const payout = { id: `po_${x}`, object: "payout", amount: s.paid, currency: "eur", arrival_date: t0 + 86400, status: "paid" }
  return [
    event(`evt_${x}_pi`, "payment_intent.succeeded", t0, {
      id: intent, object: "payment_intent", amount: s.paid, amount_received: s.paid, currency: "eur", status: "succeeded", latest_charge: charge, created: t0,
      metadata: { invoice_id: invoiceId },
    }),
    event(`evt_${x}_ch`, "charge.succeeded", t0 + 1, { id: charge, object: "charge", amount: s.paid, currency: "eur", payment_intent: intent, balance_transaction: `txn_ch_${x}` }),
    event(`evt_${x}_re1`, "refund.created", t0 + 10, refund("pending")),
    event(`evt_${x}_re2`, s.refundFails ? "refund.failed" : "refund.updated", t0 + 20, finalRefund),
    event(`evt_${x}_chr`, "charge.refunded", t0 + 20, { id: charge, object: "charge", payment_intent: intent, amount_refunded: s.refundFails ? 0 : s.refund, refunds: { object: "list", data: [finalRefund] } }),
    event(`evt_${x}_dp1`, "charge.dispute.created", t0 + 30, dispute("needs_response", [])),
    event(`evt_${x}_dp2`, "charge.dispute.funds_withdrawn", t0 + 31, dispute("needs_response", [withdrawal])),
    event(`evt_${x}_dp3`, "charge.dispute.updated", t0 + 35, dispute("under_review", [withdrawal])),
    event(`evt_${x}_dp4`, "charge.dispute.closed", t0 + 40, closed),
    ...(s.disputeWon ? [event(`evt_${x}_dp5`, "charge.dispute.funds_reinstated", t0 + 40, closed)] : []),
    event(`evt_${x}_po1`, "payout.paid", t0 + 50, payout),
    ...(s.payoutFails ? [event(`evt_${x}_po2`, "payout.failed", t0 + 60, { ...payout, status: "failed", failure_code: "account_closed" })] : []),
  ]
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let fake: FakeStripe

    beforeAll(async () => {
      fake = await startFakeStripe()
      Object.assign(process.env, fake.env(), { BILLING_STRIPE_WEBHOOK_SECRETS: SECRET })
    })
    afterAll(async () => {
      process.env = saved
      await fake.close()
    })
    beforeEach(async () => {
      ;({ headers } = await adminHeaders(getContainer()))
    })

    const deliver = async (e: StripeEvent) => {
      const res = await postSignedStripeBody(api, JSON.stringify(e), { secret: SECRET })
      expect(res.status).toBe(200)
    }
    const billing = () => getContainer().resolve<BillingModuleService>(BILLING_MODULE)
    /** Waits until every stored event is applied or ignored; returns their statuses. */
    const settled = async (eventIds: string[], timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs
      let rows: any[] = []
      while (Date.now() < deadline) {
        rows = await billing().listStripeEvents({ event_id: eventIds }, { select: ["event_id", "type", "status", "last_error"] })
        if (rows.length === eventIds.length && rows.every((r) => r.status === "processed" || r.status === "ignored")) return rows
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`Events not applied after ${timeoutMs} ms: ${JSON.stringify(rows.filter((r) => r.status !== "processed" && r.status !== "ignored"))} (${rows.length}/${eventIds.length} stored)`)
    }

    /** Waits until an event has been tried once: applied, ignored, or waiting for its payment. */
    const tried = (eventId: string) =>
      eventually(async () => {
        const [row] = await billing().listStripeEvents({ event_id: eventId }, { select: ["status"] })
        return row && row.status !== "pending" ? row : null
      }, 60_000)

    /** A customer with one issued invoice of `total` EUR. */
    async function customerWithInvoice(email: string, total: string) {
      const customer = await getContainer().resolve(Modules.CUSTOMER).createCustomers({ email })
      const draft = await billing().createDraftInvoice({
        ...buildInvoiceFromOrder({
          currency_code: "eur",
          total,
          items: [{ id: `line_${email}`, title: "Item", quantity: 1, unit_price: total, subtotal: total, discount_subtotal: 0, tax_lines: [] }],
          shipping_methods: [],
        }),
        customer_id: customer.id,
        payment_terms_days: 14,
        origin: "manual",
      } as any)
      const invoice = await billing().issueInvoice(draft.id)
      return { customer, invoice }
    }

    /** The money state of a customer, without ids or times: what must not depend on delivery order. */
    async function moneyState(customerId: string, x: string) {
      const [invoice] = await billing().listInvoices({ customer_id: customerId }, { select: ["status", "amount_paid", "amount_due", "dispute_status"] })
      const [payment] = await billing().listBillingPayments({ customer_id: customerId })
      const detail = payment ? (await api.get(`/admin/billing/payments/${payment.id}`, { headers })).data.payment : null
      const { statement } = (await api.get(`/admin/customers/${customerId}/statement?currency_code=eur`, { headers })).data
      const [payout] = await billing().listStripePayouts({ external_id: `po_${x}` })
      return {
        invoice: { status: invoice.status, paid: Number(invoice.amount_paid), due: Number(invoice.amount_due), dispute: invoice.dispute_status },
        payment: detail && {
          amount: detail.amount, allocated: detail.amount_allocated, refunded: detail.amount_refunded, disputed: detail.amount_disputed, unapplied: detail.amount_unapplied,
          refunds: detail.refunds.map((r: any) => [r.amount, !!r.canceled_at]).sort(),
          disputes: detail.disputes.map((d: any) => [d.status, d.outcome, d.amount_withdrawn, d.amount_reinstated, d.fee]),
          stripe_transactions: detail.stripe_balance_transactions.map((t: any) => [t.type, t.amount, t.fee]).sort(),
        },
        ledger: { closing: statement.closing_balance, lines: statement.entries.map((e: any) => [e.type, e.debit, e.credit]).sort() },
        payout: payout && { status: payout.status, transactions: payout.transaction_count },
      }
    }

    /** Seeds the fake Stripe with the charge's balance transaction and the payout's transactions. */
    function seedStripe(x: string, s: Scenario, t0: number) {
      fake.state.balanceTransactions.push(
        { id: `txn_ch_${x}`, object: "balance_transaction", type: "charge", source: `ch_${x}`, amount: s.paid, fee: 90, net: s.paid - 90, currency: "eur", status: "available", created: t0, payout: `po_${x}` },
        { id: `txn_po_${x}`, object: "balance_transaction", type: "payout", source: `po_${x}`, amount: -(s.paid - 90), fee: 0, net: -(s.paid - 90), currency: "eur", status: "available", created: t0 + 50, payout: `po_${x}` }
      )
    }

    it("shows a dispute on the invoice and in the ledger: funds withdrawn reopen the invoice, a won dispute pays it again, a lost one leaves it owed", async () => {
      const t0 = Math.floor(Date.now() / 1000) - 3600
      const won: Scenario = { paid: 3000, refund: 500, dispute: 2000, refundFails: false, disputeWon: true, payoutFails: false }
      const { customer, invoice } = await customerWithInvoice("dispute-won@example.com", "25.00")
      seedStripe("won", won, t0)
      const events = scenarioEvents("won", invoice.id, won, t0)
      const byType = (type: string) => events.find((e) => e.type === type)!

      // The dispute arrives before the payment: it waits, and is applied as soon as the payment is recorded.
      await deliver(byType("charge.dispute.created"))
      const [waiting] = await eventually(async () => {
        const rows = await billing().listStripeEvents({ event_id: byType("charge.dispute.created").id })
        return rows[0]?.status === "waiting" ? rows : null
      })
      expect(waiting.last_error).toMatch(/No payment for charge ch_won/)
      await deliver(byType("payment_intent.succeeded"))
      await settled([byType("charge.dispute.created").id, byType("payment_intent.succeeded").id])
      let state = await moneyState(customer.id, "won")
      expect(state.invoice).toEqual({ status: "paid", paid: 25, due: 0, dispute: "open" })
      expect(state.payment).toEqual(expect.objectContaining({ amount: 30, allocated: 25, disputed: 0, unapplied: 5 }))

      // Funds withdrawn (20.00, with a 15.00 fee): the 5.00 credit first, then 15.00 of the invoice.
      await deliver(byType("charge.dispute.funds_withdrawn"))
      await settled([byType("charge.dispute.funds_withdrawn").id])
      state = await moneyState(customer.id, "won")
      expect(state.invoice).toEqual({ status: "partially_paid", paid: 10, due: 15, dispute: "open" })
      expect(state.payment).toEqual(expect.objectContaining({ allocated: 10, disputed: 20, unapplied: 0 }))
      expect(state.payment!.disputes).toEqual([["needs_response", "open", 20, 0, 15]])
      expect(state.payment!.stripe_transactions).toEqual([["dispute", -20, 15]])
      expect(state.ledger.closing).toBe("15")
      expect(state.ledger.lines).toContainEqual(["dispute_withdrawn", "20", "0"])
      const activity = (await api.get(`/admin/invoices/${invoice.id}`, { headers })).data.invoice
      expect(activity.dispute_status).toBe("open")

      // Won: funds reinstated pay the invoice again; the fee comes back; the dispute is closed.
      await deliver(byType("charge.dispute.closed"))
      await deliver(byType("charge.dispute.funds_reinstated"))
      await deliver(byType("charge.dispute.closed"))
      await settled([byType("charge.dispute.closed").id, byType("charge.dispute.funds_reinstated").id])
      state = await moneyState(customer.id, "won")
      expect(state.invoice).toEqual({ status: "paid", paid: 25, due: 0, dispute: "won" })
      expect(state.payment).toEqual(expect.objectContaining({ allocated: 25, disputed: 0, unapplied: 5 }))
      expect(state.payment!.disputes).toEqual([["won", "won", 20, 20, 0]])
      expect(state.ledger.closing).toBe("-5")
      expect(state.ledger.lines).toEqual(
        expect.arrayContaining([["dispute_withdrawn", "20", "0"], ["dispute_reinstated", "0", "20"], ["invoice", "25", "0"], ["payment", "0", "30"]])
      )

      // Lost: the withdrawn money stays withdrawn and the invoice is owed again.
      const lost: Scenario = { ...won, disputeWon: false }
      const other = await customerWithInvoice("dispute-lost@example.com", "25.00")
      seedStripe("lost", lost, t0)
      const lostEvents = scenarioEvents("lost", other.invoice.id, lost, t0).filter((e) => e.type.startsWith("payment_intent") || e.type.startsWith("charge.dispute"))
      for (const e of lostEvents) await deliver(e)
      await settled(lostEvents.map((e) => e.id))
      state = await moneyState(other.customer.id, "lost")
      expect(state.invoice).toEqual({ status: "partially_paid", paid: 10, due: 15, dispute: "lost" })
      expect(state.payment).toEqual(expect.objectContaining({ allocated: 10, disputed: 20, unapplied: 0 }))
      expect(state.payment!.disputes).toEqual([["lost", "lost", 20, 0, 15]])
      expect(state.ledger.closing).toBe("15")

      // The customer's balance counts the chargeback as owed again.
      const balances = (await api.get(`/admin/customers/${other.customer.id}/billing`, { headers })).data
      expect(JSON.stringify(balances)).toContain('"amount_due":"15"')
    })

    it("ends in the same state whatever the order and duplication of a payment's signed events (refund, dispute, payout)", async () => {
      const base = Math.floor(Date.now() / 1000) - 7200
      let run = 0
      const scenario = fc
        .record({
          paid: fc.integer({ min: 2600, max: 6000 }),
          refundShare: fc.integer({ min: 1, max: 40 }),
          disputeShare: fc.integer({ min: 1, max: 100 }),
          refundFails: fc.boolean(),
          disputeWon: fc.boolean(),
          payoutFails: fc.boolean(),
        })
        .map(({ paid, refundShare, disputeShare, ...rest }): Scenario => {
          const refund = Math.max(1, Math.floor((paid * refundShare) / 100))
          return { paid, refund, dispute: Math.max(1, Math.floor(((paid - refund) * disputeShare) / 100)), ...rest }
        })
      await fc.assert(
        fc.asyncProperty(scenario, fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.array(fc.nat(), { maxLength: 4 }), async (s, shuffleSeed, duplicates) => {
          run++
          const t0 = base + run * 1000
          // The same events twice: once each in order; once shuffled with duplicates.
          const inOrder = await customerWithInvoice(`order-${run}@example.com`, "25.00")
          const shuffled = await customerWithInvoice(`shuffled-${run}@example.com`, "25.00")
          const xo = `o${run}`
          const xs = `s${run}`
          seedStripe(xo, s, t0)
          seedStripe(xs, s, t0)
          const ordered = scenarioEvents(xo, inOrder.invoice.id, s, t0)
          for (const e of ordered) {
            await deliver(e)
            await settled([e.id])
          }
          const events = scenarioEvents(xs, shuffled.invoice.id, s, t0)
          // ~20% duplicates, then a deterministic shuffle from the generated seed.
          const deliveries = [...events, ...events.filter((_, i) => i % 5 === run % 5), ...duplicates.map((d) => events[d % events.length])]
          let seed = shuffleSeed || 1
          for (let i = deliveries.length - 1; i > 0; i--) {
            seed = (seed * 1103515245 + 12345) % 2 ** 31
            const j = seed % (i + 1)
            ;[deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]]
          }
          // One at a time, each applied (or waiting for its payment) before the next: the permutation is the order applied.
          for (const e of deliveries) {
            await deliver(e)
            await tried(e.id)
          }
          await settled(events.map((e) => e.id))
          const expected = await moneyState(inOrder.customer.id, xo)
          const actual = await moneyState(shuffled.customer.id, xs)
          expect(actual).toEqual(expected)
          // DESIGN rule 5 holds at the end: the ledger sums to what is owed less credit.
          expect(Number(expected.ledger.closing)).toBeCloseTo(expected.invoice.due - (expected.payment?.unapplied ?? 0), 2)
          expect(expected.payment!.amount).toBeCloseTo(
            expected.payment!.allocated + expected.payment!.unapplied + expected.payment!.refunded + expected.payment!.disputed,
            2
          )
        }),
        { numRuns: RUNS }
      )
    })
  },
})

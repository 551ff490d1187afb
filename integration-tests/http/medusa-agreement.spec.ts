import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { capturePaymentWorkflow, createOrUpdateOrderPaymentCollectionWorkflow, refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { BILLING_MODULE } from "../../src/modules/billing"
import type BillingModuleService from "../../src/modules/billing/service"
import { syncOrderPayments } from "../../src/workflows/utils/order-payments"
import { applyStripeEvent } from "../../src/workflows/utils/stripe-events"
import { refuse, SUBSCRIBERS_TIMEOUT } from "../helpers/billing"
import { useBillingFixture } from "../helpers/fixtures"

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    // Its orders are paid "later" with the system provider: authorized in Medusa, not captured.
    const { headers, customer, orderWithInvoice } = useBillingFixture(
      { api, getContainer },
      { customer: { email: "payer@example.com", first_name: "Pay", last_name: "Er" } }
    )

    const bus = () => getContainer().resolve(Modules.EVENT_BUS)
    /** Resolves once every subscriber of each event has run (set up before what emits them). */
    const settled = (...events: string[]) => Promise.all(events.map((e) => TestEventUtils.waitSubscribersExecution(e, bus(), { timeout: SUBSCRIBERS_TIMEOUT })))

    const invoiceOf = async (id: string) => (await api.get(`/admin/invoices/${id}`, { headers })).data.invoice
    const paymentsOfCustomer = async () =>
      (await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers })).data.payments as any[]
    /** The order as Medusa shows it: its payment status and every payment with its captures and refunds. */
    const medusaOrder = async (orderId: string) => {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=id,payment_status`, { headers })
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({
        entity: "order",
        fields: [
          "payment_collections.id",
          "payment_collections.status",
          "payment_collections.payments.id",
          "payment_collections.payments.provider_id",
          "payment_collections.payments.captures.*",
          "payment_collections.payments.refunds.*",
        ],
        filters: { id: orderId },
      })
      const collections = (orders[0] as any).payment_collections as any[]
      const payments = collections.flatMap((c) => c.payments ?? [])
      return {
        payment_status: data.order.payment_status as string,
        collections,
        payments,
        captures: payments.flatMap((p: any) => p.captures ?? []),
        refunds: payments.flatMap((p: any) => p.refunds ?? []),
      }
    }
    const billingRefunds = async () => getContainer().resolve<BillingModuleService>(BILLING_MODULE).listPaymentRefunds({})

    /** Captures the order's Medusa payment and waits until billing recorded it. */
    const captureInMedusa = async (orderId: string) => {
      const [payment] = (await medusaOrder(orderId)).payments
      const done = settled("payment.captured")
      await capturePaymentWorkflow(getContainer()).run({ input: { payment_id: payment.id } })
      await done
      const [billingPayment] = await paymentsOfCustomer()
      expect(billingPayment).toEqual(expect.objectContaining({ source: "medusa", amount: 17.78, amount_allocated: 17.78 }))
      return { medusaPaymentId: payment.id as string, billingPayment }
    }

    describe("refunds of payments captured through Medusa", () => {
      it("go back through Medusa's refund: the order shows it, billing records it once under Medusa's refund id, and the invoice owes it again", async () => {
        const { orderId, invoice } = await orderWithInvoice()
        const { billingPayment } = await captureInMedusa(orderId)
        expect((await invoiceOf(invoice.id)).status).toBe("paid")

        const done = settled("payment.refunded", "payment.refund.created")
        const { status, data } = await api.post(
          `/admin/billing/payments/${billingPayment.id}/refunds`,
          { amount: 5, reason: "Damaged box" },
          { headers }
        )
        await done
        expect(status).toBe(201)

        const medusa = await medusaOrder(orderId)
        expect(medusa.refunds).toEqual([expect.objectContaining({ amount: 5, note: "Damaged box" })])
        expect(medusa.payment_status).toBe("partially_refunded")
        expect(data.payment).toEqual(expect.objectContaining({ amount_refunded: 5, amount_allocated: 12.78 }))
        expect(data.payment.refunds).toEqual([
          expect.objectContaining({ amount: 5, reason: "Damaged box", source: "medusa", external_id: medusa.refunds[0].id }),
        ])
        expect(await invoiceOf(invoice.id)).toEqual(expect.objectContaining({ status: "partially_paid", amount_due: 5 }))

        // The refund events already ran the sync; running it again records nothing more.
        await syncOrderPayments(getContainer(), orderId)
        expect(await billingRefunds()).toHaveLength(1)
        expect((await paymentsOfCustomer()).map((p) => [p.amount, p.amount_refunded])).toEqual([[17.78, 5]])
      })

      it("are one refund when Stripe announces Medusa's refund before Medusa's own event reaches billing", async () => {
        const { orderId, invoice } = await orderWithInvoice()
        const { medusaPaymentId, billingPayment } = await captureInMedusa(orderId)
        // As with Medusa's Stripe provider: the billing payment knows its PaymentIntent.
        const billing = getContainer().resolve<BillingModuleService>(BILLING_MODULE)
        await billing.updateBillingPayments({ id: billingPayment.id, stripe_payment_intent_id: "pi_medusa_first" } as any)

        // Stripe's refund.created for the refund Medusa is making arrives first: recorded from Stripe.
        const now = Math.floor(Date.now() / 1000)
        const stripeRefund = { id: "re_medusa_first", object: "refund", amount: 500, currency: "eur", status: "succeeded", charge: "ch_medusa_first", payment_intent: "pi_medusa_first", created: now }
        await applyStripeEvent(getContainer(), { id: "evt_medusa_first", type: "refund.created", created: now, data: { object: stripeRefund } })
        expect((await billingRefunds()).map((r: any) => [r.source, r.external_id])).toEqual([["stripe", "re_medusa_first"]])

        // Then Medusa's own refund of the same 5.00: the sync ties it to Stripe's, nothing is counted twice.
        const done = settled("payment.refunded")
        await refundPaymentWorkflow(getContainer()).run({ input: { payment_id: medusaPaymentId, amount: 5, note: "Damaged box" } })
        await done
        await syncOrderPayments(getContainer(), orderId)
        const medusa = await medusaOrder(orderId)
        expect((await billingRefunds()).map((r: any) => [r.source, r.external_id, r.provider_refund_id, Number(r.amount)])).toEqual([
          ["medusa", medusa.refunds[0].id, "re_medusa_first", 5],
        ])
        expect((await paymentsOfCustomer()).map((p) => [p.amount, p.amount_refunded])).toEqual([[17.78, 5]])
        expect(await invoiceOf(invoice.id)).toEqual(expect.objectContaining({ status: "partially_paid", amount_due: 5 }))

        // Stripe's later refund.updated for it changes nothing.
        await applyStripeEvent(getContainer(), { id: "evt_medusa_first_2", type: "refund.updated", created: now + 5, data: { object: stripeRefund } })
        expect(await billingRefunds()).toHaveLength(1)
      })

      it("keep the credit note they pay out", async () => {
        const { orderId, invoice } = await orderWithInvoice()
        const { billingPayment } = await captureInMedusa(orderId)
        const creditNote = (
          await api.post(`/admin/invoices/${invoice.id}/credit-notes`, { reason: "Goodwill", amount: 3 }, { headers })
        ).data.credit_note

        const done = settled("payment.refund.created")
        const { data } = await api.post(
          `/admin/billing/payments/${billingPayment.id}/refunds`,
          { amount: 3, reason: "Goodwill", credit_note_id: creditNote.id },
          { headers }
        )
        await done
        const medusa = await medusaOrder(orderId)
        expect(medusa.refunds).toEqual([expect.objectContaining({ amount: 3 })])
        expect(await billingRefunds()).toEqual([
          expect.objectContaining({ credit_note_id: creditNote.id, reason: "Goodwill", external_id: medusa.refunds[0].id }),
        ])
        expect(data.payment.amount_refunded).toBe(3)
      })

      it("are refused above what was captured, with nothing changed in billing or Medusa", async () => {
        const { orderId, invoice } = await orderWithInvoice()
        const { billingPayment } = await captureInMedusa(orderId)

        const res = await refuse(api.post(`/admin/billing/payments/${billingPayment.id}/refunds`, { amount: 20 }, { headers }))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/At most 17.78 of this payment can be refunded, not 20/)

        const medusa = await medusaOrder(orderId)
        expect(medusa.refunds).toEqual([])
        expect(medusa.payment_status).toBe("captured")
        expect(await billingRefunds()).toEqual([])
        expect((await paymentsOfCustomer())[0]).toEqual(expect.objectContaining({ amount_refunded: 0, amount_allocated: 17.78 }))
        expect(await invoiceOf(invoice.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
      })

      it("stay manual for money received outside Medusa", async () => {
        const { orderId } = await orderWithInvoice()
        const done = settled("billing.payment.recorded")
        const payment = (
          await api.post(
            "/admin/billing/payments",
            { customer_id: customer.id, currency_code: "eur", method: "bank_transfer", amount: 30, allocate: "none" },
            { headers }
          )
        ).data.payment
        await done
        const { data } = await api.post(`/admin/billing/payments/${payment.id}/refunds`, { amount: 30, reason: "Paid twice" }, { headers })
        expect(data.payment.refunds).toEqual([expect.objectContaining({ amount: 30, source: "manual", external_id: null })])
        expect((await medusaOrder(orderId)).refunds).toEqual([])
      })
    })

    describe("an order paid in billing outside Medusa", () => {
      /** Records a bank transfer and waits until billing has shown it in Medusa where it could. */
      const bankTransfer = async (amount: number) => {
        const done = settled("billing.payment.recorded")
        const { data } = await api.post(
          "/admin/billing/payments",
          { customer_id: customer.id, currency_code: "eur", method: "bank_transfer", amount, reference: "SEPA 4711" },
          { headers }
        )
        await done
        return data.payment
      }

      it("is marked paid in Medusa by capturing its 'pay later' authorization, and stays one billing payment after replays", async () => {
        const { orderId, invoice } = await orderWithInvoice()
        expect((await medusaOrder(orderId)).payment_status).toBe("authorized")

        const captured = settled("payment.captured")
        const payment = await bankTransfer(17.78)
        await captured

        expect(await invoiceOf(invoice.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
        const medusa = await medusaOrder(orderId)
        expect(medusa.payment_status).toBe("captured")
        // The capture names the bank transfer it shows: it is that money, not another payment.
        expect(medusa.captures).toEqual([expect.objectContaining({ created_by: payment.id })])

        // Medusa announces the capture again and the order's payments are synced again: nothing changes.
        const again = settled("payment.captured")
        await bus().emit({ name: "payment.captured", data: { id: medusa.payments[0].id } })
        await again
        await syncOrderPayments(getContainer(), orderId)

        const payments = await paymentsOfCustomer()
        expect(payments).toHaveLength(1)
        expect(payments[0]).toEqual(
          expect.objectContaining({ id: payment.id, source: "manual", method: "bank_transfer", amount: 17.78, amount_allocated: 17.78, amount_unapplied: 0 })
        )
        expect(await invoiceOf(invoice.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
        expect((await medusaOrder(orderId)).payment_status).toBe("captured")
      })

      it("is marked paid with Medusa's Mark as paid when its payment collection waits for a payment", async () => {
        const { orderId, invoice } = await orderWithInvoice()
        // As after an order edit: the authorization is canceled and a new collection waits for the whole amount.
        await createOrUpdateOrderPaymentCollectionWorkflow(getContainer()).run({ input: { order_id: orderId } })
        const before = await medusaOrder(orderId)
        expect(before.collections.map((c) => c.status).sort()).toEqual(["canceled", "not_paid"])

        const captured = settled("payment.captured")
        const payment = await bankTransfer(17.78)
        await captured

        const medusa = await medusaOrder(orderId)
        expect(medusa.payment_status).toBe("captured")
        expect(medusa.collections.map((c) => c.status).sort()).toEqual(["canceled", "completed"])
        expect(medusa.captures).toEqual([expect.objectContaining({ created_by: payment.id })])
        await syncOrderPayments(getContainer(), orderId)
        expect(await paymentsOfCustomer()).toEqual([expect.objectContaining({ id: payment.id, amount: 17.78, amount_allocated: 17.78 })])
        expect(await invoiceOf(invoice.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
      })

      it("is not marked paid in Medusa by a partial transfer, and is by the transfer that completes it", async () => {
        const { orderId, invoice } = await orderWithInvoice()

        await bankTransfer(10)
        expect(await invoiceOf(invoice.id)).toEqual(expect.objectContaining({ status: "partially_paid", amount_due: 7.78 }))
        const waiting = await medusaOrder(orderId)
        expect(waiting.payment_status).toBe("authorized")
        expect(waiting.captures).toEqual([])

        const captured = settled("payment.captured")
        const rest = await bankTransfer(7.78)
        await captured
        expect(await invoiceOf(invoice.id)).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
        const medusa = await medusaOrder(orderId)
        expect(medusa.payment_status).toBe("captured")
        expect(medusa.captures).toEqual([expect.objectContaining({ created_by: rest.id })])
        await syncOrderPayments(getContainer(), orderId)
        expect((await paymentsOfCustomer()).map((p) => [p.source, p.amount]).sort()).toEqual([
          ["manual", 10],
          ["manual", 7.78],
        ])
      })
    })
  },
})

import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import {
  beginOrderEditOrderWorkflow,
  cancelOrderWorkflow,
  capturePaymentWorkflow,
  refundPaymentWorkflow,
  confirmOrderEditRequestWorkflow,
  createAndCompleteReturnOrderWorkflow,
  createOrderFulfillmentWorkflow,
  orderEditAddNewItemWorkflow,
  orderEditUpdateItemQuantityWorkflow,
  requestOrderEditRequestWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { roundAmount } from "../../src/modules/billing/domain/money"
import { documentsOf, placeOrderAndSettle, refuse, waitForDocuments, SUBSCRIBERS_TIMEOUT } from "../helpers/billing"
import { useBillingFixture } from "../helpers/fixtures"
import { eventually } from "../helpers/storefront"

jest.setTimeout(180_000)

const year = new Date().getUTCFullYear()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const { store, headers } = useBillingFixture({ api, getContainer })

    const invoiceOf = async (orderId: string) => {
      const [listed] = await waitForDocuments(api, headers, orderId)
      return (await api.get(`/admin/invoices/${listed.id}`, { headers })).data.invoice
    }
    /** Invoices minus credit notes of the order, and the order's current total, both rounded to the currency. */
    const balanceOf = async (orderId: string) => {
      const docs = (await documentsOf(api, headers, orderId)).filter((d: any) => d.status !== "draft" && d.status !== "void")
      const net = docs.reduce((acc: any, d: any) => MathBN.add(acc, d.type === "credit_note" ? -d.total : d.total), MathBN.convert(0))
      const { data } = await getContainer().resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "order",
        fields: ["total", "currency_code", "status"],
        filters: { id: orderId },
      })
      const orderTotal = data[0].status === "canceled" ? 0 : roundAmount(data[0].total, data[0].currency_code).toNumber()
      return { documented: Number(net.toFixed(2)), order: orderTotal, docs }
    }
    const settle = (event: string) =>
      TestEventUtils.waitSubscribersExecution(event, getContainer().resolve(Modules.EVENT_BUS), { timeout: SUBSCRIBERS_TIMEOUT })

    describe("credit notes from the admin", () => {
      it("credits lines by quantity, with its own number series, and lowers what the invoice owes", async () => {
        const orderId = await placeOrderAndSettle(getContainer(), store, {
          items: [{ handle: "notebook", quantity: 5 }, { handle: "coffee-mug", quantity: 3 }],
        })
        const invoice = await invoiceOf(orderId)
        const notebook = invoice.lines.find((l: any) => l.title === "Notebook")
        const { data, status } = await api.post(
          `/admin/invoices/${invoice.id}/credit-notes`,
          { reason: "Two notebooks damaged", lines: [{ line_id: notebook.id, quantity: 2 }] },
          { headers }
        )
        expect(status).toBe(201)
        // 2 × 9.99 = 19.98 + 19 % (3.80) = 23.78
        expect(data.credit_note).toEqual(
          expect.objectContaining({ type: "credit_note", status: "issued", number: `CN-${year}-000001`, total: 23.78, original_invoice_id: invoice.id, reason: "Two notebooks damaged" })
        )
        expect(data.invoice).toEqual(expect.objectContaining({ amount_credited: 23.78, amount_due: 86.18, status: "open" }))
        // Its PDF is stored just after issue.
        await eventually(async () => (await api.get(`/admin/invoices/${data.credit_note.id}`, { headers })).data.invoice.pdf_file_id)

        const rest = await api.post(
          `/admin/invoices/${invoice.id}/credit-notes`,
          { reason: "Rest of the notebooks", lines: [{ line_id: notebook.id, quantity: 3 }] },
          { headers }
        )
        // The whole line is credited exactly: 59.44 in all.
        expect(MathBN.add(23.78, rest.data.credit_note.total).toNumber()).toBe(notebook.total)
        const tooMany = await refuse(
          api.post(`/admin/invoices/${invoice.id}/credit-notes`, { reason: "Again", lines: [{ line_id: notebook.id, quantity: 1 }] }, { headers })
        )
        expect(tooMany.status).toBe(400)
        expect(tooMany.data.message).toMatch(/Only 0 of "Notebook" can still be credited/)
      })

      it("credits an amount spread over the tax rates, and refuses more than is left, taking no number", async () => {
        const orderId = await placeOrderAndSettle(getContainer(), store)
        const invoice = await invoiceOf(orderId) // 9.99 + 4.95 shipping + 19 % = 17.78
        const { data } = await api.post(`/admin/invoices/${invoice.id}/credit-notes`, { reason: "Goodwill", amount: 5 }, { headers })
        expect(data.credit_note.total).toBe(5)
        expect(data.credit_note.tax_total).toBe(0.8)
        const tooMuch = await refuse(
          api.post(`/admin/invoices/${invoice.id}/credit-notes`, { reason: "Too much", amount: 12.79 }, { headers })
        )
        expect(tooMuch.status).toBe(400)
        expect(tooMuch.data.message).toMatch(/can still be credited \(12.78\)/)
        const next = await api.post(`/admin/invoices/${invoice.id}/credit-notes`, { reason: "Rest", amount: 12.78 }, { headers })
        expect(next.data.credit_note.number).toBe(`CN-${year}-000002`)
        expect(next.data.invoice).toEqual(expect.objectContaining({ amount_due: 0, status: "paid" }))
        const voidPaid = await refuse(api.post(`/admin/invoices/${invoice.id}/void`, { reason: "Too late" }, { headers }))
        expect(voidPaid.status).toBe(400)
        expect(voidPaid.data.message).toMatch(/unapply or refund them before voiding, or issue a credit note/)
      })

      it.each([
        [{ amount: 5 }, /reason/],
        [{ reason: "Both", amount: 5, lines: [{ line_id: "x", quantity: 1 }] }, /either lines .* or an amount/],
        [{ reason: "Neither" }, /either lines .* or an amount/],
        [{ reason: "Negative", amount: -1 }, /amount/],
        [{ reason: "Unknown line", lines: [{ line_id: "invl_nope", quantity: 1 }] }, /not a line of this invoice/],
        [{ reason: "Cents", amount: 1.234 }, /more decimals than EUR has/],
      ])("refuses %j with a clear 400 and issues nothing", async (body, message) => {
        const orderId = await placeOrderAndSettle(getContainer(), store)
        const invoice = await invoiceOf(orderId)
        const res = await refuse(api.post(`/admin/invoices/${invoice.id}/credit-notes`, body, { headers }))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(message)
        expect((await documentsOf(api, headers, orderId)).filter((d: any) => d.type === "credit_note")).toHaveLength(0)
      })

      it("refuses to credit a void invoice", async () => {
        const orderId = await placeOrderAndSettle(getContainer(), store)
        const invoice = await invoiceOf(orderId)
        await api.post(`/admin/invoices/${invoice.id}/void`, { reason: "Duplicate" }, { headers })
        const res = await refuse(api.post(`/admin/invoices/${invoice.id}/credit-notes`, { reason: "Wrong", amount: 1 }, { headers }))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/is void/)
      })
    })

    describe("documents follow the order", () => {
      it("credits a canceled order in full, once, however often the event comes", async () => {
        const container = getContainer()
        const orderId = await placeOrderAndSettle(container, store, { items: [{ handle: "medusa-t-shirt", quantity: 2 }] })
        const invoice = await invoiceOf(orderId)
        const canceled = settle("order.canceled")
        await cancelOrderWorkflow(container).run({ input: { order_id: orderId } })
        await canceled
        const again = settle("order.canceled")
        await container.resolve(Modules.EVENT_BUS).emit({ name: "order.canceled", data: { id: orderId } })
        await again

        const { documented, docs } = await balanceOf(orderId)
        expect(documented).toBe(0)
        const creditNotes = docs.filter((d: any) => d.type === "credit_note")
        expect(creditNotes).toHaveLength(1)
        expect(creditNotes[0]).toEqual(expect.objectContaining({ total: invoice.total, reason: "Order canceled", origin: "order_change" }))
      })

      it("credits what an order edit removes and invoices what it adds", async () => {
        const container = getContainer()
        const orderId = await placeOrderAndSettle(container, store, { items: [{ handle: "notebook", quantity: 3 }] })
        await invoiceOf(orderId)
        const query = container.resolve(ContainerRegistrationKeys.QUERY)
        const { data } = await query.graph({ entity: "order", fields: ["items.id"], filters: { id: orderId } })

        const edit = async (change: () => Promise<unknown>) => {
          await beginOrderEditOrderWorkflow(container).run({ input: { order_id: orderId } })
          await change()
          await requestOrderEditRequestWorkflow(container).run({ input: { order_id: orderId } })
          const confirmed = settle("order-edit.confirmed")
          await confirmOrderEditRequestWorkflow(container).run({ input: { order_id: orderId, confirmed_by: "admin" } })
          await confirmed
        }

        await edit(() =>
          orderEditUpdateItemQuantityWorkflow(container).run({ input: { order_id: orderId, items: [{ id: data[0].items[0].id, quantity: 1 }] } })
        )
        let state = await balanceOf(orderId)
        expect(state.documented).toBe(state.order)
        expect(state.docs.map((d: any) => [d.type, d.reason])).toContainEqual(["credit_note", "Order edited"])

        await edit(() =>
          orderEditAddNewItemWorkflow(container).run({ input: { order_id: orderId, items: [{ variant_id: store.variants["coffee-mug"], quantity: 2 }] } })
        )
        state = await balanceOf(orderId)
        expect(state.documented).toBe(state.order)
        const supplementary = state.docs.filter((d: any) => d.type === "invoice" && d.origin === "order_change")
        expect(supplementary).toHaveLength(1)
        expect(supplementary[0].number).toMatch(new RegExp(`^INV-${year}-`))
      })

      it("credits returned items when the return is received, and links Medusa's refund of them to the credit note", async () => {
        const container = getContainer()
        const buyer = await container.resolve(Modules.CUSTOMER).createCustomers({ email: "returns@example.com" })
        const orderId = await placeOrderAndSettle(container, store, {
          email: buyer.email,
          customer_id: buyer.id,
          items: [{ handle: "coffee-mug", quantity: 3 }],
        })
        await invoiceOf(orderId)
        const query = container.resolve(ContainerRegistrationKeys.QUERY)
        const { data } = await query.graph({ entity: "order", fields: ["items.id"], filters: { id: orderId } })
        const itemId = data[0].items[0].id
        await createOrderFulfillmentWorkflow(container).run({ input: { order_id: orderId, items: [{ id: itemId, quantity: 3 }] } })
        const received = settle("order.return_received")
        await createAndCompleteReturnOrderWorkflow(container).run({
          input: {
            order_id: orderId,
            // Medusa's receive_now receives every unit of the returned items, so the test returns all three.
            items: [{ id: itemId, quantity: 3 }],
            return_shipping: { option_id: store.returnShippingOption },
            receive_now: true,
          } as any,
        })
        await received
        const state = await balanceOf(orderId)
        const credit = state.docs.find((d: any) => d.type === "credit_note")
        expect(credit).toEqual(expect.objectContaining({ reason: "Return received" }))
        // Three mugs of 12.50 + 19 % VAT; the shipping stays invoiced.
        expect(credit.total).toBe(44.63)
        expect(state.documented).toBe(state.order)

        // Medusa captures the order and refunds the returned mugs: the billing refund names the credit note.
        const { data: paid } = await query.graph({ entity: "order", fields: ["total", "payment_collections.payments.id"], filters: { id: orderId } })
        const paymentId = paid[0].payment_collections[0].payments[0].id
        await capturePaymentWorkflow(container).run({ input: { payment_id: paymentId } })
        await refundPaymentWorkflow(container).run({ input: { payment_id: paymentId, amount: 44.63 } })
        const refund = await eventually(async () => {
          const payments = (await api.get(`/admin/billing/payments?customer_id=${credit.customer_id}`, { headers })).data.payments
          const detail = payments[0] && (await api.get(`/admin/billing/payments/${payments[0].id}`, { headers })).data.payment
          return detail?.refunds?.[0]?.credit_note_id ? detail.refunds[0] : null
        })
        expect(refund).toEqual(expect.objectContaining({ amount: 44.63, source: "medusa", credit_note_id: credit.id }))
        const main = await invoiceOf(orderId)
        expect(main).toEqual(expect.objectContaining({ status: "paid", amount_due: 0 }))
      })
    })
  },
})

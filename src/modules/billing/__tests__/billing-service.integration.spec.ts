import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "path"
import { BILLING_MODULE } from ".."
import type BillingModuleService from "../service"
import { buildInvoiceFromOrder } from "../domain/invoice-from-order"
import type { CreateDraftInvoiceInput } from "../types"

jest.setTimeout(120_000)

const year = new Date().getUTCFullYear()

function draftFor(orderId: string | null, total = "59.50"): CreateDraftInvoiceInput {
  return {
    ...buildInvoiceFromOrder({
      currency_code: "eur",
      total,
      items: [
        {
          id: "ordli_1",
          title: "T-Shirt",
          quantity: 2,
          unit_price: 25,
          subtotal: 50,
          discount_subtotal: 0,
          tax_lines: [{ code: "DE19", rate: 19 }],
        },
      ],
      shipping_methods: [],
    }),
    order_id: orderId,
    customer_id: "cus_1",
    email: "buyer@example.com",
    payment_terms_days: 14,
  }
}

moduleIntegrationTestRunner<BillingModuleService>({
  moduleName: BILLING_MODULE,
  resolve: path.join(__dirname, ".."),
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service }) => {
    describe("billing module: invoices and numbering", () => {
      it("creates a draft with its lines and no number", async () => {
        const draft = await service.createDraftInvoice(draftFor("order_1"))
        const invoice = await service.retrieveInvoice(draft.id, { relations: ["lines"] })
        expect(invoice.status).toBe("draft")
        expect(invoice.number).toBeNull()
        expect(invoice.lines).toHaveLength(1)
        expect(invoice.total).toEqual(59.5)
        const activity = await service.listActivities({ entity_id: draft.id })
        expect(activity.map((a) => a.action)).toEqual(["invoice.created"])
      })

      it("issues drafts with consecutive numbers of the invoice series and a due date from the payment terms", async () => {
        const a = await service.createDraftInvoice(draftFor("order_1"))
        const b = await service.createDraftInvoice(draftFor("order_2"))
        const issuedA = await service.issueInvoice(a.id, { issued_at: `${year}-03-01T09:00:00Z` })
        const issuedB = await service.issueInvoice(b.id, { issued_at: `${year}-03-02T09:00:00Z` })
        expect(issuedA.number).toBe(`INV-${year}-000001`)
        expect(issuedB.number).toBe(`INV-${year}-000002`)
        expect(issuedA.status).toBe("open")
        expect(new Date(issuedA.due_at!).toISOString()).toBe(`${year}-03-15T09:00:00.000Z`)
      })

      it("refuses to issue an invoice twice, and the refusal takes no number", async () => {
        const a = await service.createDraftInvoice(draftFor("order_1"))
        await service.issueInvoice(a.id)
        await expect(service.issueInvoice(a.id)).rejects.toThrow(/already issued/)
        const b = await service.createDraftInvoice(draftFor("order_2"))
        expect((await service.issueInvoice(b.id)).number).toBe(`INV-${year}-000002`)
      })

      it("allows only one live invoice per order", async () => {
        await service.createDraftInvoice(draftFor("order_1"))
        await expect(service.createDraftInvoice(draftFor("order_1"))).rejects.toThrow()
        expect(await service.listInvoices({ order_id: "order_1" })).toHaveLength(1)
      })

      it("gives a deleted draft's place to the next issued invoice: drafts use no number", async () => {
        const deleted = await service.createDraftInvoice(draftFor("order_1"))
        await service.deleteInvoices(deleted.id)
        const kept = await service.createDraftInvoice(draftFor("order_2"))
        expect((await service.issueInvoice(kept.id)).number).toBe(`INV-${year}-000001`)
      })

      it("gives back the number when the issuing transaction fails midway", async () => {
        const draft = await service.createDraftInvoice(draftFor("order_1"))
        const repository = (service as any).baseRepository_
        await expect(
          repository.transaction(async (transactionManager: unknown) => {
            const issued = await service.issueInvoice(draft.id, {}, { transactionManager } as any)
            expect(issued.number).toBe(`INV-${year}-000001`)
            throw new Error("crash after the number was taken")
          })
        ).rejects.toThrow("crash after the number was taken")

        const after = await service.retrieveInvoice(draft.id)
        expect(after.status).toBe("draft")
        expect(after.number).toBeNull()
        expect((await service.issueInvoice(draft.id)).number).toBe(`INV-${year}-000001`)
      })

      it("issues 200 invoices concurrently with numbers 1..200, no gap and no duplicate", async () => {
        const drafts = await Promise.all(
          Array.from({ length: 200 }, (_, i) => service.createDraftInvoice(draftFor(`order_${i}`)))
        )
        const issued = await Promise.all(drafts.map((d) => service.issueInvoice(d.id)))
        const sequences = issued.map((i) => Number(i.number!.split("-").pop())).sort((a, b) => a - b)
        expect(sequences).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
        expect(new Set(issued.map((i) => i.number)).size).toBe(200)
      })

      it("restarts a yearly series in a new year", async () => {
        const a = await service.createDraftInvoice(draftFor("order_1"))
        const b = await service.createDraftInvoice(draftFor("order_2"))
        expect((await service.issueInvoice(a.id, { issued_at: "2030-12-31T23:59:59Z" })).number).toBe("INV-2030-000001")
        expect((await service.issueInvoice(b.id, { issued_at: "2031-01-01T00:00:00Z" })).number).toBe("INV-2031-000001")
      })
    })
  },
})

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
    describe("billing module: activity log", () => {
      it("appends a few entries or hundreds at once (one statement) alike, readable through the service", async () => {
        await service.logActivity({ entity_type: "invoice", entity_id: "inv_one", action: "invoice.sent", actor_type: "user", actor_id: "user_1", data: { to: "a@example.com" } })
        const many = Array.from({ length: 120 }, (_, i) => ({ entity_type: "invoice", entity_id: `inv_${i}`, action: "invoice.reminder_sent", data: { level: i } }))
        await service.logActivity(many)
        const one = await service.listActivities({ entity_id: "inv_one" })
        expect(one).toEqual([expect.objectContaining({ action: "invoice.sent", actor_type: "user", actor_id: "user_1", data: { to: "a@example.com" } })])
        const logged = await service.listActivities({ action: "invoice.reminder_sent" }, { take: 500 })
        expect(logged).toHaveLength(120)
        expect(new Set(logged.map((a) => a.id)).size).toBe(120)
        expect(logged.find((a) => a.entity_id === "inv_7")).toEqual(expect.objectContaining({ actor_type: "system", actor_id: null, data: { level: 7 } }))
        expect(logged.every((a) => a.id.startsWith("bact_") && a.created_at)).toBe(true)
      })
    })

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

    describe("billing module: rules an issued document keeps", () => {
      it("refuses to create a document in an unknown currency", async () => {
        await expect(service.createDraftInvoice({ ...draftFor("order_1"), currency_code: "xyz" })).rejects.toThrow(
          'Unknown currency "xyz"'
        )
        expect(await service.listInvoices({})).toHaveLength(0)
      })

      it("refuses to issue a document without lines, and takes no number", async () => {
        const empty = await service.createDraftInvoice({ ...draftFor("order_1"), lines: [] })
        await expect(service.issueInvoice(empty.id)).rejects.toThrow("has no lines")
        expect((await service.retrieveInvoice(empty.id)).number).toBeNull()
        const next = await service.createDraftInvoice(draftFor("order_2"))
        expect((await service.issueInvoice(next.id)).number).toBe(`INV-${year}-000001`)
      })

      it("refuses every change to an issued invoice's content, in the service and in the database", async () => {
        const { id } = await service.issueInvoice((await service.createDraftInvoice(draftFor("order_1"))).id)
        await expect(service.updateDraftInvoice(id, { payment_terms_days: 60 })).rejects.toThrow(/is issued and cannot be changed \(payment_terms_days\)/)
        await expect(service.updateInvoices({ id, total: 1 } as any)).rejects.toThrow(/content cannot change/)
        const [line] = await service.listInvoiceLines({ invoice_id: id })
        await expect(service.updateInvoiceLines({ id: line.id, quantity: 5 } as any)).rejects.toThrow(/lines cannot change/)
        await expect(
          service.createInvoiceLines({ invoice_id: id, title: "Extra", quantity: 1, unit_price: 1, subtotal: 1, total: 1 } as any)
        ).rejects.toThrow(/lines cannot change/)
        await expect(service.deleteInvoices(id)).rejects.toThrow(/cannot be deleted/)
        await expect(service.deleteDraftInvoice(id)).rejects.toThrow(/void it or issue a credit note/)
        const after = await service.retrieveInvoice(id, { relations: ["lines"] })
        expect(after.total).toEqual(59.5)
        expect(after.lines[0].quantity).toEqual(2)
        // What may move after issue still moves.
        expect((await service.updateDraftInvoice(id, { notes: "called the customer" })).notes).toBe("called the customer")
      })

      it("voids with a reason only, keeps the number, and refuses while payments are allocated", async () => {
        const open = await service.issueInvoice((await service.createDraftInvoice(draftFor("order_1"))).id)
        await expect(service.voidInvoice(open.id, { reason: "  " })).rejects.toThrow("A reason is required")
        const voided = await service.voidInvoice(open.id, { reason: "Duplicate" })
        expect(voided).toEqual(expect.objectContaining({ status: "void", number: open.number, void_reason: "Duplicate" }))
        expect(voided.amount_due).toEqual(0)

        const paidPart = await service.issueInvoice((await service.createDraftInvoice(draftFor("order_2"))).id)
        await service.updateInvoices({ id: paidPart.id, amount_paid: 10, amount_due: 49.5, status: "partially_paid" } as any)
        await expect(service.voidInvoice(paidPart.id, { reason: "Wrong" })).rejects.toThrow(/has payments allocated/)
        expect((await service.retrieveInvoice(paidPart.id)).status).toBe("partially_paid")
      })

      it("lets a credit note lower what its invoice owes, never below zero, and refuses one above the creditable amount", async () => {
        const invoice = await service.issueInvoice((await service.createDraftInvoice(draftFor("order_1"))).id)
        const credit = (total: string) => ({
          ...draftFor(null, total),
          ...{ lines: draftFor(null).lines.map((l) => ({ ...l, total, subtotal: total, tax_total: "0.00", tax_lines: [] })) },
          total,
          type: "credit_note" as const,
          original_invoice_id: invoice.id,
          reason: "Damaged item",
        })
        const first = await service.issueInvoice((await service.createDraftInvoice(credit("20.00"))).id)
        expect(first.number).toBe(`CN-${year}-000001`)
        expect(first.status).toBe("issued")
        let original = await service.retrieveInvoice(invoice.id)
        expect([original.amount_credited, original.amount_due, original.status]).toEqual([20, 39.5, "open"])

        const tooMuch = await service.createDraftInvoice(credit("39.51"))
        await expect(service.issueInvoice(tooMuch.id)).rejects.toThrow(/more than invoice .* can still be credited \(39.5\)/)
        expect((await service.retrieveInvoice(tooMuch.id)).number).toBeNull()

        await service.issueInvoice((await service.createDraftInvoice(credit("39.50"))).id)
        original = await service.retrieveInvoice(invoice.id)
        expect([original.amount_credited, original.amount_due, original.status]).toEqual([59.5, 0, "paid"])
        // The credit note series ran 1, 2 with no gap although one credit note was refused.
        expect((await service.listInvoices({ type: "credit_note", number: { $ne: null } })).map((c) => c.number).sort()).toEqual([
          `CN-${year}-000001`,
          `CN-${year}-000002`,
        ])
      })
    })

    describe("billing module: settings", () => {
      it("creates the store settings once, with defaults", async () => {
        const [a, b] = await Promise.all([service.retrieveSettings(), service.retrieveSettings()])
        expect(a.id).toBe(b.id)
        expect(a).toEqual(expect.objectContaining({ invoice_trigger: "order_placed", payment_terms_days: 0, locale: "en" }))
      })

      it("gives a customer's own terms and language over the store's", async () => {
        await service.updateSettings({ payment_terms_days: 14, locale: "en" })
        expect(await service.documentDefaults("cus_1")).toEqual(expect.objectContaining({ payment_terms_days: 14, locale: "en" }))
        await service.upsertCustomerSettings("cus_1", { payment_terms_days: 30, locale: "zh-CN" })
        expect(await service.documentDefaults("cus_1")).toEqual(expect.objectContaining({ payment_terms_days: 30, locale: "zh-CN" }))
        await service.upsertCustomerSettings("cus_1", { payment_terms_days: null })
        expect(await service.documentDefaults("cus_1")).toEqual(expect.objectContaining({ payment_terms_days: 14, locale: "zh-CN" }))
      })

      it("refuses a series format without {SEQ} and keeps the old one", async () => {
        expect(() => service.assertValidNumberSeries({ document_type: "invoice", format: "INV-{YYYY}", reset: "yearly" })).toThrow(
          /exactly one \{SEQ\}/
        )
        await expect(service.updateNumberSeriesFormat({ document_type: "invoice", format: "INV-{YYYY}", reset: "yearly" })).rejects.toThrow()
        const [invoiceSeries] = await service.listNumberSeriesWithPreview(new Date("2027-05-01T00:00:00Z"))
        expect(invoiceSeries).toEqual(expect.objectContaining({ format: "INV-{YYYY}-{SEQ:6}", next_number: "INV-2027-000001" }))
      })
    })
  },
})

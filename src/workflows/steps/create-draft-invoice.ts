import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import type BillingModuleService from "../../modules/billing/service"
import type { CreateDraftInvoiceInput } from "../../modules/billing/types"

export type CreateDraftInvoiceStepOutput = { id: string; status: string; created: boolean }

export const createDraftInvoiceStepId = "create-draft-invoice"

/**
 * This step creates a draft invoice for an order, or returns the order's existing invoice:
 * an order has one live invoice, enforced by a unique index, so retries and concurrent
 * triggers (subscriber and admin click at once) end with one invoice.
 */
export const createDraftInvoiceStep = createStep(
  createDraftInvoiceStepId,
  async (input: CreateDraftInvoiceInput, { container }) => {
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    const findExisting = async () =>
      input.order_id
        ? (
            await billing.listInvoices(
              { order_id: input.order_id, type: "invoice", origin: "order", status: { $ne: "void" } },
              { select: ["id", "status"], take: 1 }
            )
          )[0]
        : undefined

    const existing = await findExisting()
    if (existing) {
      return new StepResponse<CreateDraftInvoiceStepOutput, string | null>(
        { id: existing.id, status: existing.status, created: false },
        null
      )
    }
    try {
      // Payment terms, language and footer notes: the invoice's own, else the customer's, else the store's.
      const defaults = await billing.documentDefaults(input.customer_id)
      const invoice = await billing.createDraftInvoice({
        ...input,
        payment_terms_days: input.payment_terms_days ?? defaults.payment_terms_days,
        locale: input.locale ?? defaults.locale,
        notes: input.notes ?? defaults.notes,
      })
      return new StepResponse<CreateDraftInvoiceStepOutput, string | null>(
        { id: invoice.id, status: invoice.status, created: true },
        invoice.id
      )
    } catch (e) {
      // Lost a race with another trigger for the same order: theirs is the invoice.
      const winner = await findExisting()
      if (winner) {
        return new StepResponse<CreateDraftInvoiceStepOutput, string | null>(
          { id: winner.id, status: winner.status, created: false },
          null
        )
      }
      throw e
    }
  },
  async (createdId, { container }) => {
    if (!createdId) {
      return
    }
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    const [invoice] = await billing.listInvoices({ id: createdId }, { select: ["id", "status"] })
    // Only a draft can disappear; an issued invoice keeps its number forever and stays the
    // order's invoice even if a later step (e.g. the event) failed.
    if (invoice?.status === "draft") {
      await billing.deleteInvoices(createdId)
    }
  }
)

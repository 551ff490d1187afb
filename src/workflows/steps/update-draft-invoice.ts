import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import type BillingModuleService from "../../modules/billing/service"
import type { BillingActor } from "../../modules/billing/types"

export type UpdateDraftInvoiceStepInput = {
  id: string
  payment_terms_days?: number
  notes?: string | null
  metadata?: Record<string, unknown> | null
  actor?: BillingActor
}

export const updateDraftInvoiceStepId = "update-draft-invoice"

/**
 * This step changes a draft's terms, notes or metadata; on an issued invoice only notes and
 * metadata may change. The compensation puts the previous values back.
 */
export const updateDraftInvoiceStep = createStep(
  updateDraftInvoiceStepId,
  async ({ id, actor, ...data }: UpdateDraftInvoiceStepInput, { container }) => {
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    const before = await billing.retrieveInvoice(id, { select: ["id", "payment_terms_days", "notes", "metadata"] })
    const updated = await billing.updateDraftInvoice(id, data, actor)
    const previous = Object.fromEntries(Object.keys(data).map((k) => [k, (before as any)[k]]))
    return new StepResponse({ id: updated.id }, { id, previous })
  },
  async (prior, { container }) => {
    if (!prior) return
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    await billing.updateDraftInvoice(prior.id, prior.previous)
  }
)

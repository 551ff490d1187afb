import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import type BillingModuleService from "../../modules/billing/service"
import type { BillingActor } from "../../modules/billing/types"

export type VoidInvoiceStepInput = { id: string; reason: string; actor?: BillingActor }

export const voidInvoiceStepId = "void-invoice"

/** This step voids an issued invoice that has no payments; it keeps its number and content. */
export const voidInvoiceStep = createStep(voidInvoiceStepId, async (input: VoidInvoiceStepInput, { container }) => {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const invoice = await billing.voidInvoice(input.id, { reason: input.reason, actor: input.actor })
  return new StepResponse({ id: invoice.id, number: invoice.number })
})

import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import type BillingModuleService from "../../modules/billing/service"
import type { BillingActor } from "../../modules/billing/types"

export type AllocatePaymentStepInput = {
  payment_id: string
  allocations: "auto" | { invoice_id: string; amount: number | string }[]
  actor?: BillingActor
}

export const allocatePaymentStepId = "allocate-payment"

/** This step applies a payment's credit to invoices; all of it or nothing. */
export const allocatePaymentStep = createStep(allocatePaymentStepId, async (input: AllocatePaymentStepInput, { container }) => {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const plan = await billing.allocatePayment(input.payment_id, input.allocations, input.actor)
  return new StepResponse({ payment_id: input.payment_id, allocated: plan })
})

import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import type BillingModuleService from "../../modules/billing/service"
import type { RecordPaymentInput } from "../../modules/billing/types"

export const recordPaymentStepId = "record-payment"

/** This step records money received and allocates it (given invoices, oldest due first, or none). */
export const recordPaymentStep = createStep(recordPaymentStepId, async (input: RecordPaymentInput, { container }) => {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const payment = await billing.recordPayment(input)
  return new StepResponse({ id: payment.id })
})

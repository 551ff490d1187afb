import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import type BillingModuleService from "../../modules/billing/service"
import type { RefundPaymentInput } from "../../modules/billing/types"

export const refundPaymentStepId = "refund-payment"

/** This step records a refund of a payment; the invoices it had paid owe that much again. */
export const refundPaymentStep = createStep(
  refundPaymentStepId,
  async (input: RefundPaymentInput & { payment_id: string }, { container }) => {
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    const { payment_id, ...refund } = input
    const created = await billing.refundPayment(payment_id, refund)
    return new StepResponse({ id: created.id })
  }
)

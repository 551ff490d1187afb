import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import { AllocationError, assertRefund } from "../../modules/billing/domain/allocation"
import { roundAmount } from "../../modules/billing/domain/money"
import type BillingModuleService from "../../modules/billing/service"

export type ValidateMedusaRefundStepInput = { payment_id: string; amount: number | string }

export type ValidateMedusaRefundStepOutput = {
  /** The Medusa payment the billing payment is a capture of. */
  medusa_payment_id: string
  order_id: string
  /** Medusa's refunds of that payment before this one, to tell the new one apart. */
  refund_ids: string[]
}

export const validateMedusaRefundStepId = "validate-medusa-refund"

/**
 * This step checks that a refund of a billing payment captured through Medusa can go back
 * through Medusa: the billing payment has that much left, and so has Medusa's payment (captured
 * less refunded). Nothing is changed when it cannot.
 */
export const validateMedusaRefundStep = createStep(
  validateMedusaRefundStepId,
  async (input: ValidateMedusaRefundStepInput, { container }) => {
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    const payment = await billing.retrieveBillingPayment(input.payment_id)
    if (payment.source !== "medusa" || !payment.reference || !payment.order_id) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Payment ${payment.id} was not captured through Medusa; record its refund as money given back by hand.`
      )
    }
    try {
      assertRefund(payment as any, input.amount)
    } catch (e) {
      if (e instanceof AllocationError) throw new MedusaError(MedusaError.Types.INVALID_DATA, e.message)
      throw e
    }

    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "payment",
      fields: ["id", "currency_code", "canceled_at", "captures.amount", "refunds.id", "refunds.amount"],
      filters: { id: payment.reference },
    })
    const medusaPayment = data[0] as any
    if (!medusaPayment) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Medusa payment ${payment.reference} of payment ${payment.id} was not found.`)
    }
    const currency = medusaPayment.currency_code ?? payment.currency_code
    const captured = MathBN.sum(0, ...(medusaPayment.captures ?? []).map((c: any) => c.amount))
    const refunded = MathBN.sum(0, ...(medusaPayment.refunds ?? []).map((r: any) => r.amount))
    const refundable = roundAmount(MathBN.sub(captured, refunded), currency)
    if (MathBN.gt(input.amount, refundable)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Medusa can refund at most ${refundable.toString()} ${currency.toUpperCase()} of payment ${payment.reference} ` +
          `(captured ${roundAmount(captured, currency).toString()}, refunded ${roundAmount(refunded, currency).toString()}), not ${MathBN.convert(input.amount).toString()}.`
      )
    }
    return new StepResponse<ValidateMedusaRefundStepOutput>({
      medusa_payment_id: medusaPayment.id,
      order_id: payment.order_id,
      refund_ids: (medusaPayment.refunds ?? []).map((r: any) => r.id),
    })
  }
)

export const findRefundOrderStepId = "find-medusa-refund-order"

/** This step finds the order of a billing payment, whose payments lock a refund takes. */
export const findRefundOrderStep = createStep(findRefundOrderStepId, async (input: { payment_id: string }, { container }) => {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const payment = await billing.retrieveBillingPayment(input.payment_id, { select: ["id", "order_id"] })
  return new StepResponse({ order_id: payment.order_id ?? payment.id })
})

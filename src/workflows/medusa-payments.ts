import { acquireLockStep, refundPaymentWorkflow as medusaRefundPaymentWorkflow, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { BillingActor } from "../modules/billing/types"
import { markOrderPaidInMedusaStep, MarkOrderPaidInMedusaStepInput } from "./steps/medusa-mark-order-paid"
import { recordMedusaRefundStep } from "./steps/medusa-record-refund"
import { findRefundOrderStep, validateMedusaRefundStep } from "./steps/medusa-validate-refund"
import { orderPaymentsLockKey } from "./utils/order-payments"

export type RefundThroughMedusaWorkflowInput = {
  /** The billing payment, a capture of a Medusa payment (`source: "medusa"`). */
  payment_id: string
  amount: number | string
  reason?: string | null
  credit_note_id?: string | null
  actor?: BillingActor
}

export const refundThroughMedusaWorkflowId = "refund-through-medusa"

/**
 * This workflow refunds a payment captured through Medusa with Medusa's own refund, so the money
 * goes back through the payment provider and the order shows it, then records it in billing on
 * that payment, keyed by Medusa's refund id. The order's payments lock keeps the sync of
 * `payment.refund.created` from recording it a second time.
 */
export const refundThroughMedusaWorkflow = createWorkflow(refundThroughMedusaWorkflowId, (input: RefundThroughMedusaWorkflowInput) => {
  const { order_id } = findRefundOrderStep({ payment_id: input.payment_id })
  const key = transform({ order_id }, ({ order_id }) => orderPaymentsLockKey(order_id))
  acquireLockStep({ key, timeout: 30, ttl: 120 })
  const checked = validateMedusaRefundStep({ payment_id: input.payment_id, amount: input.amount })
  const medusaRefund = transform({ input, checked }, ({ input, checked }) => ({
    payment_id: checked.medusa_payment_id,
    amount: input.amount,
    note: input.reason ?? undefined,
    created_by: input.actor?.actor_type === "user" ? input.actor.actor_id ?? undefined : undefined,
  }))
  medusaRefundPaymentWorkflow.runAsStep({ input: medusaRefund })
  const recordInput = transform({ input, checked }, ({ input, checked }) => ({
    payment_id: input.payment_id,
    medusa_payment_id: checked.medusa_payment_id,
    refund_ids_before: checked.refund_ids,
    amount: input.amount,
    reason: input.reason,
    credit_note_id: input.credit_note_id,
    actor: input.actor,
  }))
  const refund = recordMedusaRefundStep(recordInput)
  releaseLockStep({ key })
  return new WorkflowResponse(refund)
})

export type MarkOrderPaidInMedusaWorkflowInput = MarkOrderPaidInMedusaStepInput

export const markOrderPaidInMedusaWorkflowId = "mark-order-paid-in-medusa"

/**
 * This workflow makes an order paid in Medusa (Medusa's "Mark as paid", or the capture of a
 * "pay later" authorization) when billing received the money for it outside Medusa, so the order
 * and its invoices never disagree, one order at a time (the order's payments lock).
 */
export const markOrderPaidInMedusaWorkflow = createWorkflow(
  markOrderPaidInMedusaWorkflowId,
  (input: MarkOrderPaidInMedusaWorkflowInput) => {
    const key = transform({ input }, ({ input }) => orderPaymentsLockKey(input.order_id))
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    const result = markOrderPaidInMedusaStep(input)
    releaseLockStep({ key })
    return new WorkflowResponse(result)
  }
)

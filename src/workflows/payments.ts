import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { RecordPaymentInput, RefundPaymentInput, BillingActor } from "../modules/billing/types"
import { BillingEvents } from "./events"
import { allocatePaymentStep, AllocatePaymentStepInput } from "./steps/allocate-payment"
import { recordPaymentStep } from "./steps/record-payment"
import { refundPaymentStep } from "./steps/refund-payment"
import { sendReceiptEmailStep, SendReceiptEmailStepInput } from "./steps/send-receipt-email"
import { unapplyAllocationStep } from "./steps/unapply-allocation"

export const recordPaymentWorkflowId = "record-payment"
/** This workflow records a payment from a customer and allocates it; the rest is their credit. */
export const recordPaymentWorkflow = createWorkflow(
  recordPaymentWorkflowId,
  (input: RecordPaymentInput & { send_receipt?: boolean }) => {
    const payment = recordPaymentStep(input)
    const data = transform({ payment, input }, ({ payment, input }) => ({ id: payment.id, send_receipt: input.send_receipt }))
    emitEventStep({ eventName: BillingEvents.PAYMENT_RECORDED, data })
    return new WorkflowResponse(payment)
  }
)

export const allocatePaymentWorkflowId = "allocate-payment"
/** This workflow applies a payment's unapplied credit to invoices, given or oldest due first. */
export const allocatePaymentWorkflow = createWorkflow(allocatePaymentWorkflowId, (input: AllocatePaymentStepInput) => {
  const plan = allocatePaymentStep(input)
  const data = transform({ input }, ({ input }) => ({ id: input.payment_id }))
  emitEventStep({ eventName: BillingEvents.PAYMENT_ALLOCATED, data })
  return new WorkflowResponse(plan)
})

export const unapplyAllocationWorkflowId = "unapply-allocation"
/** This workflow takes an allocation back, logged. */
export const unapplyAllocationWorkflow = createWorkflow(
  unapplyAllocationWorkflowId,
  (input: { allocation_id: string; actor?: BillingActor }) => new WorkflowResponse(unapplyAllocationStep(input))
)

export const refundPaymentWorkflowId = "refund-payment"
/** This workflow records a refund of a payment (manual: money given back outside Medusa). */
export const refundPaymentWorkflow = createWorkflow(
  refundPaymentWorkflowId,
  (input: RefundPaymentInput & { payment_id: string }) => new WorkflowResponse(refundPaymentStep(input))
)

export const sendReceiptWorkflowId = "send-billing-receipt"
/** This workflow emails a payment's receipt; idempotent per key. */
export const sendReceiptWorkflow = createWorkflow(
  sendReceiptWorkflowId,
  (input: SendReceiptEmailStepInput) => new WorkflowResponse(sendReceiptEmailStep(input))
)

import type { BillingActor } from "../../modules/billing/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import type BillingModuleService from "../../modules/billing/service"
import { isUniqueViolation } from "../utils/unique-violation"

export type RecordMedusaRefundStepInput = {
  /** The billing payment refunded. */
  payment_id: string
  medusa_payment_id: string
  /** Medusa's refunds of the payment before this one. */
  refund_ids_before: string[]
  amount: number | string
  reason?: string | null
  credit_note_id?: string | null
  actor?: BillingActor
}

export const recordMedusaRefundStepId = "record-medusa-refund"

/**
 * This step records in billing the refund Medusa just made, on the billing payment it was asked
 * for, keyed by Medusa's refund id: the `payment.refund.created` sync that follows finds it and
 * records nothing more. If the sync got there first, its refund is kept and completed with the
 * reason and credit note.
 */
export const recordMedusaRefundStep = createStep(
  recordMedusaRefundStepId,
  async (input: RecordMedusaRefundStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    const { data } = await query.graph({
      entity: "payment",
      fields: ["id", "refunds.id", "refunds.amount", "refunds.created_at"],
      filters: { id: input.medusa_payment_id },
    })
    const before = new Set(input.refund_ids_before)
    const refund = ((data[0] as any)?.refunds ?? [])
      .filter((r: any) => !before.has(r.id) && MathBN.eq(r.amount, input.amount))
      .sort((a: any, b: any) => new Date(b.created_at).getTime() - new Date(a.created_at).getTime())[0]
    if (!refund) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Medusa reported no refund of ${input.amount} on payment ${input.medusa_payment_id}.`)
    }

    const [existing] = await billing.listPaymentRefunds({ external_id: refund.id })
    if (!existing) {
      try {
        const created = await billing.refundPayment(input.payment_id, {
          amount: MathBN.convert(input.amount).toString(),
          reason: input.reason ?? null,
          source: "medusa",
          external_id: refund.id,
          credit_note_id: input.credit_note_id ?? null,
          refunded_at: refund.created_at,
          actor: input.actor,
        })
        return new StepResponse({ id: created.id, external_id: refund.id })
      } catch (e) {
        if (!isUniqueViolation(e)) throw e
      }
    }
    // Recorded by the sync of `payment.refund.created` (another process, no shared lock).
    const [recorded] = await billing.listPaymentRefunds({ external_id: refund.id })
    await billing.updatePaymentRefunds({
      id: recorded.id,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.credit_note_id ? { credit_note_id: input.credit_note_id } : {}),
    } as any)
    return new StepResponse({ id: recorded.id, external_id: refund.id })
  }
)

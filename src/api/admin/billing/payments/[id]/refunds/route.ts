import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../../modules/billing"
import type BillingModuleService from "../../../../../../modules/billing/service"
import { refundThroughMedusaWorkflow } from "../../../../../../workflows/medusa-payments"
import { refundPaymentWorkflow } from "../../../../../../workflows/payments"
import { paymentDetail } from "../../helpers"
import type { AdminRefundPaymentType } from "../../validators"

/**
 * Gives money back from this payment. A payment captured through Medusa is refunded through
 * Medusa's own refund (back through its payment provider, shown on the order); any other payment
 * records money given back outside Medusa.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRefundPaymentType>, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const payment = await billing.retrieveBillingPayment(req.params.id, { select: ["id", "source"] })
  const input = { payment_id: payment.id, ...req.validatedBody, actor: { actor_type: "user" as const, actor_id: req.auth_context.actor_id } }
  if (payment.source === "medusa") {
    await refundThroughMedusaWorkflow(req.scope).run({ input })
  } else {
    await refundPaymentWorkflow(req.scope).run({ input })
  }
  res.status(201).json({ payment: await paymentDetail(req.scope, req.params.id) })
}

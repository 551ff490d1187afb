import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import type { AdminCreatePaymentPromiseType } from "../../../billing/validators"
import { assertCustomer } from "../../../../utils/receivable"

/** A customer's promises to pay, newest first, each kept, broken or pending as their payments say. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertCustomer(req.scope, req.params.id)
  const promises = await req.scope.resolve<BillingModuleService>(BILLING_MODULE).listPaymentPromisesWithStatus(req.params.id)
  res.json({ promises })
}

/** Records a promise to pay an amount by a day (today or later), about some open invoices or the balance. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreatePaymentPromiseType>, res: MedusaResponse) => {
  await assertCustomer(req.scope, req.params.id)
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const promise = await billing.createPaymentPromise({
    ...req.validatedBody,
    customer_id: req.params.id,
    actor: { actor_type: "user", actor_id: req.auth_context.actor_id },
  })
  const [withStatus] = (await billing.listPaymentPromisesWithStatus(req.params.id)).filter((p: any) => p.id === promise.id)
  res.status(201).json({ promise: withStatus })
}

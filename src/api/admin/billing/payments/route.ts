import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { paymentUnapplied } from "../../../../modules/billing/domain/allocation"
import { BILLING_MODULE } from "../../../../modules/billing"
import type BillingModuleService from "../../../../modules/billing/service"
import { recordPaymentWorkflow } from "../../../../workflows/payments"
import { paymentDetail } from "./helpers"
import type { AdminGetPaymentsParamsType, AdminRecordPaymentType } from "./validators"

/** Payments received, newest first; filters by customer, currency, method, account, date, unapplied credit. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetPaymentsParamsType>, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const { unapplied, q, ...filters } = req.filterableFields as Record<string, any>
  const { skip, take, order } = req.queryConfig.pagination as any
  const [payments, count] = await billing.listAndCountBillingPayments(
    {
      ...filters,
      ...(q ? { reference: { $ilike: `%${q}%` } } : {}),
      ...(unapplied ? { id: await billing.listPaymentIdsWithCredit() } : {}),
    },
    { select: req.queryConfig.fields, skip, take, order: order ?? { received_at: "DESC" } }
  )
  res.json({
    payments: payments.map((p: any) => ({ ...p, amount_unapplied: MathBN.convert(paymentUnapplied(p)).toNumber() })),
    count,
    offset: skip,
    limit: take,
  })
}

/** Records a payment and allocates it ("auto" oldest due first by default, a list, or "none"). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRecordPaymentType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "customer", fields: ["id"], filters: { id: req.validatedBody.customer_id } })
  if (!data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${req.validatedBody.customer_id} was not found`)
  }
  const { result } = await recordPaymentWorkflow(req.scope).run({
    input: { ...req.validatedBody, actor: { actor_type: "user", actor_id: req.auth_context.actor_id } } as any,
  })
  res.status(201).json({ payment: await paymentDetail(req.scope, result.id) })
}

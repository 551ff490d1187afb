import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolutionsFor } from "../../../../../../modules/billing/domain/reconciliation"
import { billingOf } from "../../helpers"
import type { AdminGetExceptionsParamsType } from "../../validators"

/** A run's exceptions (filter by status and type), open ones first, each with the actions that resolve it. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetExceptionsParamsType>, res: MedusaResponse) => {
  const billing = billingOf(req)
  await billing.retrieveReconciliationRun(req.params.id, { select: ["id"] })
  const { limit, offset, status, type } = req.validatedQuery as AdminGetExceptionsParamsType
  const filters: Record<string, unknown> = { run_id: req.params.id }
  if (status) filters.status = status
  if (type) filters.type = type
  const [exceptions, count] = await billing.listAndCountReconciliationExceptions(filters, { skip: offset, take: limit, order: { status: "ASC", created_at: "ASC", id: "ASC" } })
  res.json({ exceptions: exceptions.map((e: any) => ({ ...e, actions: resolutionsFor(e.type) })), count, offset, limit })
}

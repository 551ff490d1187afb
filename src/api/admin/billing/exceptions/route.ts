import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolutionsFor } from "../../../../modules/billing/domain/reconciliation"
import { billingOf } from "../reconciliations/helpers"
import type { AdminGetExceptionsParamsType } from "../reconciliations/validators"

/** Exceptions of every run (filter by status, type, run). */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetExceptionsParamsType>, res: MedusaResponse) => {
  const { limit, offset, status, type, run_id } = req.validatedQuery as AdminGetExceptionsParamsType
  const filters: Record<string, unknown> = {}
  if (status) filters.status = status
  if (type) filters.type = type
  if (run_id) filters.run_id = run_id
  const [exceptions, count] = await billingOf(req).listAndCountReconciliationExceptions(filters, { skip: offset, take: limit, order: { created_at: "DESC", id: "ASC" } })
  res.json({ exceptions: exceptions.map((e: any) => ({ ...e, actions: resolutionsFor(e.type) })), count, offset, limit })
}

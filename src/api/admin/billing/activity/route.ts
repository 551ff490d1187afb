import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../modules/billing"
import type BillingModuleService from "../../../../modules/billing/service"
import type { AdminGetActivityParamsType } from "../validators"

/** The append-only activity log, newest first, optionally for one document or kind of entity. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetActivityParamsType>, res: MedusaResponse) => {
  const { entity_id, entity_type, limit, offset } = req.validatedQuery as AdminGetActivityParamsType
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const filters = { ...(entity_id ? { entity_id } : {}), ...(entity_type ? { entity_type } : {}) }
  const [activity, count] = await billing.listAndCountActivities(filters, {
    order: { created_at: "DESC" },
    take: limit,
    skip: offset,
  })
  res.json({ activity, count, offset, limit })
}

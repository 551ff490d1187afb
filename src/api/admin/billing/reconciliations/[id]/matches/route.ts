import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { billingOf } from "../../helpers"

/** What a run found in agreement. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, { limit: number; offset: number }>, res: MedusaResponse) => {
  const billing = billingOf(req)
  await billing.retrieveReconciliationRun(req.params.id, { select: ["id"] })
  const { limit, offset } = req.validatedQuery as { limit: number; offset: number }
  const [matches, count] = await billing.listAndCountReconciliationMatches({ run_id: req.params.id }, { skip: offset, take: limit, order: { created_at: "ASC", id: "ASC" } })
  res.json({ matches, count, offset, limit })
}

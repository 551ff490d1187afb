import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolutionsFor } from "../../../../../modules/billing/domain/reconciliation"
import { billingOf } from "../../reconciliations/helpers"

/** One exception with its history and the actions that resolve it. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const exception = (await billingOf(req).retrieveReconciliationException(req.params.id)) as any
  res.json({ exception: { ...exception, actions: resolutionsFor(exception.type) } })
}

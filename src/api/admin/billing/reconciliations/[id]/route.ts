import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { billingOf, withMatchRate } from "../helpers"

/** A run with its parameters, progress, counts, match rate and summary. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const run = await billingOf(req).retrieveReconciliationRun(req.params.id)
  res.json({ reconciliation: withMatchRate(run as any) })
}

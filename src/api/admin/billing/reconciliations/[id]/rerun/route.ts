import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { actorOf, announceRun, billingOf, withMatchRate } from "../../helpers"

/** Runs a finished run again with its parameters: matches and exceptions are updated, nothing is added twice. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const run = await billingOf(req).restartReconciliationRun(req.params.id, actorOf(req))
  await announceRun(req.scope, run.id)
  res.status(202).json({ reconciliation: withMatchRate(run as any) })
}

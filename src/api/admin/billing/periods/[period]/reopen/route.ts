import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { BillingEvents } from "../../../../../../workflows/events"
import { actorOf, billingOf } from "../../../reconciliations/helpers"

/** Reopens a closed month, for a reason kept in the activity log. */
export const POST = async (req: AuthenticatedMedusaRequest<{ reason: string }>, res: MedusaResponse) => {
  const period = await billingOf(req).reopenPeriod({ period: req.params.period, reason: req.validatedBody.reason, actor: actorOf(req) })
  await req.scope.resolve(Modules.EVENT_BUS).emit({ name: BillingEvents.PERIOD_REOPENED, data: { period: period.period, reason: period.reopen_reason } })
  res.json({ period })
}

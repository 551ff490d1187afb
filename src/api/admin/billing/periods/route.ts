import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { BillingEvents } from "../../../../workflows/events"
import { actorOf, billingOf } from "../reconciliations/helpers"

/** Accounting periods that were ever closed, newest first, with who closed or reopened them. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const periods = await billingOf(req).listAccountingPeriods({}, { order: { period: "DESC" } })
  res.json({ periods })
}

/** Closes a month ("2026-10"): afterwards nothing dated in it can be created, changed or voided. */
export const POST = async (req: AuthenticatedMedusaRequest<{ period: string }>, res: MedusaResponse) => {
  const period = await billingOf(req).closePeriod({ period: req.validatedBody.period, actor: actorOf(req) })
  await req.scope.resolve(Modules.EVENT_BUS).emit({
    name: BillingEvents.PERIOD_CLOSED,
    data: { period: period.period, starts_at: period.starts_at, ends_at: period.ends_at },
  })
  res.json({ period })
}

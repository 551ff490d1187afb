import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { billingOf } from "../helpers"
import type { AdminCollectionsReportParamsType } from "../validators"

/**
 * The collections report of a period (default: twelve months up to today; a `to` after today is
 * clamped to today and `clamped` says so): invoiced, collected, receivable, DSO, overdue and
 * promises per currency, and a monthly trend.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminCollectionsReportParamsType>, res: MedusaResponse) => {
  res.json(await billingOf(req).retrieveCollectionsReport(req.validatedQuery as AdminCollectionsReportParamsType))
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { billingOf, customersMatching, withCustomerNames } from "../helpers"
import type { AdminAgingReportParamsType } from "../validators"

/**
 * The aging of the receivable as of a day (today by default), from the ledger: per currency and
 * per customer (largest total first), owed amounts by days past due, and unapplied credit apart.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminAgingReportParamsType>, res: MedusaResponse) => {
  const { q, ...query } = req.validatedQuery as AdminAgingReportParamsType
  const customer_ids = q ? await customersMatching(req, q) : null
  const report = await billingOf(req).retrieveAgingReport({ ...query, customer_ids })
  res.json({ ...report, customers: await withCustomerNames(req, report.customers) })
}

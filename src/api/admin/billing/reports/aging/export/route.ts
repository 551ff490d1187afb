import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendSheets } from "../../../exports/helpers"
import { billingOf, withCustomerNames } from "../../helpers"
import type { AdminAgingExportParamsType } from "../../validators"

const PAGE = 100_000

/** Every customer's aging as a CSV or XLSX download, with a total row per currency. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminAgingExportParamsType>, res: MedusaResponse) => {
  const { format, ...query } = req.validatedQuery as AdminAgingExportParamsType
  const billing = billingOf(req)
  let report = await billing.retrieveAgingReport({ ...query, limit: PAGE, offset: 0 })
  const customers = [...report.customers]
  while (customers.length < report.count) {
    report = await billing.retrieveAgingReport({ ...query, as_of: report.as_of, limit: PAGE, offset: customers.length })
    if (!report.customers.length) break
    customers.push(...report.customers)
  }
  const keys = report.buckets.map((b) => b.key)
  const named = await withCustomerNames(req, customers)
  const rows = [...named]
    .sort((a, b) => a.currency_code.localeCompare(b.currency_code))
    .map((c) => [c.name ?? c.customer_id, c.email, c.currency_code, ...keys.map((k) => c.buckets[k]), c.total, c.credit])
  for (const c of report.currencies) rows.push([`Total ${c.currency_code.toUpperCase()}`, null, c.currency_code, ...keys.map((k) => c.buckets[k]), c.total, c.credit])
  sendSheets(res, `aging-${report.as_of}`, format, [
    { name: "Aging", columns: ["customer", "email", "currency", ...keys, "total", "credit"], rows, numeric: [...keys, "total", "credit"] },
  ])
}

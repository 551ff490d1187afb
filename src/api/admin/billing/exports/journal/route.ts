import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import { JOURNAL_COLUMNS, journalRows, receivableTotals, totalsByAccount } from "../../../../../modules/billing/domain/journal"
import { exportPeriod, sendSheets } from "../helpers"
import type { AdminJournalExportParamsType } from "../validators"

/**
 * The journal of a period (`to` included) as balanced entries: JSON with the totals per account
 * and the receivable's opening and closing balance, or a CSV / XLSX download for the books.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminJournalExportParamsType>, res: MedusaResponse) => {
  const { format, ...query } = req.validatedQuery as AdminJournalExportParamsType
  const period = exportPeriod(query)
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const { entries, opening } = await billing.listJournalEntries({ from: period.from, to: period.end })
  const byAccount = totalsByAccount(entries)

  if (format === "json") {
    res.json({
      from: query.from.toISOString().slice(0, 10),
      to: query.to.toISOString().slice(0, 10),
      entries,
      totals: { by_account: byAccount, receivable: receivableTotals(opening, entries) },
    })
    return
  }
  sendSheets(res, `journal-${period.label}`, format, [
    { name: "Journal", columns: JOURNAL_COLUMNS, rows: journalRows(entries), numeric: ["debit", "credit"] },
    {
      name: "Accounts",
      columns: ["account", "currency", "debit", "credit"],
      rows: byAccount.map((t) => [t.account, t.currency_code, t.debit, t.credit]),
      numeric: ["debit", "credit"],
    },
  ])
}

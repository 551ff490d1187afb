import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import { paymentUnapplied } from "../../../../../modules/billing/domain/allocation"
import { day, exact, exportPeriod, sendSheets } from "../helpers"
import type { AdminFlatExportParamsType } from "../validators"

const COLUMNS = [
  "receipt_number", "received_at", "customer_id", "currency", "amount", "allocated", "refunded", "disputed", "unapplied",
  "method", "source", "collection_account", "reference", "external_id",
]

/** The payments received in a period (`to` included), one row each with what became of the money, as CSV or XLSX. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminFlatExportParamsType>, res: MedusaResponse) => {
  const { format, ...query } = req.validatedQuery as AdminFlatExportParamsType
  const period = exportPeriod(query)
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const payments = await billing.listBillingPayments(
    { received_at: { $gte: period.from, $lt: period.end } } as any,
    { order: { received_at: "ASC", receipt_number: "ASC" } }
  )
  const accountIds = [...new Set(payments.map((p) => p.collection_account_id).filter((id): id is string => !!id))]
  // An account deleted since still names where the money went.
  const accounts = accountIds.length ? await billing.listCollectionAccounts({ id: accountIds }, { withDeleted: true }) : []
  const nameOf = new Map(accounts.map((a) => [a.id, a.name]))

  const rows = payments.map((p) => {
    const amounts = {
      amount: exact(p, "amount"),
      amount_allocated: exact(p, "amount_allocated"),
      amount_refunded: exact(p, "amount_refunded"),
      amount_disputed: exact(p, "amount_disputed"),
    }
    return [
      p.receipt_number,
      day(p.received_at),
      p.customer_id,
      p.currency_code,
      amounts.amount,
      amounts.amount_allocated,
      amounts.amount_refunded,
      amounts.amount_disputed,
      paymentUnapplied(amounts).toFixed(),
      p.method,
      p.source,
      p.collection_account_id ? nameOf.get(p.collection_account_id) ?? null : null,
      p.reference,
      p.external_id,
    ]
  })
  sendSheets(res, `payments-${period.label}`, format, [
    { name: "Payments", columns: COLUMNS, rows, numeric: ["amount", "allocated", "refunded", "disputed", "unapplied"] },
  ])
}

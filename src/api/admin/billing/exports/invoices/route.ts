import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import { day, exact, exportPeriod, sendSheets } from "../helpers"
import type { AdminFlatExportParamsType } from "../validators"

const COLUMNS = [
  "number", "type", "status", "issued_at", "due_at", "customer_id", "email", "currency", "subtotal", "shipping", "discount", "tax",
  "rounding", "total", "paid", "credited", "written_off", "due", "order_display_id", "original_invoice_number",
]
const AMOUNTS = ["subtotal", "shipping_total", "discount_total", "tax_total", "rounding_total", "total", "amount_paid", "amount_credited", "amount_written_off", "amount_due"]

/** The invoices and credit notes issued in a period (`to` included), one row each, as CSV or XLSX. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminFlatExportParamsType>, res: MedusaResponse) => {
  const { format, ...query } = req.validatedQuery as AdminFlatExportParamsType
  const period = exportPeriod(query)
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const documents = await billing.listInvoices(
    { issued_at: { $gte: period.from, $lt: period.end } } as any,
    { order: { issued_at: "ASC", number: "ASC" } }
  )
  const originalIds = [...new Set(documents.map((d) => d.original_invoice_id).filter((id): id is string => !!id))]
  const originals = originalIds.length ? await billing.listInvoices({ id: originalIds }, { select: ["id", "number"] }) : []
  const numberOf = new Map(originals.map((o) => [o.id, o.number]))

  const rows = documents.map((d) => [
    d.number,
    d.type,
    d.status,
    day(d.issued_at),
    day(d.due_at),
    d.customer_id,
    d.email,
    d.currency_code,
    ...AMOUNTS.map((field) => exact(d, field)),
    d.order_display_id ?? null,
    d.original_invoice_id ? numberOf.get(d.original_invoice_id) ?? null : null,
  ])
  sendSheets(res, `invoices-${period.label}`, format, [
    { name: "Invoices", columns: COLUMNS, rows, numeric: COLUMNS.slice(8, 18) },
  ])
}

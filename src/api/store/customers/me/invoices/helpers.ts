import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

/** What a customer sees of their documents: never drafts, never internal notes or metadata. */
export const storeInvoiceFields = [
  "id",
  "type",
  "status",
  "number",
  "order_id",
  "order_display_id",
  "currency_code",
  "issued_at",
  "due_at",
  "payment_terms_days",
  "seller",
  "buyer",
  "subtotal",
  "shipping_total",
  "discount_total",
  "tax_total",
  "rounding_total",
  "total",
  "amount_paid",
  "amount_credited",
  "amount_written_off",
  "amount_due",
  "overdue_at",
  "tax_summary",
  "original_invoice_id",
  "reason",
  "locale",
  "voided_at",
]

/** Filters that keep a customer to their own issued documents. */
export const ownDocuments = (req: AuthenticatedMedusaRequest) => ({
  customer_id: req.auth_context.actor_id,
  status: { $ne: "draft" },
})

/**
 * One of the logged-in customer's documents. Another customer's id answers exactly like an id
 * that does not exist, so nothing leaks about other customers.
 */
export async function retrieveOwnDocument(req: AuthenticatedMedusaRequest, fields: string[]) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "invoice",
    fields,
    filters: { id: req.params.id, ...ownDocuments(req) } as any,
  })
  if (!data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice with id: ${req.params.id} was not found`)
  }
  return data[0]
}

export const defaultAdminInvoiceFields = [
  "id",
  "type",
  "status",
  "number",
  "order_id",
  "order_display_id",
  "customer_id",
  "email",
  "currency_code",
  "issued_at",
  "due_at",
  "payment_terms_days",
  "buyer",
  "subtotal",
  "shipping_total",
  "discount_total",
  "tax_total",
  "rounding_total",
  "total",
  "source_total",
  "created_at",
  "updated_at",
]

export const defaultAdminInvoiceDetailFields = [
  ...defaultAdminInvoiceFields,
  "seller",
  "tax_summary",
  "notes",
  "metadata",
  "lines.*",
]

export const retrieveInvoiceTransformQueryConfig = {
  defaults: defaultAdminInvoiceDetailFields,
  isList: false,
}

export const listInvoicesTransformQueryConfig = {
  defaults: defaultAdminInvoiceFields,
  isList: true,
}

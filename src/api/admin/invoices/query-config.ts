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
  "amount_paid",
  "amount_credited",
  "amount_written_off",
  "amount_due",
  "dispute_status",
  "overdue_at",
  "review_flagged_at",
  "locale",
  "original_invoice_id",
  "reason",
  "origin",
  "voided_at",
  "last_sent_at",
  "created_at",
  "updated_at",
]

export const defaultAdminInvoiceDetailFields = [
  ...defaultAdminInvoiceFields,
  "seller",
  "tax_summary",
  "void_reason",
  "pdf_file_id",
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

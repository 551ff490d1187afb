export const defaultAdminPaymentFields = [
  "id",
  "customer_id",
  "currency_code",
  "amount",
  "amount_allocated",
  "amount_refunded",
  "amount_disputed",
  "method",
  "collection_account_id",
  "received_at",
  "reference",
  "note",
  "source",
  "external_id",
  "order_id",
  "receipt_number",
  "receipt_sent_at",
  "created_at",
]

export const listPaymentsTransformQueryConfig = { defaults: defaultAdminPaymentFields, isList: true }

/** Events the billing plugin emits, for merchants' own subscribers. */
export const BillingEvents = {
  /** An invoice or credit note was issued: `{ id, number }`. */
  INVOICE_ISSUED: "billing.invoice.issued",
  /** An invoice was voided: `{ id, number }`. */
  INVOICE_VOIDED: "billing.invoice.voided",
} as const

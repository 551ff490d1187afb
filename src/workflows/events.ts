/** Events the billing plugin emits, for merchants' own subscribers. */
export const BillingEvents = {
  /** An invoice or credit note was issued: `{ id, number }`. */
  INVOICE_ISSUED: "billing.invoice.issued",
  /** An invoice was voided: `{ id, number }`. */
  INVOICE_VOIDED: "billing.invoice.voided",
  /** A payment was recorded (and allocated): `{ id, send_receipt? }`. */
  PAYMENT_RECORDED: "billing.payment.recorded",
  /** A payment's credit was allocated to invoices: `{ id }`. */
  PAYMENT_ALLOCATED: "billing.payment.allocated",
  /** A Stripe webhook event was stored and awaits applying: `{ id }` (the stored row). */
  STRIPE_EVENT_RECEIVED: "billing.stripe_event.received",
} as const

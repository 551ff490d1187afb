/** Events the billing plugin emits, for merchants' own subscribers. */
export const BillingEvents = {
  /** An invoice or credit note was issued: `{ id, number }`. */
  INVOICE_ISSUED: "billing.invoice.issued",
  /** A credit note was issued (also announced as billing.invoice.issued): `{ id, number, original_invoice_id }`. */
  CREDIT_NOTE_ISSUED: "billing.credit_note.issued",
  /** Part or all of an invoice was written off: `{ id, invoice_id, amount, currency_code, reason }`. */
  WRITE_OFF_CREATED: "billing.write_off.created",
  /** A month of the books was closed: `{ period, starts_at, ends_at }`. */
  PERIOD_CLOSED: "billing.period.closed",
  /** A closed month was reopened: `{ period, reason }`. */
  PERIOD_REOPENED: "billing.period.reopened",
  /** A reconciliation run was started or started again; a subscriber runs it: `{ id }`. */
  RECONCILIATION_STARTED: "billing.reconciliation.started",
  /** A reconciliation run finished: `{ id, kind, status, matched_count, exception_count }`. */
  RECONCILIATION_COMPLETED: "billing.reconciliation.completed",
  /** An exception was resolved: `{ id, run_id, type, action }`. */
  EXCEPTION_RESOLVED: "billing.exception.resolved",
  /** A bank statement was imported: `{ id, collection_account_id, line_count, new_line_count }`. */
  BANK_STATEMENT_IMPORTED: "billing.bank_statement.imported",
  /** An invoice's due day passed unpaid (store's time zone): `{ id, number, customer_id, currency_code, amount_due }`. */
  INVOICE_OVERDUE: "billing.invoice.overdue",
  /** A payment reminder went out: `{ id, invoice_id, level, trigger, fee_invoice_id }`. */
  REMINDER_SENT: "billing.reminder.sent",
  /** The unpaid-order policy flagged an order for review or cancelled it: `{ invoice_id, order_id, action }`. */
  UNPAID_ORDER_HANDLED: "billing.unpaid_order.handled",
  /** An invoice was voided: `{ id, number }`. */
  INVOICE_VOIDED: "billing.invoice.voided",
  /** A payment was recorded (and allocated): `{ id, send_receipt? }`. */
  PAYMENT_RECORDED: "billing.payment.recorded",
  /** A payment's credit was allocated to invoices: `{ id }`. */
  PAYMENT_ALLOCATED: "billing.payment.allocated",
  /** A Stripe webhook event was stored and awaits applying: `{ id }` (the stored row). */
  STRIPE_EVENT_RECEIVED: "billing.stripe_event.received",
} as const

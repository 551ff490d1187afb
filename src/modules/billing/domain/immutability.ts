/**
 * What may still change on an issued document (DESIGN rule 2): its payment state, its void
 * marks, when it was last sent, internal notes and metadata. Everything else is frozen at issue;
 * the database refuses it too (trigger billing_invoice_guard_issued).
 */
export const MUTABLE_AFTER_ISSUE = new Set([
  "id",
  "status",
  "amount_paid",
  "amount_credited",
  "amount_written_off",
  "amount_due",
  "void_reason",
  "voided_at",
  "last_sent_at",
  "notes",
  "metadata",
  "updated_at",
])

/** The fields of `change` an issued document does not allow to change. */
export function frozenFieldsIn(change: Record<string, unknown>): string[] {
  return Object.keys(change).filter((key) => !MUTABLE_AFTER_ISSUE.has(key) && !key.startsWith("raw_amount_"))
}

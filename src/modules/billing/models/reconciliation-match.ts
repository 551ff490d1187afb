import { model } from "@medusajs/framework/utils"

/**
 * Something a run found in agreement: a Stripe balance transaction and the payment, refund or
 * dispute it moved money for; a bank line and the payment it brought; an order and its invoices.
 * Keyed per run by what it is about, so a re-run updates it instead of adding one.
 */
export const ReconciliationMatch = model
  .define({ name: "ReconciliationMatch", tableName: "billing_reconciliation_match" }, {
    id: model.id({ prefix: "brmt" }).primaryKey(),
    run_id: model.text(),
    key: model.text(),
    // e.g. "stripe_balance_transaction" ↔ "payment", "bank_statement_line" ↔ "payment".
    source_type: model.text(),
    source_id: model.text(),
    target_type: model.text(),
    target_id: model.text(),
    currency_code: model.text().nullable(),
    amount: model.bigNumber().default(0),
  })
  .indexes([
    { on: ["run_id", "key"], unique: true },
    { on: ["target_type", "target_id"] },
  ])

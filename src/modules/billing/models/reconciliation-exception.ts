import { model } from "@medusajs/framework/utils"

/**
 * A difference a run found: a Stripe line with no record, a card payment with no Stripe line, an
 * amount or fee that differs, an order without its invoice, a bank line that matched nothing…
 * Open until resolved by an action with a note; every change is kept in `history`. Keyed per run
 * by what it is about, so re-running the run neither duplicates it nor forgets its resolution.
 */
export const ReconciliationException = model
  .define({ name: "ReconciliationException", tableName: "billing_reconciliation_exception" }, {
    id: model.id({ prefix: "bexc" }).primaryKey(),
    run_id: model.text(),
    key: model.text(),
    type: model.text(),
    status: model.enum(["open", "resolved"]).default("open"),
    currency_code: model.text().nullable(),
    expected_amount: model.bigNumber().nullable(),
    actual_amount: model.bigNumber().nullable(),
    difference: model.bigNumber().nullable(),
    description: model.text().nullable(),
    // Ids of the objects concerned: order_id, invoice_id, payment_id, refund_id, dispute_id,
    // balance_transaction_id, payout_id, bank_statement_line_id, capture_id, medusa_refund_id…
    links: model.json().nullable(),
    // { action, note, payment_id?, invoice_id?, write_off_id? } once resolved.
    resolution: model.json().nullable(),
    resolved_at: model.dateTime().nullable(),
    resolved_by: model.text().nullable(),
    // [{ at, actor_id, event: "found" | "seen_again" | "resolved" | "cleared", … }]
    history: model.json().nullable(),
    // The last run that still found it; null when a re-run no longer does (fixed elsewhere).
    last_seen_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["run_id", "key"], unique: true },
    { on: ["status", "type"] },
  ])

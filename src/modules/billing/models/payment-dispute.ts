import { model } from "@medusajs/framework/utils"

/**
 * A chargeback on a payment (Stripe `dp_…`), stored once by its id. While funds are withdrawn the
 * payment holds that much less: the invoices it paid owe it again (newest allocation first, after
 * the payment's unapplied credit). Funds reinstated (a dispute won) pay those invoices again.
 * Amounts are major units of the payment's currency; `amount_withdrawn` and `amount_reinstated`
 * are what billing applied, so the customer's ledger always sums to their balance.
 */
export const PaymentDispute = model
  .define({ name: "PaymentDispute", tableName: "billing_payment_dispute" }, {
    id: model.id({ prefix: "bdsp" }).primaryKey(),
    external_id: model.text(),
    payment_id: model.text(),
    charge_id: model.text().nullable(),
    payment_intent_id: model.text().nullable(),
    currency_code: model.text(),
    // What the cardholder disputes, as Stripe states it (may be less than the charge).
    amount: model.bigNumber(),
    // Stripe's status (needs_response, under_review, won, lost, warning_*…), from the newest event.
    status: model.text(),
    // open, won (or an inquiry closed) or lost: what the invoices show.
    outcome: model.enum(["open", "won", "lost"]).default("open"),
    reason: model.text().nullable(),
    evidence_due_by: model.dateTime().nullable(),
    status_event_created_at: model.dateTime(),
    closed_at: model.dateTime().nullable(),
    amount_withdrawn: model.bigNumber().default(0),
    amount_reinstated: model.bigNumber().default(0),
    withdrawn_at: model.dateTime().nullable(),
    reinstated_at: model.dateTime().nullable(),
    // Stripe's dispute fee net of any fee returned, in the balance's currency (the merchant's cost).
    fee: model.bigNumber().default(0),
    fee_currency_code: model.text().nullable(),
    // Every balance transaction seen on the dispute, by txn id, in minor units: merged from all
    // events, so events in any order give the same amounts.
    balance_transactions: model.json().nullable(),
    // The invoices the disputed payment paid: they show the dispute.
    invoice_ids: model.json().nullable(),
  })
  .indexes([
    { on: ["external_id"], unique: true },
    { on: ["payment_id"] },
  ])

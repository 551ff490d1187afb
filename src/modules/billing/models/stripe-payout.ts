import { model } from "@medusajs/framework/utils"

/**
 * A Stripe payout (`po_…`): money moved from the Stripe balance to the bank. Its status follows
 * the newest event about it (a payout can turn from paid to failed); its balance transactions
 * are fetched when it is paid, for reconciliation.
 */
export const StripePayout = model
  .define({ name: "StripePayout", tableName: "billing_stripe_payout" }, {
    id: model.id({ prefix: "bspo" }).primaryKey(),
    external_id: model.text(),
    currency_code: model.text(),
    amount: model.bigNumber(),
    status: model.text(),
    arrival_date: model.dateTime().nullable(),
    failure_code: model.text().nullable(),
    failure_message: model.text().nullable(),
    // The creation time of the event the status comes from: an older event never overrides it.
    status_event_created_at: model.dateTime(),
    // How many balance transactions it carries, once fetched.
    transactions_fetched_at: model.dateTime().nullable(),
    transaction_count: model.number().default(0),
  })
  .indexes([{ on: ["external_id"], unique: true }])

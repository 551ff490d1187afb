import { model } from "@medusajs/framework/utils"

/**
 * What Stripe actually moved for a charge, refund, dispute or payout (a `txn_…`): gross amount,
 * fee and net, in the balance's currency, with the exchange rate when the charge was in another
 * currency. Amounts are major units. Stored once by id; a payout's transactions name it.
 */
export const StripeBalanceTransaction = model
  .define({ name: "StripeBalanceTransaction", tableName: "billing_stripe_balance_transaction" }, {
    id: model.id({ prefix: "bsbt" }).primaryKey(),
    external_id: model.text(),
    type: model.text(),
    // The object that moved the money: ch_, re_, dp_, po_…
    source_id: model.text().nullable(),
    // The charge and PaymentIntent behind it, when known: how a payment finds its transactions.
    charge_id: model.text().nullable(),
    payment_intent_id: model.text().nullable(),
    currency_code: model.text(),
    amount: model.bigNumber(),
    fee: model.bigNumber().default(0),
    net: model.bigNumber(),
    exchange_rate: model.text().nullable(),
    status: model.text().nullable(),
    available_on: model.dateTime().nullable(),
    stripe_created_at: model.dateTime(),
    payout_id: model.text().nullable(),
    // What Stripe reported later (a payout's listing) when it differs from what was recorded
    // first: { amount, fee, net }. Reconciliation shows the difference instead of hiding it.
    reported: model.json().nullable(),
  })
  .indexes([
    { on: ["external_id"], unique: true },
    { on: ["charge_id"] },
    { on: ["payout_id"] },
  ])

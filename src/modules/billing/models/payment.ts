import { model } from "@medusajs/framework/utils"

export const PaymentMethod = {
  CARD: "card",
  BANK_TRANSFER: "bank_transfer",
  CASH: "cash",
  CHEQUE: "cheque",
  ALIPAY: "alipay",
  WECHAT_PAY: "wechat_pay",
  STORE_CREDIT: "store_credit",
  OTHER: "other",
} as const
export const PAYMENT_METHODS = Object.values(PaymentMethod) as [
  (typeof PaymentMethod)[keyof typeof PaymentMethod],
  ...(typeof PaymentMethod)[keyof typeof PaymentMethod][],
]

/**
 * Money received from a customer. `amount = amount_allocated + unapplied + amount_refunded + amount_disputed`;
 * what is not allocated, refunded nor held by a dispute is the customer's unapplied credit.
 */
export const BillingPayment = model
  .define({ name: "BillingPayment", tableName: "billing_payment" }, {
    id: model.id({ prefix: "bpay" }).primaryKey(),
    customer_id: model.text(),
    currency_code: model.text(),
    amount: model.bigNumber(),
    amount_allocated: model.bigNumber().default(0),
    amount_refunded: model.bigNumber().default(0),
    // Withdrawn by open or lost disputes (chargebacks), net of funds reinstated.
    amount_disputed: model.bigNumber().default(0),
    method: model.enum(Object.values(PaymentMethod)).default(PaymentMethod.OTHER),
    // Where the money landed (bank account, Stripe balance, cash drawer…).
    collection_account_id: model.text().nullable(),
    received_at: model.dateTime(),
    // The payer's reference (bank transfer text, cheque number…).
    reference: model.text().searchable().nullable(),
    note: model.text().nullable(),
    // "manual" (an admin), "medusa" (a capture of the order's payment) or "stripe".
    source: model.enum(["manual", "medusa", "stripe"]).default("manual"),
    // The id of the money movement at its source (Medusa capture id, Stripe charge id):
    // unique, so the same movement is never recorded twice.
    external_id: model.text().nullable(),
    order_id: model.text().nullable(),
    // The Stripe PaymentIntent the money came through (a payment link, or Medusa's Stripe provider).
    stripe_payment_intent_id: model.text().nullable(),
    // The receipt's number (series "receipt"), taken when the payment is recorded.
    receipt_number: model.text().nullable(),
    receipt_sent_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["external_id"], unique: true, where: "external_id IS NOT NULL" },
    { on: ["customer_id", "currency_code"] },
    { on: ["receipt_number"], unique: true, where: "receipt_number IS NOT NULL" },
    { on: ["stripe_payment_intent_id"], where: "stripe_payment_intent_id IS NOT NULL" },
  ])

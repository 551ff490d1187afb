import { model } from "@medusajs/framework/utils"

/** Money given back from a payment; the invoices it had paid owe that much again. */
export const PaymentRefund = model
  .define({ name: "PaymentRefund", tableName: "billing_payment_refund" }, {
    id: model.id({ prefix: "bref" }).primaryKey(),
    payment_id: model.text(),
    amount: model.bigNumber(),
    reason: model.text().nullable(),
    source: model.enum(["manual", "medusa", "stripe"]).default("manual"),
    // Medusa refund id or Stripe re_…: unique, recorded once.
    external_id: model.text().nullable(),
    // The credit note this refund pays out, when both happen.
    credit_note_id: model.text().nullable(),
    refunded_at: model.dateTime(),
    // The refund at the payment provider (Stripe re_…) when known: unique, so a refund Medusa
    // initiated and the same refund announced by Stripe are one refund.
    provider_refund_id: model.text().nullable(),
    // A refund the provider failed or canceled: the money is the customer's credit again.
    canceled_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["external_id"], unique: true, where: "external_id IS NOT NULL" },
    { on: ["payment_id"] },
    { on: ["provider_refund_id"], unique: true, where: "provider_refund_id IS NOT NULL" },
  ])

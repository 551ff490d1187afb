import { model } from "@medusajs/framework/utils"

/**
 * A link the customer can pay an invoice with (a Stripe Checkout Session). `amount` is what the
 * link charges; when the provider cannot charge the exact amount due (Stripe charges
 * three-decimal currencies in steps of 10 minor units), `amount_difference` says by how much it
 * differs, and the payment records it as the customer's credit rather than losing it.
 */
export const PaymentLink = model
  .define({ name: "PaymentLink", tableName: "billing_payment_link" }, {
    id: model.id({ prefix: "bpl" }).primaryKey(),
    invoice_id: model.text(),
    provider: model.enum(["stripe"]).default("stripe"),
    // The provider's id (cs_…): unique.
    external_id: model.text(),
    url: model.text(),
    currency_code: model.text(),
    amount: model.bigNumber(),
    amount_due: model.bigNumber(),
    amount_difference: model.bigNumber().default(0),
    status: model.enum(["open", "completed", "expired"]).default("open"),
    completed_at: model.dateTime().nullable(),
    // When the provider stops accepting payment through it (a Checkout Session lasts 24 hours).
    expires_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["external_id"], unique: true },
    { on: ["invoice_id"] },
  ])

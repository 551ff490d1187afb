import { model } from "@medusajs/framework/utils"

/** The part of a payment applied to one invoice. Unapplying or refunding lowers `amount`; history stays. */
export const PaymentAllocation = model
  .define({ name: "PaymentAllocation", tableName: "billing_payment_allocation" }, {
    id: model.id({ prefix: "balloc" }).primaryKey(),
    payment_id: model.text(),
    invoice_id: model.text(),
    // What is applied now.
    amount: model.bigNumber(),
    // What was applied at first.
    original_amount: model.bigNumber(),
    unapplied_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["payment_id"] }, { on: ["invoice_id"] }])

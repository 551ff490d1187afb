import { model } from "@medusajs/framework/utils"

/**
 * A customer's promise to pay an amount by a day (the store's calendar), recorded by an admin
 * after a call, an email or a visit. Whether it was kept or broken is computed from the
 * customer's payments, never set by hand.
 */
export const PaymentPromise = model
  .define({ name: "PaymentPromise", tableName: "billing_payment_promise" }, {
    id: model.id({ prefix: "bprm" }).primaryKey(),
    customer_id: model.text(),
    currency_code: model.text(),
    amount: model.bigNumber(),
    // YYYY-MM-DD in the store's time zone: kept if paid by the end of that day.
    promised_date: model.text(),
    // The invoices it is about, when named.
    invoice_ids: model.json().nullable(),
    note: model.text().nullable(),
    created_by: model.text().nullable(),
  })
  .indexes([{ on: ["customer_id", "currency_code"] }])

import { model } from "@medusajs/framework/utils"

/** A customer's own billing terms, overriding the store's defaults where set. */
export const CustomerBillingSettings = model
  .define({ name: "CustomerBillingSettings", tableName: "billing_customer_settings" }, {
    id: model.id({ prefix: "bcus" }).primaryKey(),
    customer_id: model.text(),
    payment_terms_days: model.number().nullable(),
    locale: model.enum(["en", "zh-CN"]).nullable(),
  })
  .indexes([{ on: ["customer_id"], unique: true }])

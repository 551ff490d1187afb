import { model } from "@medusajs/framework/utils"

/** A customer's own billing terms, overriding the store's defaults where set. */
export const CustomerBillingSettings = model
  .define({ name: "CustomerBillingSettings", tableName: "billing_customer_settings" }, {
    id: model.id({ prefix: "bcus" }).primaryKey(),
    customer_id: model.text(),
    payment_terms_days: model.number().nullable(),
    locale: model.enum(["en", "zh-CN"]).nullable(),
    // Reminders paused by hand (disputes and pending promises pause them on their own): since when,
    // until which day (YYYY-MM-DD, store's calendar; null: until resumed) and why.
    reminders_paused_at: model.dateTime().nullable(),
    reminders_paused_until: model.text().nullable(),
    reminders_pause_reason: model.text().nullable(),
  })
  .indexes([{ on: ["customer_id"], unique: true }])

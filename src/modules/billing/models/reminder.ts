import { model } from "@medusajs/framework/utils"

/**
 * A payment reminder sent for an invoice: one per level of the schedule (unique), or by hand
 * ("send reminder now", level null). The late fee invoice it raised, when its level has a fee.
 */
export const Reminder = model
  .define({ name: "Reminder", tableName: "billing_reminder" }, {
    id: model.id({ prefix: "brem" }).primaryKey(),
    invoice_id: model.text(),
    customer_id: model.text().nullable(),
    // Days relative to the due date of the schedule's level; null for a reminder sent by hand.
    level: model.number().nullable(),
    // "schedule" (the job) or "manual" (an admin).
    trigger: model.enum(["schedule", "manual"]).default("schedule"),
    to: model.text().nullable(),
    locale: model.text().default("en"),
    subject: model.text().nullable(),
    // What the invoice owed when the reminder went out.
    amount_due: model.bigNumber(),
    notification_id: model.text().nullable(),
    fee_invoice_id: model.text().nullable(),
    sent_at: model.dateTime(),
    created_by: model.text().nullable(),
  })
  .indexes([
    { on: ["invoice_id", "level"], unique: true, where: "level IS NOT NULL" },
    { on: ["customer_id"] },
  ])

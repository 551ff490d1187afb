import { model } from "@medusajs/framework/utils"

export const CONTACT_CHANNELS = ["call", "email", "visit", "chat", "letter", "other"] as const

/**
 * A note of a contact with a customer about what they owe: how (call, email, visit…), what was
 * said or agreed, and the next action with its day. Append-only, like the activity log.
 */
export const ContactNote = model
  .define({ name: "ContactNote", tableName: "billing_contact_note" }, {
    id: model.id({ prefix: "bcnt" }).primaryKey(),
    customer_id: model.text(),
    invoice_id: model.text().nullable(),
    channel: model.enum([...CONTACT_CHANNELS]),
    note: model.text(),
    next_action: model.text().nullable(),
    // YYYY-MM-DD in the store's time zone.
    next_action_date: model.text().nullable(),
    created_by: model.text().nullable(),
  })
  .indexes([{ on: ["customer_id"] }])

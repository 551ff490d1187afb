import { model } from "@medusajs/framework/utils"

/** Append-only log of every billing change: who (or what) did what to which document, and when. */
export const Activity = model
  .define({ name: "Activity", tableName: "billing_activity" }, {
    id: model.id({ prefix: "bact" }).primaryKey(),
    // "invoice", "payment", …
    entity_type: model.text(),
    entity_id: model.text(),
    // "invoice.created", "invoice.issued", …
    action: model.text(),
    // "user" (an admin), "customer", "system" (subscribers and jobs) or "stripe".
    actor_type: model.text(),
    actor_id: model.text().nullable(),
    data: model.json().nullable(),
  })
  .indexes([{ on: ["entity_type", "entity_id"] }])

import { model } from "@medusajs/framework/utils"

/**
 * A month of the books ("2026-10"). Once closed, nothing dated in it can be created, changed or
 * voided; reopening it takes an explicit action with a reason. Both are in the activity log.
 */
export const AccountingPeriod = model
  .define({ name: "AccountingPeriod", tableName: "billing_accounting_period" }, {
    id: model.id({ prefix: "bper" }).primaryKey(),
    period: model.text(),
    // [starts_at, ends_at) in UTC.
    starts_at: model.dateTime(),
    ends_at: model.dateTime(),
    status: model.enum(["open", "closed"]).default("closed"),
    closed_at: model.dateTime().nullable(),
    closed_by: model.text().nullable(),
    reopened_at: model.dateTime().nullable(),
    reopened_by: model.text().nullable(),
    reopen_reason: model.text().nullable(),
  })
  .indexes([{ on: ["period"], unique: true }])

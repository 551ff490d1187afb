import { model } from "@medusajs/framework/utils"

export const WRITE_OFF_REASONS = ["bad_debt", "small_balance", "settlement", "fee", "fx", "rounding"] as const

/**
 * What an invoice will not be paid and the merchant gives up: it lowers the invoice's amount due
 * (amount_due = total − paid − credited − written off) and is an expense in the journal.
 */
export const WriteOff = model
  .define({ name: "WriteOff", tableName: "billing_write_off" }, {
    id: model.id({ prefix: "bwo" }).primaryKey(),
    invoice_id: model.text(),
    customer_id: model.text().nullable(),
    currency_code: model.text(),
    amount: model.bigNumber(),
    reason: model.enum([...WRITE_OFF_REASONS]),
    note: model.text().nullable(),
    // The reconciliation exception it resolved, when it came from one.
    exception_id: model.text().nullable(),
    written_off_at: model.dateTime(),
  })
  .indexes([{ on: ["invoice_id"] }, { on: ["exception_id"], unique: true, where: "exception_id IS NOT NULL" }])

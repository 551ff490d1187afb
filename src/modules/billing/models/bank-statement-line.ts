import { model } from "@medusajs/framework/utils"

/**
 * One booking on a bank statement. Positive amounts came in, negative went out. Its fingerprint
 * (account, date, amount, text, and its rank among identical bookings of that day) is unique per
 * account: re-importing a file, or an overlapping one, adds nothing.
 */
export const BankStatementLine = model
  .define({ name: "BankStatementLine", tableName: "billing_bank_statement_line" }, {
    id: model.id({ prefix: "bsl" }).primaryKey(),
    statement_id: model.text(),
    collection_account_id: model.text(),
    // Row in the file (1 = first data row) the line came from.
    row_number: model.number(),
    booked_at: model.dateTime(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    description: model.text().nullable(),
    counterparty: model.text().nullable(),
    reference: model.text().nullable(),
    fingerprint: model.text(),
    // unmatched → matched (to a payment) or ignored (explained, outgoing…).
    status: model.enum(["unmatched", "matched", "ignored"]).default("unmatched"),
    // The payment it brought (matched to one recorded, or recorded from it).
    payment_id: model.text().nullable(),
  })
  .indexes([
    { on: ["collection_account_id", "fingerprint"], unique: true },
    { on: ["statement_id"] },
    { on: ["payment_id"] },
  ])

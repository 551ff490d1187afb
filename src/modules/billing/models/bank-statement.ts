import { model } from "@medusajs/framework/utils"

/**
 * A bank statement file imported for a collection account (CSV with the account's column mapping,
 * or CAMT.053). The same file imported twice is refused by its hash; lines that overlap with an
 * earlier file are recognised by their fingerprint and not added again.
 */
export const BankStatement = model
  .define({ name: "BankStatement", tableName: "billing_bank_statement" }, {
    id: model.id({ prefix: "bstm" }).primaryKey(),
    collection_account_id: model.text(),
    file_name: model.text(),
    format: model.enum(["csv", "camt053"]),
    // sha256 of the file's bytes.
    file_hash: model.text(),
    currency_code: model.text(),
    // Lines in the file, and lines this import added (the others were already known).
    line_count: model.number().default(0),
    new_line_count: model.number().default(0),
    booked_from: model.dateTime().nullable(),
    booked_to: model.dateTime().nullable(),
    // The column mapping used (CSV).
    mapping: model.json().nullable(),
    imported_by: model.text().nullable(),
  })
  .indexes([{ on: ["collection_account_id", "file_hash"], unique: true }])

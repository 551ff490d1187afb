import { model } from "@medusajs/framework/utils"

/** How issued documents of one type are numbered: `INV-{YYYY}-{SEQ:6}`, restarting yearly. */
export const NumberSeries = model
  .define({ name: "NumberSeries", tableName: "billing_number_series" }, {
    id: model.id({ prefix: "bns" }).primaryKey(),
    document_type: model.enum(["invoice", "credit_note", "receipt"]),
    format: model.text(),
    reset: model.enum(["yearly", "monthly", "never"]).default("yearly"),
  })
  .indexes([{ on: ["document_type"], unique: true }])

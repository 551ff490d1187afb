import { model } from "@medusajs/framework/utils"

/**
 * The last number used in one period of a series ("2026" for a yearly series).
 * Incremented with a single upsert inside the issuing transaction: the row lock serialises
 * concurrent issues across processes, and a rollback gives the number back.
 */
export const NumberCounter = model
  .define({ name: "NumberCounter", tableName: "billing_number_counter" }, {
    id: model.id({ prefix: "bnc" }).primaryKey(),
    series_id: model.text(),
    period: model.text(),
    last_value: model.number().default(0),
  })
  // Not partial (where: null) so that `insert … on conflict (series_id, period)` can use it.
  .indexes([{ on: ["series_id", "period"], unique: true, where: null as any }])

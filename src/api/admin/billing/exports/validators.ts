import { z } from "@medusajs/framework/zod"
import { day } from "../../../utils/day"

/** ?from=2026-01-01&to=2026-01-31&format=json|csv|xlsx: the days from `from` to `to`, both included. */
export type AdminJournalExportParamsType = z.infer<typeof AdminJournalExportParams>
export const AdminJournalExportParams = z
  .object({
    from: day("from"),
    to: day("to"),
    format: z.enum(["json", "csv", "xlsx"]).default("json"),
  })
  .strict()

/** ?from=2026-01-01&to=2026-01-31&format=csv|xlsx: flat lists of the documents or payments of the period. */
export type AdminFlatExportParamsType = z.infer<typeof AdminFlatExportParams>
export const AdminFlatExportParams = z
  .object({
    from: day("from"),
    to: day("to"),
    format: z.enum(["csv", "xlsx"]).default("csv"),
  })
  .strict()

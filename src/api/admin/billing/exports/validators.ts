import { z } from "@medusajs/framework/zod"

/** A calendar day (UTC) given as YYYY-MM-DD, as the start of that day. */
const day = (what: "from" | "to") =>
  z
    // Missing, Medusa answers "Field 'from' is required".
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what} is a date like 2026-01-31`)
    // JavaScript rolls 2026-02-30 over to March; a real date reads back the same.
    .refine((v) => {
      const date = new Date(`${v}T00:00:00Z`)
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v)
    }, `${what} is not a real date`)
    .transform((v) => new Date(`${v}T00:00:00Z`))

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

import { z } from "@medusajs/framework/zod"

/** A calendar day (UTC) given as YYYY-MM-DD, as the start of that day. */
export const day = (what: string) =>
  z
    // Missing, Medusa answers "Field '<what>' is required".
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what} is a date like 2026-01-31`)
    // JavaScript rolls 2026-02-30 over to March; a real date reads back the same.
    .refine((v) => {
      const date = new Date(`${v}T00:00:00Z`)
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v)
    }, `${what} is not a real date`)
    .transform((v) => new Date(`${v}T00:00:00Z`))

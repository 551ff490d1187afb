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
    // A period ending 9999-12-31 runs to 10000-01-01, which PostgreSQL cannot store; year 0 does not exist.
    .refine((v) => v >= "1900-01-01" && v <= "9998-12-31", `${what} must be a day between 1900-01-01 and 9998-12-31`)
    .transform((v) => new Date(`${v}T00:00:00Z`))

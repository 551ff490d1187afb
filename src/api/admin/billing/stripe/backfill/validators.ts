import { z } from "@medusajs/framework/zod"
import { STRIPE_EVENT_RETENTION_DAYS } from "../../../../../workflows/utils/stripe-backfill"

const DAY_MS = 24 * 3600 * 1000

const isoDate = (field: string) =>
  z
    .string({ error: `${field} must be an ISO date, e.g. 2026-01-31 or 2026-01-31T12:00:00Z` })
    .refine((v) => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), `${field} must be an ISO date, e.g. 2026-01-31 or 2026-01-31T12:00:00Z`)
    .transform((v) => new Date(v))

export type AdminStripeBackfillType = z.infer<typeof AdminStripeBackfill>
/**
 * Fetch missed Stripe events: created in [since, until] (until defaults to now, since to 30 days
 * before until), all of them or only those Stripe could not deliver.
 */
export const AdminStripeBackfill = z
  .object({
    since: isoDate("since").optional(),
    until: isoDate("until").optional(),
    undelivered_only: z.boolean().default(false),
  })
  .strict()
  .superRefine((body, ctx) => {
    // A field that is not a date has its own message already.
    const isDate = (v: unknown): v is Date => v instanceof Date && !Number.isNaN(v.getTime())
    if ((body.since !== undefined && !isDate(body.since)) || (body.until !== undefined && !isDate(body.until))) return
    const until = body.until ?? new Date()
    if (body.since && body.since.getTime() > until.getTime()) {
      ctx.addIssue({ code: "custom", path: ["since"], message: "since must be before until" })
      return
    }
    if (body.since && until.getTime() - body.since.getTime() > STRIPE_EVENT_RETENTION_DAYS * DAY_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["since"],
        message: `The window may span at most ${STRIPE_EVENT_RETENTION_DAYS} days: Stripe keeps events for ${STRIPE_EVENT_RETENTION_DAYS} days.`,
      })
    }
  })

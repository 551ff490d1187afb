import { z } from "@medusajs/framework/zod"
import { parseAgingBounds, ReportError } from "../../../../modules/billing/domain/reports"
import { day } from "../../../utils/day"

/** A day of the store's calendar, kept as YYYY-MM-DD (the service reads it in the store's time zone). */
const reportDay = (what: string) => day(what).transform((d) => d.toISOString().slice(0, 10))

/** ?buckets=30,60,90: whole days in ascending order, as numbers. */
const bounds = z
  .string()
  .superRefine((text, ctx) => {
    try {
      parseAgingBounds(text)
    } catch (e) {
      if (!(e instanceof ReportError)) throw e
      ctx.addIssue({ code: "custom", message: e.message })
    }
  })
  .transform((text) => parseAgingBounds(text))

const currency = z.string().trim().min(1).optional()

/** ?as_of=2026-06-30&buckets=30,60,90&currency_code=eur&q=acme&limit=50&offset=0 */
export type AdminAgingReportParamsType = z.infer<typeof AdminAgingReportParams>
export const AdminAgingReportParams = z
  .object({
    as_of: reportDay("as_of").optional(),
    buckets: bounds.optional(),
    currency_code: currency,
    /** Customers whose email, name or company contains this, or with this id. */
    q: z.string().trim().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

/** ?as_of&customer_id&currency_code&bucket=d31_60: the invoices behind one customer's aging. */
export type AdminAgingInvoicesParamsType = z.infer<typeof AdminAgingInvoicesParams>
export const AdminAgingInvoicesParams = z
  .object({
    as_of: reportDay("as_of").optional(),
    buckets: bounds.optional(),
    customer_id: z.string().trim().min(1),
    currency_code: z.string().trim().min(1),
    bucket: z.string().trim().min(1).optional(),
  })
  .strict()

/** ?format=csv|xlsx&as_of&buckets&currency_code: every customer's aging as a download. */
export type AdminAgingExportParamsType = z.infer<typeof AdminAgingExportParams>
export const AdminAgingExportParams = z
  .object({
    format: z.enum(["csv", "xlsx"]).default("csv"),
    as_of: reportDay("as_of").optional(),
    buckets: bounds.optional(),
    currency_code: currency,
  })
  .strict()

/** ?from=2026-01-01&to=2026-06-30: the collections report of those days (both included). */
export type AdminCollectionsReportParamsType = z.infer<typeof AdminCollectionsReportParams>
export const AdminCollectionsReportParams = z
  .object({
    from: reportDay("from").optional(),
    to: reportDay("to").optional(),
  })
  .strict()

/** ?currency_code=eur&limit=20&offset=0: the collections queue. */
export type AdminCollectionsQueueParamsType = z.infer<typeof AdminCollectionsQueueParams>
export const AdminCollectionsQueueParams = z
  .object({
    currency_code: currency,
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

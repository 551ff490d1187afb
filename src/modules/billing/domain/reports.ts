import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { AgingBucket, agingBuckets, CollectionsError } from "./collections"

/**
 * Rules of the receivable reports ([6/7]) over plain data: which buckets, which period, and the
 * ratios accountants read (DSO, overdue ratio, promises kept).
 */

export class ReportError extends Error {}

/**
 * Aging bounds from a query string ("30,60,90"): whole days in ascending order. The same check as
 * `agingBuckets`, so a bad list reads the same everywhere.
 */
export function parseAgingBounds(text: string): number[] {
  const parts = text.split(",").map((p) => p.trim())
  const bounds = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN))
  try {
    agingBuckets(bounds)
  } catch (e) {
    if (e instanceof CollectionsError) throw new ReportError(`Aging buckets are whole days in ascending order, e.g. 30,60,90; got ${text || "none"}.`)
    throw e
  }
  return bounds
}

/**
 * The lower bound in days of every bucket after "current": what SQL's `width_bucket(days, …)`
 * needs to give bucket i its index i (0 = current, not yet due).
 */
export function bucketThresholds(buckets: AgingBucket[]): number[] {
  return buckets.slice(1).map((b) => b.from)
}

/** The bounds a report uses: the query's, else the store's (settings.collections.aging_buckets), else 30, 60, 90. */
export function reportBounds(queried: number[] | undefined, settings: { collections?: { aging_buckets?: unknown } | null } | null | undefined): number[] {
  if (queried?.length) return queried
  const stored = settings?.collections?.aging_buckets
  if (Array.isArray(stored) && stored.length) {
    try {
      agingBuckets(stored as number[])
      return stored as number[]
    } catch {
      // A bad stored list does not break the report: the usual buckets are used instead.
    }
  }
  return [30, 60, 90]
}

const DAY = 86_400_000
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY)
const dayOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10)

/** Refuses an as-of day after today (the store's today): an aging of the future would be a guess. */
export function checkAsOf(asOf: string, today: string, timeZone: string) {
  if (asOf > today) throw new ReportError(`The as-of date ${asOf} is in the future (today is ${today} in ${timeZone}).`)
}

/**
 * The period of the collections report, whole days of the store's calendar, both included.
 * Without `from`: the first day of the month eleven months back, so the trend shows twelve months
 * with the current one to date. Without `to`: today. A `to` after today is clamped to today (what
 * has not happened yet is not reported); the answer says so with `clamped`.
 */
export function reportPeriod(query: { from?: string; to?: string }, today: string) {
  const [y, m] = today.split("-").map(Number)
  const back = new Date(Date.UTC(y, m - 1 - 11, 1)).toISOString().slice(0, 10)
  const from = query.from ?? back
  const clamped = !!query.to && query.to > today
  const to = query.to && !clamped ? query.to : today
  if (from > today) throw new ReportError(`The period starts on ${from}, after today (${today}); a report covers days that have passed.`)
  if (from > to) throw new ReportError(`The period ends (${to}) before it starts (${from}).`)
  return { from, to, clamped, days: dayNumber(to) - dayNumber(from) + 1 }
}

/** The months a period touches, "YYYY-MM", in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = []
  let [y, m] = from.split("-").map(Number)
  const last = to.slice(0, 7)
  for (;;) {
    const month = `${y}-${String(m).padStart(2, "0")}`
    months.push(month)
    if (month >= last) return months
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
}

/** The last day of a month ("2026-02" → "2026-02-28"). */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split("-").map(Number)
  return dayOf(dayNumber(new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10)) - 1)
}

/**
 * Days sales outstanding: what is owed at the end of a period as days of that period's sales
 * (receivable ÷ invoiced × days), to one decimal. Null when nothing was invoiced: no sales, no days.
 */
export function daysSalesOutstanding(receivable: BigNumberInput, invoiced: BigNumberInput, days: number): string | null {
  if (!MathBN.gt(invoiced, 0)) return null
  return MathBN.mult(MathBN.div(receivable, invoiced), days).decimalPlaces(1).toString()
}

/** A share as a decimal string to four places ("0.25"); null when there is nothing to share. */
export function ratio(part: BigNumberInput, whole: BigNumberInput): string | null {
  if (!MathBN.gt(whole, 0)) return null
  return MathBN.div(part, whole).decimalPlaces(4).toString()
}

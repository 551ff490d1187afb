/**
 * Accounting periods are calendar months in UTC, named "YYYY-MM". A closed period freezes
 * everything dated in it (DESIGN: period close).
 */

export class PeriodError extends Error {}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/

/** The bounds `[starts_at, ends_at)` of a period name, or a PeriodError for anything else. */
export function periodBounds(period: string): { period: string; starts_at: Date; ends_at: Date } {
  const m = PERIOD.exec(String(period ?? "").trim())
  if (!m) {
    throw new PeriodError(`"${period}" is not a period: use a month as YYYY-MM, e.g. 2026-10.`)
  }
  const year = Number(m[1])
  const month = Number(m[2]) - 1
  return { period: m[0], starts_at: new Date(Date.UTC(year, month, 1)), ends_at: new Date(Date.UTC(year, month + 1, 1)) }
}

/** The period a date falls in. */
export function periodOf(date: Date | string): string {
  const d = new Date(date)
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`
}

export type ClosedPeriod = { period: string; starts_at: Date | string; ends_at: Date | string }

/** The closed period `date` falls in, if any. */
export function closedPeriodAt(closed: ClosedPeriod[], date: Date | string): ClosedPeriod | undefined {
  const t = new Date(date).getTime()
  return closed.find((p) => new Date(p.starts_at).getTime() <= t && t < new Date(p.ends_at).getTime())
}

/**
 * The date a fact that happened at `date` is booked on: its own date when its period is open,
 * otherwise the first moment after the closed periods around it (Stripe and Medusa facts arrive
 * late; they are booked in the first open period instead of changing a closed one).
 */
export function openBookingDate(closed: ClosedPeriod[], date: Date | string): Date {
  let at = new Date(date)
  for (let p = closedPeriodAt(closed, at); p; p = closedPeriodAt(closed, at)) {
    at = new Date(p.ends_at)
  }
  return at
}

/**
 * The booking date of a fact whose date is worked out again on each delivery (a dispute's
 * withdrawal, from the balance transactions Stripe sent so far): the date already booked stays
 * once its period is closed; otherwise the fact's own date, moved past the closed periods.
 */
export function rebookedDate(closed: ClosedPeriod[], booked: Date | string | null, date: Date | string | null): Date | null {
  if (!date) return null
  if (booked && closedPeriodAt(closed, booked)) return new Date(booked)
  return openBookingDate(closed, date)
}

/** "2026-10" → "October 2026", for messages. */
export function describePeriod(period: string): string {
  const { starts_at } = periodBounds(period)
  return starts_at.toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" })
}

import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { agingBuckets, AgingBucket, collectionRisk, localDay, promiseStatus, reminderPause } from "../domain/collections"
import { isKnownCurrency } from "../domain/currencies"
import { checkAsOf, daysSalesOutstanding, monthsOf, ratio, ReportError, reportBounds, reportPeriod } from "../domain/reports"
import type { SqlManager } from "./number-counter"
import { decimal } from "./receivable"
import {
  readAging,
  readAgingInvoices,
  readCollectionsQueue,
  readPeriodFlows,
  readPeriodPromises,
  readQueueDetails,
} from "./reports"

/**
 * The receivable reports as the admin reads them: the store's settings (time zone, buckets) and
 * today applied, input checked, the SQL of ./reports composed. Customers' names are the route's
 * (they live in Medusa's customer module).
 */

type Settings = { timezone?: string | null; collections?: { aging_buckets?: unknown } | null } | null | undefined

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/** Runs a rule of the domain, turning its refusal into a 400 with the same words. */
function checked<T>(rule: () => T): T {
  try {
    return rule()
  } catch (e) {
    if (e instanceof ReportError) throw invalid(e.message)
    throw e
  }
}

const timeZoneOf = (settings: Settings) => settings?.timezone || "UTC"

function currencyOf(code: string | null | undefined) {
  if (!code) return null
  if (!isKnownCurrency(code)) throw invalid(`Unknown currency ${code}; use an ISO 4217 code like eur.`)
  return code.toLowerCase()
}

const bucketView = (b: AgingBucket) => ({ key: b.key, from: Number.isFinite(b.from) ? b.from : null, to: b.to })

function agingSetup(settings: Settings, input: { as_of?: string; buckets?: number[]; currency_code?: string | null }, now: Date) {
  const timeZone = timeZoneOf(settings)
  const today = localDay(now, timeZone)
  const asOf = input.as_of ?? today
  checked(() => checkAsOf(asOf, today, timeZone))
  const buckets = agingBuckets(reportBounds(input.buckets, settings))
  return { timeZone, asOf, buckets, currency: currencyOf(input.currency_code) }
}

/**
 * The aging of the ledger as of a day: buckets, totals per currency, one page of customers
 * (largest total first). `customer_ids`: only these (a search's hits).
 */
export async function agingReport(
  manager: SqlManager,
  settings: Settings,
  input: { as_of?: string; buckets?: number[]; currency_code?: string | null; customer_ids?: string[] | null; limit: number; offset: number },
  now = new Date()
) {
  const { timeZone, asOf, buckets, currency } = agingSetup(settings, input, now)
  const result = input.customer_ids && !input.customer_ids.length
    ? { currencies: [], customers: [], count: 0 }
    : await readAging(manager, {
        as_of: asOf,
        time_zone: timeZone,
        buckets,
        currency_code: currency,
        customer_ids: input.customer_ids,
        limit: input.limit,
        offset: input.offset,
      })
  return {
    as_of: asOf,
    timezone: timeZone,
    buckets: buckets.map(bucketView),
    currencies: result.currencies.map(({ customers, ...c }) => c),
    customers: result.customers,
    count: result.count,
    limit: input.limit,
    offset: input.offset,
  }
}

/** The invoices behind one customer's aging in one currency, or behind one bucket of it. */
export async function agingInvoices(
  manager: SqlManager,
  settings: Settings,
  input: { as_of?: string; buckets?: number[]; customer_id: string; currency_code: string; bucket?: string | null },
  now = new Date()
) {
  const { timeZone, asOf, buckets, currency } = agingSetup(settings, input, now)
  let index: number | null = null
  if (input.bucket) {
    index = buckets.findIndex((b) => b.key === input.bucket)
    if (index < 0) throw invalid(`Unknown bucket ${input.bucket}; the buckets are ${buckets.map((b) => b.key).join(", ")}.`)
  }
  const invoices = await readAgingInvoices(manager, {
    as_of: asOf,
    time_zone: timeZone,
    buckets,
    customer_id: input.customer_id,
    currency_code: currency!,
    bucket: index,
  })
  return { as_of: asOf, timezone: timeZone, customer_id: input.customer_id, currency_code: currency!, bucket: input.bucket ?? null, invoices }
}

/**
 * The collections report of a period: per currency what was invoiced and collected, what is owed
 * and overdue at its end (overdue from the same aging as the aging report), DSO, promises made in
 * it (with their status today), and a month by month trend.
 */
export async function collectionsReport(manager: SqlManager, settings: Settings, input: { from?: string; to?: string }, now = new Date()) {
  const timeZone = timeZoneOf(settings)
  const today = localDay(now, timeZone)
  const period = checked(() => reportPeriod(input, today))
  const scope = { from: period.from, to: period.to, time_zone: timeZone }

  const flows = await readPeriodFlows(manager, scope)
  // The aging at the end of the period: what is owed (net of credit, the ledger's balance) and
  // overdue. Only totals are read, which do not depend on the buckets' bounds.
  const aging = await readAging(manager, { as_of: period.to, time_zone: timeZone, buckets: agingBuckets(), limit: 0, offset: 0 })
  const promises = await readPeriodPromises(manager, scope)

  const currencies = [
    ...new Set([...flows.map((f) => f.currency_code), ...aging.currencies.map((c) => c.currency_code), ...promises.map((p: any) => p.currency_code as string)]),
  ].sort()
  const sum = (values: string[]) => MathBN.sum(0, ...values)

  const summary = currencies.map((currency) => {
    const own = flows.filter((f) => f.currency_code === currency)
    const invoiced = sum(own.map((f) => f.invoiced))
    const collected = sum(own.map((f) => f.collected))
    const agingOf = aging.currencies.find((c) => c.currency_code === currency)
    const receivableEnd = agingOf ? MathBN.sub(agingOf.total, agingOf.credit) : MathBN.convert(0)
    const overdue = agingOf ? MathBN.sub(agingOf.total, agingOf.buckets.current) : MathBN.convert(0)
    const counts = { made: 0, kept: 0, broken: 0, pending: 0 }
    for (const p of promises.filter((x: any) => x.currency_code === currency)) {
      // What was paid in the promise's window is summed by SQL; promiseStatus judges it.
      const status = promiseStatus(p, [{ amount: p.paid, received_at: p.created_at }], now, timeZone)
      counts.made += 1
      counts[status] += 1
    }
    return {
      currency_code: currency,
      invoiced: invoiced.toString(),
      collected: collected.toString(),
      receivable_end: receivableEnd.toString(),
      dso: daysSalesOutstanding(receivableEnd, invoiced, period.days),
      overdue: overdue.toString(),
      overdue_ratio: ratio(overdue, receivableEnd),
      promises: { ...counts, kept_ratio: ratio(counts.kept, counts.kept + counts.broken) },
    }
  })

  const months = monthsOf(period.from, period.to)
  const trend = currencies.flatMap((currency) =>
    months.map((month) => {
      const flow = flows.find((f) => f.currency_code === currency && f.month === month)
      return {
        month,
        currency_code: currency,
        invoiced: flow?.invoiced ?? "0",
        collected: flow?.collected ?? "0",
      }
    })
  )
  // Promises of all currencies together: counts do not mix money.
  const all = summary.reduce(
    (n, c) => ({ made: n.made + c.promises.made, kept: n.kept + c.promises.kept, broken: n.broken + c.promises.broken, pending: n.pending + c.promises.pending }),
    { made: 0, kept: 0, broken: 0, pending: 0 }
  )
  return {
    from: period.from,
    to: period.to,
    clamped: period.clamped,
    days: period.days,
    timezone: timeZone,
    currencies: summary,
    promises: { ...all, kept_ratio: ratio(all.kept, all.kept + all.broken) },
    trend,
  }
}

/**
 * The collections queue today: customers with overdue invoices per currency, riskiest first, each
 * with their overdue invoices and reminders, last contact, next action, latest promise and why
 * their reminders are paused, if they are.
 */
export async function collectionsQueue(
  manager: SqlManager,
  settings: Settings,
  input: { currency_code?: string | null; limit: number; offset: number },
  now = new Date()
) {
  const timeZone = timeZoneOf(settings)
  const today = localDay(now, timeZone)
  const { rows, count } = await readCollectionsQueue(manager, {
    today,
    time_zone: timeZone,
    currency_code: currencyOf(input.currency_code),
    limit: input.limit,
    offset: input.offset,
  })
  const details = await readQueueDetails(manager, { customer_ids: [...new Set(rows.map((r) => r.customer_id))], today, time_zone: timeZone })
  const day = (v: unknown) => (v ? new Date(v as string).toISOString() : null)

  const entries = rows.map((row) => {
    const promise = details.promises.find((p: any) => p.customer_id === row.customer_id && p.currency_code === row.currency_code)
    const status = promise ? promiseStatus(promise, [{ amount: promise.paid, received_at: promise.created_at }], now, timeZone) : null
    const note = details.notes.find((n: any) => n.customer_id === row.customer_id)
    const action = details.actions.find((n: any) => n.customer_id === row.customer_id)
    const own = details.settings.find((s: any) => s.customer_id === row.customer_id)
    const pendingUntil = details.promises
      .filter((p: any) => p.customer_id === row.customer_id)
      .filter((p: any) => promiseStatus(p, [{ amount: p.paid, received_at: p.created_at }], now, timeZone) === "pending")
      .map((p: any) => p.promised_date as string)
      .sort()
      .pop()
    return {
      customer_id: row.customer_id,
      currency_code: row.currency_code,
      overdue_amount: row.overdue_amount,
      open_amount: row.open_amount,
      oldest_days_overdue: row.oldest_days_overdue,
      risk: collectionRisk(row.overdue_amount, row.oldest_days_overdue, status === "broken").toString(),
      invoices: details.invoices
        .filter((i: any) => i.customer_id === row.customer_id && i.currency_code === row.currency_code)
        .map((i: any) => ({
          id: i.id,
          number: i.number,
          due_at: day(i.due_at),
          days_overdue: Number(i.days),
          amount_due: decimal(i.amount_due),
          total: decimal(i.total),
          last_reminder_at: day(i.last_reminder_at),
          reminder_levels: (i.levels ?? []).map(Number),
        })),
      last_contact: note
        ? { created_at: day(note.created_at), channel: note.channel, note: note.note, next_action: note.next_action, next_action_date: note.next_action_date }
        : null,
      next_action: action ? { action: action.next_action, date: action.next_action_date } : null,
      promise: promise ? { id: promise.id, amount: promise.amount && decimal(promise.amount), promised_date: promise.promised_date, status } : null,
      reminders_paused: reminderPause(
        {
          manual: own ? { paused_at: own.reminders_paused_at, until: own.reminders_paused_until, reason: own.reminders_pause_reason } : null,
          open_dispute: details.disputes.some((d: any) => d.customer_id === row.customer_id),
          pending_promise_until: pendingUntil ?? null,
        },
        today
      ),
    }
  })
  return { as_of: today, timezone: timeZone, customers: entries, count, limit: input.limit, offset: input.offset }
}

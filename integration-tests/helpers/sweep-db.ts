import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** Table name → a digest of its rows. Two equal fingerprints mean nothing in those tables changed. */
export type Fingerprint = Record<string, string>

/** Billing's own tables, and Medusa's where a billing route could write: notifications, orders, payments. */
const WATCHED = `(table_name like 'billing\\_%' or table_name like 'notification%' or table_name like 'order%'
  or table_name like 'payment%' or table_name in ('refund', 'capture', 'file'))`

/**
 * Fingerprints the watched tables: row count, the latest updated_at and an md5 of every row's text,
 * so a change is seen even where updated_at is not touched. The test database is small enough.
 */
export async function fingerprint(container: MedusaContainer): Promise<Fingerprint> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows: tables } = await pg.raw(
    `select table_name, bool_or(column_name = 'updated_at') as has_updated
       from information_schema.columns
      where table_schema = current_schema() and ${WATCHED}
      group by table_name order by table_name`
  )
  const selects = tables.map(
    (t: { table_name: string; has_updated: boolean }) =>
      `select '${t.table_name}' as t, count(*)::text || ' rows, updated ' || coalesce(${t.has_updated ? "max(x.updated_at)::text" : "'-'"}, '-') || ', md5 ' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '-') as fp from "${t.table_name}" x`
  )
  const { rows } = await pg.raw(selects.join(" union all "))
  return Object.fromEntries(rows.map((r: { t: string; fp: string }) => [r.t, r.fp]))
}

/** The tables whose fingerprint differs, with before → after. */
export function changedTables(before: Fingerprint, after: Fingerprint) {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((t) => before[t] !== after[t])
    .map((t) => `${t}: ${before[t] ?? "(absent)"} → ${after[t] ?? "(absent)"}`)
}

/**
 * The fingerprint once the database is quiet: subscribers of a successful request (PDF rendering,
 * emails, receivable updates) finish a moment after its answer.
 */
export async function settledFingerprint(container: MedusaContainer, { quietMs = 400, timeoutMs = 20_000 } = {}) {
  const deadline = Date.now() + timeoutMs
  let last = await fingerprint(container)
  let quietSince = Date.now()
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100))
    const next = await fingerprint(container)
    if (changedTables(last, next).length) {
      last = next
      quietSince = Date.now()
    } else if (Date.now() - quietSince >= quietMs) {
      return last
    }
  }
  return last
}

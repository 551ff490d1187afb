import { generateEntityId } from "@medusajs/framework/utils"
import {
  DEFAULT_NUMBER_SERIES,
  DocumentType,
  formatDocumentNumber,
  numberPeriod,
  NumberReset,
} from "../domain/numbering"

/** The transaction's SQL connection (a MikroORM entity manager). */
export type SqlManager = { execute: (sql: string, params?: unknown[]) => Promise<any[]> }

export type NumberSeriesRow = { id: string; document_type: DocumentType; format: string; reset: NumberReset }

/**
 * Takes the next number of a document type's series. Must run inside the issuing transaction:
 * the single upsert locks the (series, period) counter row until commit, so concurrent issues in
 * any number of processes queue up, and a rollback gives the number back.
 */
export async function takeNextNumber(manager: SqlManager, documentType: DocumentType, date: Date): Promise<string> {
  const series = await ensureNumberSeries(manager, documentType)
  const period = numberPeriod(series.reset, date)
  const [{ last_value }] = await manager.execute(
    `insert into billing_number_counter (id, series_id, period, last_value, created_at, updated_at)
     values (?, ?, ?, 1, now(), now())
     on conflict (series_id, period) do update
       set last_value = billing_number_counter.last_value + 1, updated_at = now()
     returning last_value`,
    [generateEntityId(undefined, "bnc"), series.id, period]
  )
  return formatDocumentNumber(series.format, Number(last_value), date)
}

/** The next number a series would give for `date`, and its sequence, without taking it (for previews). */
export async function peekNextNumber(
  manager: SqlManager,
  series: NumberSeriesRow,
  date: Date
): Promise<{ next_sequence: number; next_number: string }> {
  const [row] = await manager.execute(
    `select last_value from billing_number_counter where series_id = ? and period = ?`,
    [series.id, numberPeriod(series.reset, date)]
  )
  const next = Number(row?.last_value ?? 0) + 1
  return { next_sequence: next, next_number: formatDocumentNumber(series.format, next, date) }
}

/** The series of a document type, created with the default format on first use. */
export async function ensureNumberSeries(manager: SqlManager, documentType: DocumentType): Promise<NumberSeriesRow> {
  const select = () =>
    manager.execute(
      `select id, document_type, format, reset from billing_number_series where document_type = ? and deleted_at is null`,
      [documentType]
    )
  let [series] = await select()
  if (!series) {
    const defaults = DEFAULT_NUMBER_SERIES.find((s) => s.document_type === documentType)!
    await manager.execute(
      `insert into billing_number_series (id, document_type, format, reset, created_at, updated_at)
       values (?, ?, ?, ?, now(), now()) on conflict do nothing`,
      [generateEntityId(undefined, "bns"), documentType, defaults.format, defaults.reset]
    )
    ;[series] = await select()
  }
  return series
}

import type { MedusaResponse } from "@medusajs/framework/http"
import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { addDays } from "../../../../modules/billing/domain/dates"
import { Sheet, toCsv, toXlsx } from "../../../../modules/billing/documents/xlsx"

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/**
 * The period of an export: `to` is a whole day, included, so the facts read are those of
 * `[from, the day after to)`. An end before the start is refused.
 */
export function exportPeriod(query: { from: Date; to: Date }) {
  if (query.to.getTime() < query.from.getTime()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "The export period ends before it starts.")
  }
  return { from: query.from, end: addDays(query.to, 1), label: `${day(query.from)}-${day(query.to)}` }
}

/** A UTC calendar day, as the exports write dates. */
export const day = (date: Date | string | null | undefined) => (date ? new Date(date).toISOString().slice(0, 10) : null)

/**
 * An amount of a row read through the module, exact: from its `raw_…` value (what PostgreSQL
 * stores), not the JavaScript number beside it.
 */
export const exact = (row: Record<string, any>, field: string) =>
  MathBN.convert((row[`raw_${field}`] ?? row[field] ?? 0) as BigNumberInput).toFixed()

/** Sends sheets as a download: the first as CSV, or all as one XLSX workbook. */
export function sendSheets(res: MedusaResponse, name: string, format: "csv" | "xlsx", sheets: Sheet[]) {
  const content = format === "csv" ? Buffer.from(toCsv(sheets[0]), "utf8") : toXlsx(sheets)
  res.setHeader("Content-Type", format === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE)
  res.setHeader("Content-Disposition", `attachment; filename="${name}.${format}"`)
  res.setHeader("Content-Length", String(content.length))
  res.status(200).end(content)
}

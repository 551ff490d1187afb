import { MedusaError } from "@medusajs/framework/utils"
import {
  detectDelimiter,
  detectFormat,
  guessMapping,
  parseCsv,
  readCamt053Statement,
  readCsvStatement,
  StatementError,
  StatementMapping,
} from "../../../../modules/billing/domain/bank-statement"
import type BillingModuleService from "../../../../modules/billing/service"

/** The collection account a statement is for; it must hold one currency. */
export async function statementAccount(billing: BillingModuleService, id: string) {
  const [account] = await billing.listCollectionAccounts({ id })
  if (!account) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Collection account with id: ${id} was not found`)
  }
  if (!account.currency_code) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Collection account "${account.name}" has no currency; give it one in Settings → Billing before importing its statements.`
    )
  }
  return account as typeof account & { currency_code: string }
}

/**
 * Reads a statement whole: CAMT.053 as is, CSV with the mapping given, else the one saved on the
 * account. A file that cannot be read in full is refused with each row's reason (400).
 */
export function readStatement(content: string, format: "csv" | "camt053" | undefined, mapping: StatementMapping | null, currency: string) {
  const kind = format ?? detectFormat(content)
  try {
    if (kind === "camt053") return { format: kind, lines: readCamt053Statement(content, currency), mapping: null }
    if (!mapping) {
      throw new StatementError("Map the file's columns first (date, amount, text); the preview suggests a mapping.", [{ row: 1, reason: "no column mapping." }])
    }
    return { format: kind, lines: readCsvStatement(content, mapping, currency), mapping }
  } catch (e) {
    if (e instanceof StatementError) {
      const rows = e.errors.slice(0, 50).map((r) => `row ${r.row}: ${r.reason}`)
      const more = e.errors.length > 50 ? ` (and ${e.errors.length - 50} more)` : ""
      const error = new MedusaError(MedusaError.Types.INVALID_DATA, `${e.message} ${rows.join("; ")}${more}`)
      ;(error as any).errors = e.errors
      throw error
    }
    throw e
  }
}

/** The first rows of a CSV as the admin sees them, with a mapping to start from. */
export function csvPreview(content: string, saved: StatementMapping | null) {
  const delimiter = saved?.delimiter || detectDelimiter(content)
  const rows = parseCsv(content.slice(0, 200_000), delimiter)
  const header = (rows[0] ?? []).map((h) => h.trim())
  const sample = rows.slice(1, 21)
  return { header, sample, mapping: saved ?? { ...guessMapping(header, sample), delimiter } }
}

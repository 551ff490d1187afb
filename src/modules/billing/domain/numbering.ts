/**
 * Document numbering formats: `INV-{YYYY}-{SEQ:6}` → `INV-2026-000123`.
 *
 * A number is only formatted here; which sequence value it gets is decided at issue, in the
 * issuing transaction, by the billing service. That split keeps numbers gapless: a draft has
 * no number, and a failed issue rolls its counter back with everything else.
 */

export const DocumentType = {
  INVOICE: "invoice",
  CREDIT_NOTE: "credit_note",
  RECEIPT: "receipt",
} as const
export type DocumentType = (typeof DocumentType)[keyof typeof DocumentType]

export const NumberReset = {
  YEARLY: "yearly",
  MONTHLY: "monthly",
  NEVER: "never",
} as const
export type NumberReset = (typeof NumberReset)[keyof typeof NumberReset]

export type NumberSeriesDefinition = {
  document_type: DocumentType
  format: string
  reset: NumberReset
}

/** The series a store starts with; settings can change format and reset later. */
export const DEFAULT_NUMBER_SERIES: NumberSeriesDefinition[] = [
  { document_type: DocumentType.INVOICE, format: "INV-{YYYY}-{SEQ:6}", reset: NumberReset.YEARLY },
  { document_type: DocumentType.CREDIT_NOTE, format: "CN-{YYYY}-{SEQ:6}", reset: NumberReset.YEARLY },
  { document_type: DocumentType.RECEIPT, format: "RCT-{YYYY}-{SEQ:6}", reset: NumberReset.YEARLY },
]

const TOKEN = /\{(YYYY|YY|MM|SEQ(?::(\d+))?)\}/g
const ALLOWED_LITERAL = /^[A-Za-z0-9\-_/.# ]*$/

/** Returns a person-readable problem with the format, or null when it is valid. */
export function validateNumberFormat(format: string, reset: NumberReset): string | null {
  if (!format || format.length > 64) {
    return "A number format must have 1 to 64 characters."
  }
  const tokens = [...format.matchAll(TOKEN)].map((m) => m[1])
  const seqCount = tokens.filter((t) => t.startsWith("SEQ")).length
  if (seqCount !== 1) {
    return `A number format needs exactly one {SEQ} or {SEQ:n} placeholder; "${format}" has ${seqCount}.`
  }
  const unknown = format.replace(TOKEN, "").match(/\{[^}]*\}/)
  if (unknown) {
    return `Unknown placeholder ${unknown[0]} in "${format}"; use {YYYY}, {YY}, {MM}, {SEQ} or {SEQ:n}.`
  }
  if (!ALLOWED_LITERAL.test(format.replace(TOKEN, ""))) {
    return `A number format may only contain letters, digits, spaces and - _ / . # besides its placeholders.`
  }
  const padding = [...format.matchAll(TOKEN)].find((m) => m[1].startsWith("SEQ"))?.[2]
  if (padding !== undefined && (Number(padding) < 1 || Number(padding) > 12)) {
    return `{SEQ:n} padding must be between 1 and 12.`
  }
  const hasYear = tokens.some((t) => t === "YYYY" || t === "YY")
  if (reset === NumberReset.YEARLY && !hasYear) {
    return `A series that restarts every year needs {YYYY} or {YY} in its format, or its numbers would repeat.`
  }
  if (reset === NumberReset.MONTHLY && !(hasYear && tokens.includes("MM"))) {
    return `A series that restarts every month needs a year and {MM} in its format, or its numbers would repeat.`
  }
  return null
}

/**
 * The counter period a document dated `date` falls in: each period has its own sequence.
 * Dates are read in UTC so that every server process agrees.
 */
export function numberPeriod(reset: NumberReset, date: Date): string {
  const year = String(date.getUTCFullYear())
  switch (reset) {
    case NumberReset.YEARLY:
      return year
    case NumberReset.MONTHLY:
      return `${year}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`
    default:
      return "all"
  }
}

/** Formats the `sequence`-th number of a series for a document dated `date`. */
export function formatDocumentNumber(format: string, sequence: number, date: Date): string {
  if (!Number.isInteger(sequence) || sequence < 1) {
    throw new Error(`A document sequence starts at 1; got ${sequence}.`)
  }
  return format.replace(TOKEN, (_, token: string, padding?: string) => {
    switch (token) {
      case "YYYY":
        return String(date.getUTCFullYear())
      case "YY":
        return String(date.getUTCFullYear()).slice(-2)
      case "MM":
        return String(date.getUTCMonth() + 1).padStart(2, "0")
      default:
        return String(sequence).padStart(Number(padding ?? 1), "0")
    }
  })
}

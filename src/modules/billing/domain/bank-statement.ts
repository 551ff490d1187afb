import { createHash } from "crypto"
import { MathBN } from "@medusajs/framework/utils"
import { currencyDecimals } from "./money"

/**
 * Reading bank statements: CSV with a column mapping (saved per collection account), or
 * CAMT.053 XML. A file is read whole or not at all: every row that cannot be read is reported
 * with its row number and reason, and nothing is imported.
 */

export const DATE_FORMATS = ["YYYY-MM-DD", "DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY", "YYYYMMDD", "YYYY/MM/DD"] as const
export type DateFormat = (typeof DATE_FORMATS)[number]

export type StatementMapping = {
  /** "," ";" "\t" or "|"; detected from the header line when left out. */
  delimiter?: string
  date_column: string
  date_format: DateFormat
  /** One signed amount column, or a credit (money in) and a debit (money out) column. */
  amount_column?: string | null
  credit_column?: string | null
  debit_column?: string | null
  decimal_separator: "." | ","
  /** Columns joined into the line's text, where invoice numbers and references are looked for. */
  description_columns: string[]
  reference_column?: string | null
  counterparty_column?: string | null
}

export type ParsedLine = {
  row_number: number
  booked_at: Date
  amount: string
  description: string | null
  reference: string | null
  counterparty: string | null
}

export type RowError = { row: number; reason: string }

export class StatementError extends Error {
  constructor(message: string, readonly errors: RowError[]) {
    super(message)
  }
}

/** RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside, CRLF or LF, a BOM. */
export function parseCsv(content: string, delimiter: string): string[][] {
  const text = content.replace(/^\uFEFF/, "")
  const rows: string[][] = []
  let row: string[] = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += c
    } else if (c === '"' && field === "") quoted = true
    else if (c === delimiter) {
      row.push(field)
      field = ""
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++
      row.push(field)
      rows.push(row)
      row = []
      field = ""
    } else field += c
  }
  if (field !== "" || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** The delimiter of a CSV: the one of , ; tab | that splits its first line most. */
export function detectDelimiter(content: string): string {
  const first = content.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? ""
  const counts = [",", ";", "\t", "|"].map((d) => [d, first.split(d).length - 1] as const)
  return counts.sort((a, b) => b[1] - a[1])[0][1] > 0 ? counts[0][0] : ","
}

const HINTS: Record<string, RegExp> = {
  date: /^(date|booking ?date|buchungs?(tag|datum)|value ?date|valuta|datum|fecha|日期|交易日期|记账日期)$/i,
  amount: /^(amount|betrag|umsatz|importe|montant|金额|交易金额)$/i,
  credit: /^(credit|haben|收入|贷方金额|money in|paid in)$/i,
  debit: /^(debit|soll|支出|借方金额|money out|paid out)$/i,
  description: /^(description|memo|details|text|verwendungszweck|buchungstext|purpose|narrative|摘要|附言|用途|备注)$/i,
  reference: /^(reference|ref|referenz|end-?to-?end|交易参考号|参考号)$/i,
  counterparty: /^(counterparty|name|payer|auftraggeber|beguenstigter|begünstigter\/zahlungspflichtiger|对方户名|对方名称|付款人)$/i,
}

/** A first mapping from a header row, for the preview; the admin corrects it before importing. */
export function guessMapping(header: string[], sample: string[][]): StatementMapping {
  const find = (hint: RegExp) => header.find((h) => hint.test(h.trim())) ?? null
  const dates = sample.map((r) => r[header.indexOf(find(HINTS.date) ?? "")] ?? "").filter(Boolean)
  const format = DATE_FORMATS.find((f) => dates.length && dates.every((d) => parseDate(d, f))) ?? "YYYY-MM-DD"
  const amountCol = find(HINTS.amount)
  const amounts = sample.map((r) => r[header.indexOf(amountCol ?? find(HINTS.credit) ?? "")] ?? "").filter(Boolean)
  const comma = amounts.some((a) => /,\d{1,3}$/.test(a.trim()))
  return {
    date_column: find(HINTS.date) ?? header[0] ?? "",
    date_format: format,
    amount_column: amountCol,
    credit_column: amountCol ? null : find(HINTS.credit),
    debit_column: amountCol ? null : find(HINTS.debit),
    decimal_separator: comma ? "," : ".",
    description_columns: header.filter((h) => HINTS.description.test(h.trim())),
    reference_column: find(HINTS.reference),
    counterparty_column: find(HINTS.counterparty),
  }
}

/** A date in the given format (UTC midnight), or null. */
export function parseDate(value: string, format: DateFormat): Date | null {
  const v = value.trim()
  const patterns: Record<DateFormat, [RegExp, number, number, number]> = {
    "YYYY-MM-DD": [/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/, 1, 2, 3],
    "YYYY/MM/DD": [/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, 1, 2, 3],
    "DD.MM.YYYY": [/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, 3, 2, 1],
    "DD/MM/YYYY": [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, 3, 2, 1],
    "MM/DD/YYYY": [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, 3, 1, 2],
    YYYYMMDD: [/^(\d{4})(\d{2})(\d{2})$/, 1, 2, 3],
  }
  const [re, y, m, d] = patterns[format]
  const match = re.exec(v)
  if (!match) return null
  const year = Number(match[y])
  const month = Number(match[m])
  const day = Number(match[d])
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null
}

/**
 * An amount as written in a statement ("1.234,56", "-12.30", "(12.30)", "1 234.56", "+5") to a
 * decimal string, or null. Thousands separators are the other of "." and ",", and spaces.
 */
export function parseAmount(value: string, decimalSeparator: "." | ","): string | null {
  let v = value.trim().replace(/[\s\u00a0']/g, "")
  if (!v) return null
  let negative = false
  if (/^\(.*\)$/.test(v)) {
    negative = true
    v = v.slice(1, -1)
  }
  if (v.endsWith("-")) {
    negative = !negative
    v = v.slice(0, -1)
  }
  // A currency written beside the amount: an ISO code ("EUR 5") or a symbol ("5 €").
  v = v.replace(/^(?:[A-Z]{3}|[€$£¥])/, "").replace(/(?:[A-Z]{3}|[€$£¥])$/, "")
  const thousands = decimalSeparator === "," ? "." : ","
  if (!new RegExp(`^[+-]?\\d{1,3}(\\${thousands}?\\d{3})*(\\${decimalSeparator}\\d+)?$|^[+-]?\\d+(\\${decimalSeparator}\\d+)?$`).test(v)) return null
  v = v.split(thousands).join("").replace(decimalSeparator, ".")
  const n = MathBN.convert(v)
  if (!n.isFinite()) return null
  return (negative ? MathBN.mult(n, -1) : n).toString()
}

const decimalsOf = (amount: string) => (amount.split(".")[1] ?? "").length

/**
 * Reads a CSV statement with its mapping. Returns every line, or throws a StatementError listing
 * each row that cannot be read (row numbers are the file's lines, the header being row 1).
 */
export function readCsvStatement(content: string, mapping: StatementMapping, currencyCode: string): ParsedLine[] {
  const delimiter = mapping.delimiter || detectDelimiter(content)
  const rows = parseCsv(content, delimiter)
  const header = (rows[0] ?? []).map((h) => h.trim())
  const errors: RowError[] = []
  const column = (name: string | null | undefined, what: string, required: boolean) => {
    if (!name) {
      if (required) errors.push({ row: 1, reason: `No ${what} column is mapped.` })
      return -1
    }
    const index = header.indexOf(name.trim())
    if (index < 0) errors.push({ row: 1, reason: `The ${what} column "${name}" is not in the file's header (${header.join(", ") || "empty"}).` })
    return index
  }
  const dateAt = column(mapping.date_column, "date", true)
  const signed = !!mapping.amount_column
  const amountAt = signed ? column(mapping.amount_column, "amount", true) : -1
  const creditAt = signed ? -1 : column(mapping.credit_column, "credit", true)
  const debitAt = signed ? -1 : column(mapping.debit_column, "debit", false)
  const descriptionAt = (mapping.description_columns ?? []).map((c) => column(c, "description", true))
  const referenceAt = column(mapping.reference_column, "reference", false)
  const counterpartyAt = column(mapping.counterparty_column, "counterparty", false)
  if (errors.length) throw new StatementError("The file does not have the mapped columns.", errors)

  const decimals = currencyDecimals(currencyCode)
  const lines: ParsedLine[] = []
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2
    if (cells.every((c) => !c.trim())) return
    if (cells.length !== header.length) {
      errors.push({ row, reason: `has ${cells.length} columns; the header has ${header.length}.` })
      return
    }
    const booked = parseDate(cells[dateAt] ?? "", mapping.date_format)
    if (!booked) errors.push({ row, reason: `date "${cells[dateAt]}" is not a date in ${mapping.date_format}.` })
    let amount: string | null = null
    if (signed) {
      amount = parseAmount(cells[amountAt] ?? "", mapping.decimal_separator)
      if (amount === null) errors.push({ row, reason: `amount "${cells[amountAt]}" is not an amount.` })
    } else {
      const credit = cells[creditAt]?.trim() ? parseAmount(cells[creditAt], mapping.decimal_separator) : "0"
      const debit = debitAt >= 0 && cells[debitAt]?.trim() ? parseAmount(cells[debitAt], mapping.decimal_separator) : "0"
      if (credit === null) errors.push({ row, reason: `credit "${cells[creditAt]}" is not an amount.` })
      if (debit === null) errors.push({ row, reason: `debit "${cells[debitAt]}" is not an amount.` })
      if (credit !== null && debit !== null) amount = MathBN.sub(MathBN.abs(credit), MathBN.abs(debit)).toString()
    }
    if (amount !== null && decimalsOf(amount) > decimals) {
      errors.push({ row, reason: `amount ${amount} has more decimals than ${currencyCode.toUpperCase()} has (${decimals}).` })
      amount = null
    }
    if (!booked || amount === null) return
    const pick = (at: number) => (at >= 0 ? cells[at]?.trim() || null : null)
    lines.push({
      row_number: row,
      booked_at: booked,
      amount,
      description: descriptionAt.map((at) => cells[at]?.trim()).filter(Boolean).join(" ") || null,
      reference: pick(referenceAt),
      counterparty: pick(counterpartyAt),
    })
  })
  if (errors.length) throw new StatementError(`${errors.length} row${errors.length > 1 ? "s" : ""} of the file cannot be read; nothing was imported.`, errors)
  if (!lines.length) throw new StatementError("The file has no bookings.", [{ row: 2, reason: "no data rows after the header." }])
  return lines
}

const tag = (xml: string, name: string) => new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(xml)
const all = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:\\w+:)?${name}>`, "g"))]
const unescape = (v: string) => v.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&").trim()

/**
 * Reads a CAMT.053 (ISO 20022 bank-to-customer statement): each `Ntry` is a line, credit
 * positive and debit negative, booked on `BookgDt`, its text from the remittance information.
 * Entries in another currency than the account's are errors. Row numbers are the entries' ranks.
 */
export function readCamt053Statement(xml: string, currencyCode: string): ParsedLine[] {
  if (!/<(?:\w+:)?BkToCstmrStmt[\s>]/.test(xml)) {
    throw new StatementError("The file is not a CAMT.053 statement (no BkToCstmrStmt).", [{ row: 1, reason: "no BkToCstmrStmt element." }])
  }
  const errors: RowError[] = []
  const lines: ParsedLine[] = []
  const decimals = currencyDecimals(currencyCode)
  all(xml, "Ntry").forEach((m, i) => {
    const row = i + 1
    const entry = m[1]
    const amt = /<(?:\w+:)?Amt\s+Ccy="([A-Za-z]{3})"\s*>([^<]*)</.exec(entry)
    const direction = tag(entry, "CdtDbtInd")?.[1]?.trim()
    const bookedText = tag(tag(entry, "BookgDt")?.[1] ?? "", "Dt")?.[1] ?? tag(tag(entry, "BookgDt")?.[1] ?? "", "DtTm")?.[1]
    const booked = bookedText ? parseDate(bookedText.slice(0, 10), "YYYY-MM-DD") : null
    if (!amt) errors.push({ row, reason: "has no amount (Amt with Ccy)." })
    else if (amt[1].toLowerCase() !== currencyCode) errors.push({ row, reason: `is in ${amt[1]}, the account holds ${currencyCode.toUpperCase()}.` })
    if (direction !== "CRDT" && direction !== "DBIT") errors.push({ row, reason: `CdtDbtInd "${direction ?? ""}" is neither CRDT nor DBIT.` })
    if (!booked) errors.push({ row, reason: `booking date "${bookedText ?? ""}" is not a date.` })
    const value = amt ? parseAmount(amt[2], ".") : null
    if (amt && value === null) errors.push({ row, reason: `amount "${amt[2]}" is not an amount.` })
    if (value !== null && decimalsOf(value) > decimals) errors.push({ row, reason: `amount ${value} has more decimals than ${currencyCode.toUpperCase()} has.` })
    if (!booked || value === null || !amt || (direction !== "CRDT" && direction !== "DBIT") || amt[1].toLowerCase() !== currencyCode) return
    const texts = [...all(entry, "Ustrd").map((u) => unescape(u[1])), ...all(entry, "AddtlNtryInf").map((u) => unescape(u[1]))]
    const party = direction === "CRDT" ? tag(tag(entry, "Dbtr")?.[1] ?? "", "Nm")?.[1] : tag(tag(entry, "Cdtr")?.[1] ?? "", "Nm")?.[1]
    const reference = tag(entry, "EndToEndId")?.[1] ?? tag(entry, "AcctSvcrRef")?.[1] ?? tag(entry, "Ref")?.[1]
    lines.push({
      row_number: row,
      booked_at: booked,
      amount: direction === "DBIT" ? MathBN.mult(value, -1).toString() : MathBN.convert(value).toString(),
      description: texts.join(" ") || null,
      reference: reference && reference !== "NOTPROVIDED" ? unescape(reference) : null,
      counterparty: party ? unescape(party) : null,
    })
  })
  if (errors.length) throw new StatementError(`${errors.length} entr${errors.length > 1 ? "ies" : "y"} of the file cannot be read; nothing was imported.`, errors)
  if (!lines.length) throw new StatementError("The statement has no entries.", [{ row: 1, reason: "no Ntry element." }])
  return lines
}

/**
 * Fingerprints that recognise a booking when a file, or an overlapping one, is imported again:
 * account, date, amount and text, plus the rank among identical bookings of the same file.
 */
export function fingerprintLines(accountId: string, lines: ParsedLine[]): string[] {
  const seen = new Map<string, number>()
  return lines.map((l) => {
    const base = [accountId, l.booked_at.toISOString().slice(0, 10), MathBN.convert(l.amount).toString(), l.description ?? "", l.reference ?? "", l.counterparty ?? ""].join("|")
    const rank = (seen.get(base) ?? 0) + 1
    seen.set(base, rank)
    return createHash("sha256").update(`${base}|${rank}`).digest("hex")
  })
}

export function fileHash(content: string): string {
  return createHash("sha256").update(content).digest("hex")
}

/** CAMT.053 when the content is XML, CSV otherwise. */
export function detectFormat(content: string): "csv" | "camt053" {
  return /^\s*(\uFEFF)?\s*<(\?xml|(\w+:)?Document)/.test(content) ? "camt053" : "csv"
}

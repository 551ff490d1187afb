import { crc32, deflateRawSync } from "zlib"

/**
 * Spreadsheets for the exports (journal, invoices, payments, aging…), written without a
 * dependency: an XLSX file is a zip of a few XML parts, and the exports need nothing beyond
 * text, numbers and a bold header row. The same sheet can be written as CSV.
 */

export type SheetCell = string | number | null
export type Sheet = {
  /** The tab's name: at most 31 characters, none of : \ / ? * [ ] (Excel refuses the file otherwise). */
  name: string
  columns: string[]
  rows: SheetCell[][]
  /**
   * Columns whose text cells are exact decimals ("10.99", "-0.5"): written as numbers, digit for
   * digit (no JavaScript float in between), so a spreadsheet can sum them.
   */
  numeric?: string[]
}

const DECIMAL = /^-?\d+(\.\d+)?$/

const escapeXml = (text: string) =>
  text
    // Characters XML 1.0 cannot carry at all; a spreadsheet would refuse the whole file.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = ""
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  }
  return name
}

function cellXml(value: SheetCell, ref: string, numeric: boolean, style = "") {
  if (value === null || value === undefined || value === "") return ""
  if (typeof value === "number") {
    return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : ""
  }
  if (numeric && DECIMAL.test(value)) {
    return `<c r="${ref}"${style}><v>${value}</v></c>`
  }
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`
}

function sheetXml(sheet: Sheet) {
  const numeric = sheet.columns.map((c) => sheet.numeric?.includes(c) ?? false)
  const row = (cells: SheetCell[], r: number, style = "") =>
    `<row r="${r}">${cells.map((v, c) => cellXml(v, `${columnName(c)}${r}`, numeric[c] && !style, style)).join("")}</row>`
  const rows = [row(sheet.columns, 1, ` s="1"`), ...sheet.rows.map((cells, i) => row(cells, i + 2))]
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    // The header row stays in view while scrolling.
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetData>${rows.join("")}</sheetData></worksheet>`
  )
}

function sheetNames(sheets: Sheet[]) {
  const used = new Set<string>()
  return sheets.map((sheet, i) => {
    let name = sheet.name.replace(/[:\\/?*[\]]/g, " ").trim().slice(0, 31) || `Sheet${i + 1}`
    // Tab names are unique regardless of case.
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${name.slice(0, 28)} ${n}`
    used.add(name.toLowerCase())
    return name
  })
}

/** The workbook as an XLSX file: one tab per sheet, a bold frozen header row, inline strings. */
export function toXlsx(sheets: Sheet[]): Buffer {
  if (!sheets.length) throw new Error("A workbook needs at least one sheet.")
  const names = sheetNames(sheets)
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`
  const files: [string, string][] = [
    [
      "[Content_Types].xml",
      xml +
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
        sheets
          .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
          .join("") +
        `</Types>`,
    ],
    [
      "_rels/.rels",
      xml +
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
        `</Relationships>`,
    ],
    [
      "xl/workbook.xml",
      xml +
        `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
        names.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
        `</sheets></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      xml +
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets
          .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
          .join("") +
        `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
        `</Relationships>`,
    ],
    [
      "xl/styles.xml",
      // Style 0 is the default; style 1 is bold, for header rows.
      xml +
        `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
        `<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
        `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
        `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
        `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
        `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
        `</styleSheet>`,
    ],
    ...sheets.map((sheet, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(sheet)]),
  ]
  return zip(files.map(([name, text]) => ({ name, data: Buffer.from(text, "utf8") })))
}

/**
 * A zip archive of deflated files (PKWARE APPNOTE: local headers, then the central directory).
 * Files stay far below 4 GiB here, so no ZIP64; the date fields are the DOS epoch, so the same
 * sheets always give the same bytes.
 */
function zip(files: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const file of files) {
    const name = Buffer.from(file.name, "utf8")
    const compressed = deflateRawSync(file.data)
    const crc = crc32(file.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6) // names are UTF-8
    local.writeUInt16LE(8, 8) // deflate
    local.writeUInt16LE(0, 10) // time
    local.writeUInt16LE(0x21, 12) // date: 1980-01-01
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(compressed.length, 18)
    local.writeUInt32LE(file.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    locals.push(local, name, compressed)

    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4) // made by
    entry.writeUInt16LE(20, 6)
    entry.writeUInt16LE(0x0800, 8)
    entry.writeUInt16LE(8, 10)
    entry.writeUInt16LE(0, 12)
    entry.writeUInt16LE(0x21, 14)
    entry.writeUInt32LE(crc, 16)
    entry.writeUInt32LE(compressed.length, 20)
    entry.writeUInt32LE(file.data.length, 24)
    entry.writeUInt16LE(name.length, 28)
    // extra, comment, disk, internal and external attributes: 0
    entry.writeUInt32LE(offset, 42)
    central.push(entry, name)
    offset += local.length + name.length + compressed.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const csvCell = (value: SheetCell) => {
  const text = value === null || value === undefined ? "" : String(value)
  // A leading = + - @ would be read as a formula by spreadsheets; amounts like -10.5 stay as they are.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text
  // RFC 4180: quote what holds a comma, a quote or a line break, doubling the quotes.
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The same sheet as CSV (UTF-8, one header row, CRLF line ends, RFC 4180 quoting). */
export function toCsv(sheet: Pick<Sheet, "columns" | "rows">): string {
  return [sheet.columns, ...sheet.rows].map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n"
}

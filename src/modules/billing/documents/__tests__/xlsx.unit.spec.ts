import { crc32, inflateRawSync } from "zlib"
import { columnName, toCsv, toXlsx } from "../xlsx"

/** The files of a zip, read through its central directory as a spreadsheet program does. */
function unzip(buffer: Buffer): Map<string, string> {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  expect(end).toBeGreaterThan(0)
  const count = buffer.readUInt16LE(end + 10)
  let at = buffer.readUInt32LE(end + 16)
  const files = new Map<string, string>()
  for (let i = 0; i < count; i++) {
    expect(buffer.readUInt32LE(at)).toBe(0x02014b50)
    const method = buffer.readUInt16LE(at + 10)
    const crc = buffer.readUInt32LE(at + 16)
    const compressedSize = buffer.readUInt32LE(at + 20)
    const size = buffer.readUInt32LE(at + 24)
    const nameLength = buffer.readUInt16LE(at + 28)
    const extraLength = buffer.readUInt16LE(at + 30)
    const commentLength = buffer.readUInt16LE(at + 32)
    const localOffset = buffer.readUInt32LE(at + 42)
    const name = buffer.toString("utf8", at + 46, at + 46 + nameLength)

    expect(buffer.readUInt32LE(localOffset)).toBe(0x04034b50)
    const dataStart = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28)
    expect(method).toBe(8)
    const data = inflateRawSync(buffer.subarray(dataStart, dataStart + compressedSize))
    expect(data.length).toBe(size)
    expect(crc32(data)).toBe(crc)
    files.set(name, data.toString("utf8"))
    at += 46 + nameLength + extraLength + commentLength
  }
  return files
}

describe("XLSX writer", () => {
  const sheets = [
    {
      name: "Journal",
      columns: ["date", "account", "description", "debit", "credit"],
      rows: [
        ["2026-01-31", "1200", "Invoice INV-2026-000001 · Müller & Söhne <GmbH>", "119.99", "0"],
        ["2026-01-31", "4000", null, "0", "-0.5"],
        ["2026-02-01", "2200", "=SUM(A1)", 3, "not a number"],
      ],
      numeric: ["debit", "credit"],
    },
    { name: "Accounts", columns: ["account", "debit"], rows: [["1200", "100000000000000000000.01"]], numeric: ["debit"] },
  ]

  it("writes a zip a spreadsheet program can open: content types, workbook, styles and one part per sheet", () => {
    const files = unzip(toXlsx(sheets))
    expect([...files.keys()].sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
    ])
    const types = files.get("[Content_Types].xml")!
    expect(types).toContain(`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
    expect(types).toContain(`<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    expect(files.get("xl/workbook.xml")).toContain(`<sheet name="Journal" sheetId="1" r:id="rId1"/><sheet name="Accounts" sheetId="2" r:id="rId2"/>`)
    expect(files.get("xl/_rels/workbook.xml.rels")).toContain(`Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"`)
  })

  it("puts a bold header row first, text as inline strings (escaped) and amounts as exact numbers", () => {
    const sheet = unzip(toXlsx(sheets)).get("xl/worksheets/sheet1.xml")!
    expect(sheet).toContain(`<row r="1"><c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">date</t></is></c>`)
    expect(sheet).toContain(`<c r="C2" t="inlineStr"><is><t xml:space="preserve">Invoice INV-2026-000001 · Müller &amp; Söhne &lt;GmbH&gt;</t></is></c>`)
    expect(sheet).toContain(`<c r="D2"><v>119.99</v></c><c r="E2"><v>0</v></c>`)
    // An empty cell is left out; a negative decimal stays a number.
    expect(sheet).toContain(`<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">2026-01-31</t></is></c><c r="B3" t="inlineStr"><is><t xml:space="preserve">4000</t></is></c><c r="D3"><v>0</v></c><c r="E3"><v>-0.5</v></c></row>`)
    // A formula-looking text is text, a JS number is a number, text in an amount column stays text.
    expect(sheet).toContain(`<c r="C4" t="inlineStr"><is><t xml:space="preserve">=SUM(A1)</t></is></c><c r="D4"><v>3</v></c><c r="E4" t="inlineStr"><is><t xml:space="preserve">not a number</t></is></c>`)
    expect(unzip(toXlsx(sheets)).get("xl/worksheets/sheet2.xml")).toContain(`<v>100000000000000000000.01</v>`)
    expect(unzip(toXlsx(sheets)).get("xl/styles.xml")).toContain(`<font><b/>`)
  })

  it("gives the same bytes for the same sheets, and valid, unique tab names", () => {
    expect(toXlsx(sheets).equals(toXlsx(sheets))).toBe(true)
    const workbook = unzip(toXlsx([{ name: "a/b:c", columns: ["x"], rows: [] }, { name: "A B C", columns: ["x"], rows: [] }])).get("xl/workbook.xml")!
    expect(workbook).toContain(`name="a b c"`)
    expect(workbook).toContain(`name="A B C 2"`)
    expect(() => toXlsx([])).toThrow("at least one sheet")
  })

  it("names columns like a spreadsheet", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"])
  })

  it("writes the same sheet as RFC 4180 CSV, with formulas defused", () => {
    expect(toCsv(sheets[0])).toBe(
      "date,account,description,debit,credit\r\n" +
        "2026-01-31,1200,Invoice INV-2026-000001 · Müller & Söhne <GmbH>,119.99,0\r\n" +
        "2026-01-31,4000,,0,-0.5\r\n" +
        "2026-02-01,2200,'=SUM(A1),3,not a number\r\n"
    )
    expect(toCsv({ columns: ["a"], rows: [['say "hi", then\nleave']] })).toBe(`a\r\n"say ""hi"", then\nleave"\r\n`)
  })
})

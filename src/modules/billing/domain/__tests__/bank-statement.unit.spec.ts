import { detectDelimiter, detectFormat, fingerprintLines, guessMapping, parseAmount, parseCsv, parseDate, readCamt053Statement, readCsvStatement, StatementError } from "../bank-statement"

const mapping = {
  date_column: "Date",
  date_format: "DD.MM.YYYY" as const,
  amount_column: "Betrag",
  decimal_separator: "," as const,
  description_columns: ["Verwendungszweck"],
  counterparty_column: "Name",
}

describe("bank statements", () => {
  it("reads RFC 4180 CSV: quotes, doubled quotes, line breaks in fields, CRLF, a BOM", () => {
    expect(parseCsv('\uFEFFa;b\r\n"x;y";"say ""hi"""\r\n"two\nlines";3\n', ";")).toEqual([
      ["a", "b"],
      ["x;y", 'say "hi"'],
      ["two\nlines", "3"],
    ])
    expect(detectDelimiter("Date;Amount;Text\n")).toBe(";")
    expect(detectDelimiter("Date,Amount\n")).toBe(",")
  })

  it("reads dates in each format and refuses impossible ones", () => {
    expect(parseDate("31.10.2026", "DD.MM.YYYY")?.toISOString()).toBe("2026-10-31T00:00:00.000Z")
    expect(parseDate("10/31/2026", "MM/DD/YYYY")?.toISOString()).toBe("2026-10-31T00:00:00.000Z")
    expect(parseDate("20261031", "YYYYMMDD")?.toISOString()).toBe("2026-10-31T00:00:00.000Z")
    expect(parseDate("31/02/2026", "DD/MM/YYYY")).toBeNull()
    expect(parseDate("2026-10-31", "DD.MM.YYYY")).toBeNull()
  })

  it("reads amounts as banks write them, exactly", () => {
    expect(parseAmount("1.234,56", ",")).toBe("1234.56")
    expect(parseAmount("-12,30", ",")).toBe("-12.3")
    expect(parseAmount("1,234.56", ".")).toBe("1234.56")
    expect(parseAmount("(12.30)", ".")).toBe("-12.3")
    expect(parseAmount("12.30-", ".")).toBe("-12.3")
    expect(parseAmount("EUR 5", ".")).toBe("5")
    expect(parseAmount("0.1", ".")).toBe("0.1")
    for (const bad of ["", "abc", "12,3x", "1.2.3", "--5"]) expect(parseAmount(bad, ".")).toBeNull()
  })

  it("reads a mapped CSV, with credit and debit columns too", () => {
    const csv = "Date;Betrag;Verwendungszweck;Name\n01.10.2026;1.190,00;Rechnung INV-2026-000007;Muster GmbH\n02.10.2026;-25,50;Kontogebühr;Bank\n"
    const lines = readCsvStatement(csv, mapping, "eur")
    expect(lines.map((l) => [l.row_number, l.booked_at.toISOString().slice(0, 10), l.amount, l.description, l.counterparty])).toEqual([
      [2, "2026-10-01", "1190", "Rechnung INV-2026-000007", "Muster GmbH"],
      [3, "2026-10-02", "-25.5", "Kontogebühr", "Bank"],
    ])
    const split = readCsvStatement("Date,In,Out,Text\n2026-10-01,100.00,,A\n2026-10-02,,40.00,B\n", {
      date_column: "Date", date_format: "YYYY-MM-DD", credit_column: "In", debit_column: "Out", decimal_separator: ".", description_columns: ["Text"],
    }, "eur")
    expect(split.map((l) => l.amount)).toEqual(["100", "-40"])
  })

  it("refuses a whole file with each bad row's number and reason", () => {
    const csv = "Date;Betrag;Verwendungszweck;Name\n01.10.2026;10,00;ok;A\n31.02.2026;10,00;bad date;B\n03.10.2026;12,3x;bad amount;C\n04.10.2026;1,005;too many decimals;D\n05.10.2026;5\n"
    let error: StatementError | undefined
    try {
      readCsvStatement(csv, mapping, "eur")
    } catch (e) {
      error = e as StatementError
    }
    expect(error).toBeInstanceOf(StatementError)
    expect(error!.message).toBe("4 rows of the file cannot be read; nothing was imported.")
    expect(error!.errors).toEqual([
      { row: 3, reason: 'date "31.02.2026" is not a date in DD.MM.YYYY.' },
      { row: 4, reason: 'amount "12,3x" is not an amount.' },
      { row: 5, reason: "amount 1.005 has more decimals than EUR has (2)." },
      { row: 6, reason: "has 2 columns; the header has 4." },
    ])
    expect(() => readCsvStatement("Datum;Summe\n01.10.2026;1\n", mapping, "eur")).toThrow(/do(es)? not have the mapped columns/)
  })

  it("guesses a mapping from the header and the first rows", () => {
    const header = ["Buchungstag", "Verwendungszweck", "Betrag", "Auftraggeber"]
    expect(guessMapping(header, [["31.10.2026", "x", "1.234,56", "y"]])).toEqual(
      expect.objectContaining({ date_column: "Buchungstag", date_format: "DD.MM.YYYY", amount_column: "Betrag", decimal_separator: ",", description_columns: ["Verwendungszweck"], counterparty_column: "Auftraggeber" })
    )
  })

  it("reads CAMT.053 entries: credit positive, debit negative, text from the remittance information", () => {
    const xml = `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
      <Ntry><Amt Ccy="EUR">119.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-10-05</Dt></BookgDt>
        <NtryDtls><TxDtls><Refs><EndToEndId>E2E-1</EndToEndId></Refs><RltdPties><Dbtr><Nm>Muster &amp; Co</Nm></Dbtr></RltdPties>
        <RmtInf><Ustrd>INV-2026-000007</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
      <Ntry><Amt Ccy="EUR">4.90</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-10-06</Dt></BookgDt><AddtlNtryInf>Fees</AddtlNtryInf></Ntry>
    </Stmt></BkToCstmrStmt></Document>`
    expect(detectFormat(xml)).toBe("camt053")
    expect(readCamt053Statement(xml, "eur").map((l) => [l.row_number, l.amount, l.description, l.reference, l.counterparty])).toEqual([
      [1, "119", "INV-2026-000007", "E2E-1", "Muster & Co"],
      [2, "-4.9", "Fees", null, null],
    ])
    expect(() => readCamt053Statement(xml.replace('Ccy="EUR">4.90', 'Ccy="USD">4.90'), "eur")).toThrow(StatementError)
    expect(() => readCamt053Statement("<Document/>", "eur")).toThrow(/not a CAMT\.053/)
  })

  it("fingerprints identical bookings of a file apart, and the same file the same way twice", () => {
    const line = { row_number: 2, booked_at: new Date("2026-10-01"), amount: "10", description: "Coffee", reference: null, counterparty: null }
    const a = fingerprintLines("bacc_1", [line, { ...line, row_number: 3 }])
    expect(new Set(a).size).toBe(2)
    expect(fingerprintLines("bacc_1", [line, { ...line, row_number: 3 }])).toEqual(a)
    expect(fingerprintLines("bacc_2", [line])[0]).not.toBe(a[0])
  })
})

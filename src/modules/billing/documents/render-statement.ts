import { formatDateForDocument, formatMoneyForDocument, labelsFor } from "./labels"
import { drawMeta, drawPageNumbers, drawSeller, GREY, LINE, openPdf, PAGE } from "./pdf-base"

/** A customer's statement as read by the billing service, with who is who. */
export type StatementForDocument = {
  locale: string
  currency_code: string
  from: Date | string | null
  to: Date | string | null
  opening_balance: string
  closing_balance: string
  entries: {
    date: string
    type: string
    number: string | null
    description: string | null
    debit: string
    credit: string
    balance: string
  }[]
  seller: Record<string, any> | null
  customer: { name?: string | null; company?: string | null; email?: string | null } | null
  generated_at: Date
}

const periodOf = (s: StatementForDocument) =>
  `${s.from ? formatDateForDocument(s.from, s.locale) : "…"} – ${s.to ? formatDateForDocument(s.to, s.locale) : "…"}`

/** Renders a statement of account as an A4 PDF: opening balance, every movement, closing balance. */
export async function renderStatementPdf(statement: StatementForDocument): Promise<Buffer> {
  const t = labelsFor(statement.locale)
  const money = (v: string) => (v === "0" ? "" : formatMoneyForDocument(v, statement.currency_code, statement.locale))
  const balance = (v: string) => formatMoneyForDocument(v, statement.currency_code, statement.locale)
  const { pdf, done, left, right, width } = openPdf({
    title: t.statement,
    author: statement.seller?.company_name ?? "",
    date: statement.generated_at,
    content: [statement, t],
  })
  const sellerBottom = drawSeller(pdf, statement.seller ?? {}, t, { left, width })
  pdf.font("bold").fontSize(18).fillColor("black").text(t.statement, left + width / 2, PAGE.margin, { width: width / 2, align: "right" })
  drawMeta(
    pdf,
    [
      [t.period, periodOf(statement)],
      [t.currency, statement.currency_code.toUpperCase()],
      [t.closingBalance, balance(statement.closing_balance)],
    ],
    { left, width }
  )
  let y = Math.max(sellerBottom, pdf.y) + 20
  pdf.font("bold").fontSize(9).fillColor(GREY).text(t.customer, left, y)
  pdf.font("regular").fontSize(10).fillColor("black")
  for (const line of [statement.customer?.company, statement.customer?.name, statement.customer?.email].filter(Boolean)) {
    pdf.text(line as string, left, pdf.y, { width: width / 2 })
  }

  y = pdf.y + 18
  const cols = [
    { x: left, w: width * 0.14, align: "left" as const },
    { x: left + width * 0.14, w: width * 0.34, align: "left" as const },
    { x: left + width * 0.48, w: width * 0.17, align: "right" as const },
    { x: left + width * 0.65, w: width * 0.17, align: "right" as const },
    { x: left + width * 0.82, w: width * 0.18, align: "right" as const },
  ]
  const row = (cells: string[], font: "regular" | "bold" = "regular", color = "black") => {
    if (y > PAGE.height - PAGE.margin - 30) {
      pdf.addPage()
      y = PAGE.margin
      header()
    }
    pdf.font(font).fontSize(8.5).fillColor(color)
    cells.forEach((cell, i) => pdf.text(cell, cols[i].x, y, { width: cols[i].w, align: cols[i].align, lineBreak: false, ellipsis: true }))
    y += 14
  }
  const header = () => {
    row([t.date, t.document, t.debit, t.credit, t.balance], "bold", GREY)
    pdf.moveTo(left, y - 3).lineTo(right, y - 3).strokeColor(LINE).stroke()
    y += 2
  }
  header()
  row(["", t.openingBalance, "", "", balance(statement.opening_balance)], "bold")
  for (const e of statement.entries) {
    const document = [t.entryTypes[e.type] ?? e.type, e.number, e.description].filter(Boolean).join(" · ")
    row([formatDateForDocument(e.date, statement.locale), document, money(e.debit), money(e.credit), balance(e.balance)])
  }
  pdf.moveTo(left, y - 2).lineTo(right, y - 2).strokeColor(LINE).stroke()
  y += 2
  row(["", t.closingBalance, "", "", balance(statement.closing_balance)], "bold")
  pdf.font("regular").fontSize(8).fillColor(GREY).text(t.balanceNote, left, y + 10, { width })

  drawPageNumbers(pdf, `${t.statement} ${statement.currency_code.toUpperCase()}`, t, { left, width })
  pdf.end()
  return done
}

const csvCell = (value: string | null | undefined) => {
  const text = value ?? ""
  // Quote what needs it; a leading = + - @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The statement as CSV (UTF-8, one header row, amounts as plain decimals with a dot). */
export function statementCsv(statement: Pick<StatementForDocument, "currency_code" | "opening_balance" | "closing_balance" | "entries" | "from">) {
  const lines = [["date", "type", "number", "description", "debit", "credit", "balance", "currency"]]
  const opening = statement.from ? new Date(statement.from).toISOString().slice(0, 10) : ""
  lines.push([opening, "opening_balance", "", "", "", "", statement.opening_balance, statement.currency_code])
  for (const e of statement.entries) {
    lines.push([e.date.slice(0, 10), e.type, e.number ?? "", e.description ?? "", e.debit, e.credit, e.balance, statement.currency_code])
  }
  lines.push(["", "closing_balance", "", "", "", "", statement.closing_balance, statement.currency_code])
  return lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n"
}

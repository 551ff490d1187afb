import { formatDateForDocument, formatMoneyForDocument, labelsFor } from "./labels"
import { drawMeta, drawPageNumbers, drawSeller, GREY, LINE, openPdf, PAGE } from "./pdf-base"

/** Everything printed on a receipt: the payment, who paid, where it landed and what it paid. */
export type ReceiptForPdf = {
  receipt_number: string | null
  locale: string
  currency_code: string
  amount: number | string
  amount_unapplied: number | string
  amount_refunded: number | string
  method: string
  received_at: Date | string
  reference: string | null
  account_name: string | null
  seller: Record<string, any> | null
  buyer: { name?: string | null; company?: string | null; email?: string | null } | null
  allocations: { invoice_number: string | null; amount: number | string }[]
}

/** Renders a payment's receipt as an A4 PDF in the customer's language. */
export async function renderReceiptPdf(receipt: ReceiptForPdf): Promise<Buffer> {
  const t = labelsFor(receipt.locale)
  const money = (v: number | string) => formatMoneyForDocument(v, receipt.currency_code, receipt.locale)
  const { pdf, done, left, right, width } = openPdf({
    title: `${t.receipt} ${receipt.receipt_number ?? ""}`.trim(),
    author: receipt.seller?.company_name ?? "",
    date: new Date(receipt.received_at),
    content: [receipt, t],
  })
  const sellerBottom = drawSeller(pdf, receipt.seller ?? {}, t, { left, width })
  pdf.font("bold").fontSize(20).fillColor("black").text(t.receipt, left + width / 2, PAGE.margin, { width: width / 2, align: "right" })
  drawMeta(
    pdf,
    [
      [t.number, receipt.receipt_number ?? "—"],
      [t.received, formatDateForDocument(receipt.received_at, receipt.locale)],
    ],
    { left, width }
  )

  let y = Math.max(sellerBottom, pdf.y) + 24
  pdf.font("bold").fontSize(9).fillColor(GREY).text(t.receivedFrom, left, y)
  pdf.font("regular").fontSize(10).fillColor("black")
  for (const line of [receipt.buyer?.company, receipt.buyer?.name, receipt.buyer?.email].filter(Boolean)) {
    pdf.text(line as string, left, pdf.y, { width: width / 2 })
  }

  // The amount, large, then how it was paid.
  y = pdf.y + 24
  pdf.font("regular").fontSize(9).fillColor(GREY).text(t.amountReceived, left, y)
  pdf.font("bold").fontSize(22).fillColor("black").text(money(receipt.amount), left, pdf.y + 2)
  y = pdf.y + 12
  const facts: [string, string][] = [
    [t.method, t.methods[receipt.method] ?? receipt.method],
    ...(receipt.account_name ? ([[t.account, receipt.account_name]] as [string, string][]) : []),
    ...(receipt.reference ? ([[t.reference, receipt.reference]] as [string, string][]) : []),
  ]
  pdf.font("regular").fontSize(9)
  for (const [label, value] of facts) {
    pdf.fillColor(GREY).text(label, left, y, { width: width * 0.25 })
    pdf.fillColor("black").text(value, left + width * 0.25, y, { width: width * 0.75 })
    y = pdf.y + 4
  }

  // What it paid.
  y += 16
  pdf.font("bold").fontSize(8.5).fillColor(GREY)
  pdf.text(t.appliedTo, left, y, { width: width * 0.6 })
  pdf.text(t.amount, left + width * 0.6, y, { width: width * 0.4, align: "right" })
  y += 14
  pdf.moveTo(left, y).lineTo(right, y).strokeColor(LINE).stroke()
  y += 6
  const rows: [string, number | string, boolean][] = [
    ...receipt.allocations.map((a) => [`${t.invoice} ${a.invoice_number ?? ""}`, a.amount, false] as [string, number | string, boolean]),
    ...(Number(receipt.amount_unapplied) !== 0 ? ([[t.unapplied, receipt.amount_unapplied, false]] as [string, number | string, boolean][]) : []),
    ...(Number(receipt.amount_refunded) !== 0 ? ([[t.refunded, receipt.amount_refunded, false]] as [string, number | string, boolean][]) : []),
    [t.total, receipt.amount, true],
  ]
  for (const [label, value, strong] of rows) {
    if (y > PAGE.height - PAGE.margin - 40) {
      pdf.addPage()
      y = PAGE.margin
    }
    pdf.font(strong ? "bold" : "regular").fontSize(strong ? 10.5 : 9).fillColor("black")
    pdf.text(label, left, y, { width: width * 0.6 })
    pdf.text(money(value), left + width * 0.6, y, { width: width * 0.4, align: "right" })
    y += strong ? 18 : 14
  }
  pdf.font("regular").fontSize(9).fillColor(GREY).text(t.thanks, left, y + 16, { width })

  drawPageNumbers(pdf, receipt.receipt_number ?? "", t, { left, width })
  pdf.end()
  return done
}

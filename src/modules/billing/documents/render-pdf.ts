import { formatDateForDocument, formatMoneyForDocument, labelsFor } from "./labels"
import { drawMeta, drawPageNumbers, drawSeller, GREY, LINE, openPdf, PAGE } from "./pdf-base"

/** Everything printed on an invoice or credit note: the frozen document as the service returns it. */
export type DocumentForPdf = {
  type: "invoice" | "credit_note"
  status: string
  number: string | null
  locale: string
  currency_code: string
  issued_at: Date | string | null
  due_at: Date | string | null
  payment_terms_days: number
  order_display_id: number | null
  seller: Record<string, any> | null
  buyer: Record<string, any> | null
  subtotal: number | string
  shipping_total: number | string
  discount_total: number | string
  tax_total: number | string
  rounding_total: number | string
  total: number | string
  tax_summary: { code: string | null; rate: string; taxable_amount: string; amount: string }[] | null
  notes: string | null
  reason?: string | null
  original_number?: string | null
  lines: {
    kind: string
    rank: number
    title: string
    subtitle: string | null
    sku: string | null
    quantity: number | string
    unit_price: number | string
    discount_total: number | string
    tax_total: number | string
    total: number | string
    tax_lines: { rate: string }[] | null
  }[]
}

/**
 * Renders an invoice or credit note as an A4 PDF in the document's language. Pure: the same
 * document gives the same bytes (the PDF's dates are the issue date), so what was stored at
 * issue can always be checked.
 */
export async function renderDocumentPdf(doc: DocumentForPdf): Promise<Buffer> {
  const t = labelsFor(doc.locale)
  const money = (v: number | string) => formatMoneyForDocument(v, doc.currency_code, doc.locale)
  const date = (v: Date | string | null) => formatDateForDocument(v, doc.locale)
  const title = doc.type === "credit_note" ? t.credit_note : t.invoice
  const when = doc.issued_at ? new Date(doc.issued_at) : new Date(0)

  const { pdf, done, left, right, width } = openPdf({
    title: `${title} ${doc.number ?? ""}`.trim(),
    author: doc.seller?.company_name ?? "",
    date: when,
    content: [doc, t],
  })

  // Seller (left) and document title (right).
  const seller = doc.seller ?? {}
  const sellerBottom = drawSeller(pdf, seller, t, { left, width })

  pdf.font("bold").fontSize(20).fillColor("black").text(title, left + width / 2, PAGE.margin, { width: width / 2, align: "right" })
  const meta: [string, string][] = [
    [t.number, doc.number ?? "—"],
    [t.issued, date(doc.issued_at)],
    ...(doc.type === "invoice" ? ([[t.due, date(doc.due_at)]] as [string, string][]) : []),
    ...(doc.order_display_id ? ([[t.order, `#${doc.order_display_id}`]] as [string, string][]) : []),
  ]
  drawMeta(pdf, meta, { left, width })
  if (doc.status === "draft") {
    pdf.font("bold").fillColor("#b91c1c").text(t.draft, left + width / 2, pdf.y + 4, { width: width / 2, align: "right" })
  }

  // Buyer.
  let y = Math.max(sellerBottom, pdf.y) + 24
  const buyer = doc.buyer ?? {}
  const address = buyer.address ?? {}
  pdf.font("bold").fontSize(9).fillColor(GREY).text(t.billTo, left, y)
  pdf.font("regular").fontSize(10).fillColor("black")
  for (const line of [
    buyer.company,
    buyer.name,
    address.address_1,
    address.address_2,
    [address.postal_code, address.city].filter(Boolean).join(" "),
    address.country_code?.toUpperCase(),
    buyer.tax_id && `${t.taxId}: ${buyer.tax_id}`,
    buyer.email,
  ].filter(Boolean)) {
    pdf.text(line as string, left, pdf.y, { width: width / 2 })
  }
  if (doc.type === "credit_note") {
    pdf.moveDown(0.5).fontSize(9)
    if (doc.original_number) pdf.fillColor(GREY).text(`${t.corrects}: `, { continued: true }).fillColor("black").text(doc.original_number)
    if (doc.reason) pdf.fillColor(GREY).text(`${t.reason}: `, { continued: true }).fillColor("black").text(doc.reason)
  }

  // Lines.
  y = pdf.y + 20
  const cols = [
    { key: "item", x: left, w: width * 0.38, align: "left" as const },
    { key: "quantity", x: left + width * 0.38, w: width * 0.08, align: "right" as const },
    { key: "unitPrice", x: left + width * 0.46, w: width * 0.14, align: "right" as const },
    { key: "discount", x: left + width * 0.6, w: width * 0.12, align: "right" as const },
    { key: "tax", x: left + width * 0.72, w: width * 0.12, align: "right" as const },
    { key: "amount", x: left + width * 0.84, w: width * 0.16, align: "right" as const },
  ]
  const header = () => {
    pdf.font("bold").fontSize(8.5).fillColor(GREY)
    for (const c of cols) pdf.text((t as any)[c.key], c.x, y, { width: c.w, align: c.align })
    y += 14
    pdf.moveTo(left, y).lineTo(right, y).strokeColor(LINE).stroke()
    y += 6
  }
  header()
  for (const line of [...doc.lines].sort((a, b) => a.rank - b.rank)) {
    const name = line.kind === "rounding" ? t.rounding : line.title
    const sub = [line.subtitle, line.sku].filter(Boolean).join(" · ")
    const rates = (line.tax_lines ?? []).map((tl) => `${tl.rate}%`).join(" + ")
    pdf.font("regular").fontSize(9)
    const height = Math.max(pdf.heightOfString(name, { width: cols[0].w }) + (sub ? 11 : 0), rates ? 22 : 12)
    if (y + height > PAGE.height - PAGE.margin - 40) {
      pdf.addPage()
      y = PAGE.margin
      header()
    }
    pdf.font("regular").fontSize(9).fillColor("black").text(name, cols[0].x, y, { width: cols[0].w })
    if (sub) pdf.fontSize(7.5).fillColor(GREY).text(sub, cols[0].x, pdf.y, { width: cols[0].w })
    pdf.fontSize(9).fillColor("black")
    pdf.text(String(line.quantity), cols[1].x, y, { width: cols[1].w, align: "right" })
    pdf.text(money(line.unit_price), cols[2].x, y, { width: cols[2].w, align: "right" })
    pdf.text(money(line.discount_total), cols[3].x, y, { width: cols[3].w, align: "right" })
    pdf.text(money(line.tax_total), cols[4].x, y, { width: cols[4].w, align: "right" })
    if (rates) pdf.fontSize(7.5).fillColor(GREY).text(rates, cols[4].x, y + 11, { width: cols[4].w, align: "right" })
    pdf.fontSize(9).fillColor("black").text(money(line.total), cols[5].x, y, { width: cols[5].w, align: "right" })
    y += height + 6
    pdf.moveTo(left, y - 3).lineTo(right, y - 3).strokeColor(LINE).stroke()
  }

  // Totals.
  const totals: [string, number | string, boolean][] = [
    [t.subtotal, doc.subtotal, false],
    [t.shippingTotal, doc.shipping_total, false],
    [t.discountTotal, doc.discount_total, false],
    [t.taxTotal, doc.tax_total, false],
    ...(Number(doc.rounding_total) !== 0 ? ([[t.rounding, doc.rounding_total, false]] as [string, number | string, boolean][]) : []),
    [t.total, doc.total, true],
  ]
  if (y + totals.length * 16 + 20 > PAGE.height - PAGE.margin) {
    pdf.addPage()
    y = PAGE.margin
  }
  y += 8
  for (const [label, value, strong] of totals) {
    pdf.font(strong ? "bold" : "regular").fontSize(strong ? 11 : 9).fillColor(strong ? "black" : GREY)
    pdf.text(label, left + width * 0.55, y, { width: width * 0.25, align: "left" })
    pdf.fillColor("black").text(money(value), left + width * 0.8, y, { width: width * 0.2, align: "right" })
    y += strong ? 18 : 14
  }

  // Tax summary.
  if (doc.tax_summary?.length) {
    y += 10
    pdf.font("bold").fontSize(9).fillColor("black").text(t.taxSummary, left, y)
    y += 14
    pdf.font("regular").fontSize(8.5).fillColor(GREY)
    pdf.text(t.rate, left, y, { width: 120 })
    pdf.text(t.taxableAmount, left + 120, y, { width: 120, align: "right" })
    pdf.text(t.tax, left + 240, y, { width: 100, align: "right" })
    y += 12
    pdf.fillColor("black")
    for (const entry of doc.tax_summary) {
      pdf.text(`${entry.rate}%${entry.code ? ` (${entry.code})` : ""}`, left, y, { width: 120 })
      pdf.text(money(entry.taxable_amount), left + 120, y, { width: 120, align: "right" })
      pdf.text(money(entry.amount), left + 240, y, { width: 100, align: "right" })
      y += 12
    }
  }

  // Payment terms, bank details, notes.
  y += 14
  pdf.font("regular").fontSize(8.5).fillColor("black")
  if (doc.type === "invoice") {
    const terms = doc.payment_terms_days ? t.netDays(doc.payment_terms_days) : t.dueOnReceipt
    pdf.fillColor(GREY).text(`${t.paymentTerms}: `, left, y, { continued: true }).fillColor("black").text(terms)
    if (seller.iban) {
      const bank = [seller.bank_account_name ?? seller.company_name, seller.bank_name, `IBAN ${seller.iban}`, seller.bic && `BIC ${seller.bic}`]
        .filter(Boolean)
        .join(" · ")
      pdf.fillColor(GREY).text(`${t.bank}: `, { continued: true }).fillColor("black").text(bank)
    }
  }
  if (doc.notes) {
    pdf.moveDown(0.5).fillColor("black").text(doc.notes, left, pdf.y, { width })
  }

  drawPageNumbers(pdf, doc.number ?? "", t, { left, width })
  pdf.end()
  return done
}

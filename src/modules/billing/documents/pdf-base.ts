import fs from "fs"
import path from "path"
import PDFDocument from "pdfkit"

// Noto Sans SC covers Latin and Chinese; the fonts are read from disk once per process.
let fonts: { regular: Buffer; bold: Buffer } | null = null
function loadFonts() {
  if (!fonts) {
    // The package exports only its JS entry (dist/); the OTF files sit beside it in fonts/.
    const dir = path.join(path.dirname(require.resolve("@embedpdf/fonts-sc")), "..", "fonts")
    fonts = {
      regular: fs.readFileSync(path.join(dir, "NotoSansHans-Regular.otf")),
      bold: fs.readFileSync(path.join(dir, "NotoSansHans-Medium.otf")),
    }
  }
  return fonts
}

/**
 * Characters PDF's built-in Helvetica can print (Latin-1 plus the WinAnsi extras such as € – — “ ”).
 * Documents that need nothing else use it: parsing the 8 MB CJK font costs ~50 ms per document.
 */
const WIN_ANSI = /^[\x00-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]*$/

export const PAGE = { width: 595.28, height: 841.89, margin: 48 }
export const GREY = "#6b7280"
export const LINE = "#e5e7eb"

/**
 * An A4 PDF with fonts "regular" and "bold": Helvetica when everything in `content` fits
 * WinAnsi, Noto Sans SC otherwise. The PDF's dates are `date`, so the same input gives the same bytes.
 */
export function openPdf(input: { title: string; author: string; date: Date; content: unknown }) {
  const pdf = new PDFDocument({
    size: "A4",
    margin: PAGE.margin,
    bufferPages: true,
    info: { Title: input.title, Author: input.author, CreationDate: input.date, ModDate: input.date },
  })
  if (!WIN_ANSI.test(JSON.stringify(input.content))) {
    const { regular, bold } = loadFonts()
    pdf.registerFont("regular", regular)
    pdf.registerFont("bold", bold)
  } else {
    pdf.registerFont("regular", "Helvetica")
    pdf.registerFont("bold", "Helvetica-Bold")
  }
  const chunks: Buffer[] = []
  pdf.on("data", (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => pdf.on("end", () => resolve(Buffer.concat(chunks))))
  const left = PAGE.margin
  const right = PAGE.width - PAGE.margin
  return { pdf, done, left, right, width: right - left }
}

type Box = { left: number; width: number }

/** The merchant's name, address and contacts in the top-left half; returns where it ends. */
export function drawSeller(pdf: PDFKit.PDFDocument, seller: Record<string, any>, t: { taxId: string }, { left, width }: Box) {
  pdf.font("bold").fontSize(14).fillColor("black").text(seller.company_name ?? "", left, PAGE.margin, { width: width / 2 })
  pdf.font("regular").fontSize(9).fillColor(GREY)
  for (const line of [
    seller.address_1,
    seller.address_2,
    [seller.postal_code, seller.city].filter(Boolean).join(" "),
    seller.country_code?.toUpperCase(),
    seller.tax_id && `${t.taxId}: ${seller.tax_id}`,
    [seller.email, seller.phone].filter(Boolean).join(" · "),
  ].filter(Boolean)) {
    pdf.text(line as string, { width: width / 2 })
  }
  return pdf.y
}

/** Label/value pairs right-aligned in the top-right half, under the title; returns where they end. */
export function drawMeta(pdf: PDFKit.PDFDocument, meta: [string, string][], { left, width }: Box) {
  pdf.font("regular").fontSize(9)
  let y = pdf.y + 4
  for (const [label, value] of meta) {
    pdf.fillColor(GREY).text(label, left + width * 0.55, y, { width: width * 0.2 })
    pdf.fillColor("black").text(value, left + width * 0.75, y, { width: width * 0.25, align: "right" })
    y += 13
  }
  pdf.y = y
  return y
}

/** "NUMBER · Page n of m" in the bottom margin of every page. */
export function drawPageNumbers(
  pdf: PDFKit.PDFDocument,
  reference: string,
  t: { page: (n: number, of: number) => string },
  { left, width }: Box
) {
  const range = pdf.bufferedPageRange()
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i)
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    pdf.page.margins.bottom = 0
    pdf.font("regular").fontSize(7.5).fillColor(GREY)
    pdf.text(`${reference}  ·  ${t.page(i + 1, range.count)}`, left, PAGE.height - PAGE.margin + 10, {
      width,
      align: "right",
      lineBreak: false,
    })
  }
}

import type { MedusaResponse } from "@medusajs/framework/http"
import type { DocumentPdf } from "../../workflows/utils/document-pdf"

/** Answers with a PDF download named after the document's number. */
export function sendPdf(res: MedusaResponse, pdf: DocumentPdf) {
  res.setHeader("Content-Type", "application/pdf")
  res.setHeader("Content-Disposition", `attachment; filename="${pdf.filename.replace(/[^\w.\-]/g, "_")}"`)
  res.setHeader("Content-Length", String(pdf.content.length))
  res.status(200).end(pdf.content)
}

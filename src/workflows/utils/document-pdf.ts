import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../modules/billing"
import { DocumentForPdf, renderDocumentPdf } from "../../modules/billing/documents/render-pdf"
import type BillingModuleService from "../../modules/billing/service"

export type DocumentPdf = { filename: string; content: Buffer; stored: boolean }

/** The document as printed: the frozen invoice, its lines, and for a credit note the invoice it corrects. */
export async function loadDocumentForPdf(container: MedusaContainer, id: string) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const invoice = await billing.retrieveInvoice(id, { relations: ["lines"] })
  const original = invoice.original_invoice_id
    ? await billing.retrieveInvoice(invoice.original_invoice_id, { select: ["id", "number"] })
    : null
  return { invoice, document: { ...(invoice as any), original_number: original?.number ?? null } as DocumentForPdf }
}

const filenameOf = (doc: { type: string; number: string | null; id: string }) =>
  `${doc.number ?? `${doc.type === "credit_note" ? "credit-note" : "invoice"}-draft-${doc.id}`}.pdf`

/**
 * Renders an issued document once and keeps it in Medusa's File Module, so what the customer
 * received never changes afterwards. Returns the stored file id (existing or new).
 */
export async function storeDocumentPdf(container: MedusaContainer, id: string): Promise<string | null> {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const { invoice, document } = await loadDocumentForPdf(container, id)
  if (invoice.pdf_file_id || !invoice.issued_at) {
    return invoice.pdf_file_id ?? null
  }
  const content = await renderDocumentPdf(document)
  const file = await container.resolve(Modules.FILE).createFiles({
    filename: filenameOf(invoice as any),
    mimeType: "application/pdf",
    content: content.toString("base64"),
    access: "private",
  })
  return await billing.attachDocumentPdf(id, file.id)
}

/**
 * The PDF to download: the stored one for an issued document (stored now if an earlier attempt
 * failed), or a fresh "DRAFT" rendering for a draft, which is never stored.
 */
export async function documentPdf(container: MedusaContainer, id: string): Promise<DocumentPdf> {
  const { invoice, document } = await loadDocumentForPdf(container, id)
  const filename = filenameOf(invoice as any)
  if (!invoice.issued_at) {
    return { filename, content: await renderDocumentPdf(document), stored: false }
  }
  const fileId = invoice.pdf_file_id ?? (await storeDocumentPdf(container, id))
  const content = await container.resolve(Modules.FILE).getAsBuffer(fileId!)
  return { filename, content, stored: true }
}

/**
 * The PDFs of many issued documents at once (reminders, in pages): their stored files read once
 * each, and documents without a stored PDF yet rendered and stored like `documentPdf` does.
 */
export async function documentPdfs(container: MedusaContainer, ids: string[]): Promise<Map<string, DocumentPdf>> {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const files = container.resolve(Modules.FILE)
  const documents = await billing.listInvoices({ id: ids }, { select: ["id", "type", "number", "issued_at", "pdf_file_id"] })
  const contents = new Map<string, Buffer>()
  const pdfs = new Map<string, DocumentPdf>()
  for (const doc of documents) {
    if (!doc.issued_at || !doc.pdf_file_id) {
      pdfs.set(doc.id, await documentPdf(container, doc.id))
      continue
    }
    if (!contents.has(doc.pdf_file_id)) contents.set(doc.pdf_file_id, await files.getAsBuffer(doc.pdf_file_id))
    pdfs.set(doc.id, { filename: filenameOf(doc as any), content: contents.get(doc.pdf_file_id)!, stored: true })
  }
  return pdfs
}

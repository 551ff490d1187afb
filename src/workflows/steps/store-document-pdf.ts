import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { storeDocumentPdf } from "../utils/document-pdf"

export const storeDocumentPdfStepId = "store-document-pdf"

/**
 * This step renders an issued document's PDF and stores it through the File Module. A failure
 * here never un-issues the document: it is logged, and the PDF is stored at the first download.
 */
export const storeDocumentPdfStep = createStep(storeDocumentPdfStepId, async (input: { id: string }, { container }) => {
  try {
    return new StepResponse({ id: input.id, pdf_file_id: await storeDocumentPdf(container, input.id) })
  } catch (e) {
    container.resolve("logger").warn(`Billing could not store the PDF of ${input.id} at issue: ${(e as Error).message}`)
    return new StepResponse({ id: input.id, pdf_file_id: null })
  }
})

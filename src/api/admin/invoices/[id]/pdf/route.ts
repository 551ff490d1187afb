import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { documentPdf } from "../../../../../workflows/utils/document-pdf"
import { sendPdf } from "../../../../utils/send-pdf"

/** Downloads the document's PDF: the one stored at issue, or a "DRAFT" rendering of a draft. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  sendPdf(res, await documentPdf(req.scope, req.params.id))
}

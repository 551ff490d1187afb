import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { documentPdf } from "../../../../../../../workflows/utils/document-pdf"
import { sendPdf } from "../../../../../../utils/send-pdf"
import { retrieveOwnDocument } from "../../helpers"

/** Downloads one of the logged-in customer's documents as the PDF stored at issue. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { id } = await retrieveOwnDocument(req, ["id"])
  sendPdf(res, await documentPdf(req.scope, id))
}

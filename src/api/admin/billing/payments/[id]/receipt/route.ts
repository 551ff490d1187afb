import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { receiptPdf } from "../../../../../../workflows/utils/billing-documents"
import { sendPdf } from "../../../../../utils/send-pdf"

/** Downloads the payment's receipt as a PDF, in the customer's document language. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  sendPdf(res, await receiptPdf(req.scope, req.params.id))
}

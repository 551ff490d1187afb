import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { receiptPdf } from "../../../../../../../workflows/utils/billing-documents"
import { sendPdf } from "../../../../../../utils/send-pdf"
import { retrieveOwnPayment } from "../../helpers"

/** The receipt of one of the logged-in customer's payments, as a PDF. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const payment = await retrieveOwnPayment(req)
  sendPdf(res, await receiptPdf(req.scope, payment.id))
}

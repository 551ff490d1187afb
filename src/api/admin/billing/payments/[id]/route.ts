import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { paymentDetail } from "../helpers"

/** One payment with its allocations, refunds and unapplied credit. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ payment: await paymentDetail(req.scope, req.params.id) })
}

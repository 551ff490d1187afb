import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refetchInvoice } from "../helpers"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const invoice = await refetchInvoice(req.params.id, req.scope, req.queryConfig.fields)
  res.json({ invoice })
}

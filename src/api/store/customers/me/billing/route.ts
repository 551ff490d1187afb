import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { customerReceivable } from "../../../../utils/receivable"

/** The logged-in customer's own balance, credit and overdue per currency, open invoices and latest payments. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ billing: await customerReceivable(req.scope, req.auth_context.actor_id) })
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { billingOf } from "../../helpers"
import type { AdminAgingInvoicesParamsType } from "../../validators"

/**
 * The invoices behind one customer's aging figure in one currency (or one bucket of it), each with
 * the part of the balance that is still open on it: their open amounts add up to the figure.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminAgingInvoicesParamsType>, res: MedusaResponse) => {
  res.json(await billingOf(req).listAgingInvoices(req.validatedQuery as AdminAgingInvoicesParamsType))
}

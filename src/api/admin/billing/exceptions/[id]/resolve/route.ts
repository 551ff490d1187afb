import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolveException } from "../../../../../../workflows/utils/reconciliation"
import { actorOf } from "../../../reconciliations/helpers"
import type { AdminResolveExceptionType } from "../../../reconciliations/validators"

/**
 * Resolves an exception by an action: create_invoice, record_payment, link, write_off, or
 * explain (a note is required). Resolving an exception that is already resolved is refused.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminResolveExceptionType>, res: MedusaResponse) => {
  const exception = await resolveException(req.scope, req.params.id, req.validatedBody, actorOf(req))
  res.json({ exception })
}

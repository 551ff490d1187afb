import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { GetStatementParamsType, respondWithStatement } from "../../../../../utils/statement"

/** The logged-in customer's own statement of account for a period: JSON, PDF or CSV. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, GetStatementParamsType>, res: MedusaResponse) => {
  await respondWithStatement(req.scope, res, req.auth_context.actor_id, req.validatedQuery as GetStatementParamsType)
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { GetStatementParamsType, respondWithStatement } from "../../../../utils/statement"

/** A customer's statement of account for a period, in one currency: JSON, PDF or CSV. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, GetStatementParamsType>, res: MedusaResponse) => {
  await respondWithStatement(req.scope, res, req.params.id, req.validatedQuery as GetStatementParamsType)
}

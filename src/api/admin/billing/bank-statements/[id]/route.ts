import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { billingOf } from "../../reconciliations/helpers"

/** A statement with its lines (status and the payment each brought). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing = billingOf(req)
  const statement = await billing.retrieveBankStatement(req.params.id)
  const limit = Math.min(1000, Math.max(1, Number(req.query.limit ?? 200) || 200))
  const offset = Math.max(0, Number(req.query.offset ?? 0) || 0)
  const [lines, count] = await billing.listAndCountBankStatementLines({ statement_id: statement.id }, { skip: offset, take: limit, order: { row_number: "ASC" } })
  res.json({ bank_statement: statement, lines, count, offset, limit })
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { detectFormat, StatementMapping } from "../../../../../modules/billing/domain/bank-statement"
import { billingOf } from "../../reconciliations/helpers"
import type { AdminPreviewBankStatementType } from "../../reconciliations/validators"
import { csvPreview, readStatement, statementAccount } from "../helpers"

/**
 * What an import would read, without importing: the header and first rows, the mapping (given,
 * saved on the account, or guessed), the first lines read with it, and every row it cannot read.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminPreviewBankStatementType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const account = await statementAccount(billingOf(req), body.collection_account_id)
  const format = body.format ?? detectFormat(body.content)
  const preview = format === "csv" ? csvPreview(body.content, (body.mapping ?? account.statement_mapping ?? null) as StatementMapping | null) : null
  let lines: unknown[] = []
  let errors: { row: number; reason: string }[] = []
  let line_count = 0
  try {
    const read = readStatement(body.content, format, (preview?.mapping ?? null) as StatementMapping | null, account.currency_code)
    line_count = read.lines.length
    lines = read.lines.slice(0, 20)
  } catch (e) {
    if (!(e instanceof MedusaError)) throw e
    errors = (e as any).errors ?? [{ row: 0, reason: e.message }]
  }
  res.json({ format, currency_code: account.currency_code, header: preview?.header ?? null, sample: preview?.sample ?? null, mapping: preview?.mapping ?? null, line_count, lines, errors })
}

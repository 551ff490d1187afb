import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import type { StatementMapping } from "../../../../modules/billing/domain/bank-statement"
import { BillingEvents } from "../../../../workflows/events"
import { actorOf, announceRun, billingOf, withMatchRate } from "../reconciliations/helpers"
import type { AdminImportBankStatementType } from "../reconciliations/validators"
import { readStatement, statementAccount } from "./helpers"

/** Imported bank statements, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, { limit: number; offset: number; collection_account_id?: string }>, res: MedusaResponse) => {
  const { limit, offset, collection_account_id } = req.validatedQuery as { limit: number; offset: number; collection_account_id?: string }
  const [statements, count] = await billingOf(req).listAndCountBankStatements(collection_account_id ? { collection_account_id } : {}, {
    skip: offset,
    take: limit,
    order: { created_at: "DESC" },
  })
  res.json({ bank_statements: statements, count, offset, limit })
}

/**
 * Imports a statement for a collection account: read whole or refused whole (each bad row named),
 * lines already known not added again, the mapping kept for the account's next files, and the
 * new lines matched at once in a bank reconciliation run (202 while it runs).
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminImportBankStatementType>, res: MedusaResponse) => {
  const billing = billingOf(req)
  const body = req.validatedBody
  const account = await statementAccount(billing, body.collection_account_id)
  const mapping = (body.mapping ?? account.statement_mapping ?? null) as StatementMapping | null
  const read = readStatement(body.content, body.format, mapping, account.currency_code)
  const { statement, already_imported } = await billing.importBankStatement({
    collection_account_id: account.id,
    file_name: body.file_name,
    format: read.format,
    content: body.content,
    lines: read.lines,
    mapping: read.mapping,
    actor: actorOf(req),
  })
  if (read.mapping && body.save_mapping && !already_imported) {
    await billing.updateCollectionAccounts({ id: account.id, statement_mapping: read.mapping } as any)
  }
  let reconciliation: unknown = null
  if (!already_imported) {
    await req.scope.resolve(Modules.EVENT_BUS).emit({
      name: BillingEvents.BANK_STATEMENT_IMPORTED,
      data: { id: statement.id, collection_account_id: account.id, line_count: statement.line_count, new_line_count: statement.new_line_count },
    })
    if (body.reconcile) {
      const run = await billing.startReconciliationRun({
        kind: "bank_statement",
        params: { collection_account_id: account.id, bank_statement_id: statement.id, ...(body.tolerances ? { tolerances: body.tolerances } : {}) },
        actor: actorOf(req),
      })
      await announceRun(req.scope, run.id)
      reconciliation = withMatchRate(run as any)
    }
  }
  res.status(already_imported ? 200 : 201).json({ bank_statement: statement, already_imported, reconciliation })
}

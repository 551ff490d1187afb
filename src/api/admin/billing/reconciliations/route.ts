import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { actorOf, announceRun, billingOf, periodOfDays, withMatchRate } from "./helpers"
import type { AdminCreateReconciliationType, AdminGetReconciliationsParamsType } from "./validators"

/** Reconciliation runs, newest first, with their progress and match rate. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetReconciliationsParamsType>, res: MedusaResponse) => {
  const { limit, offset, kind, status } = req.validatedQuery as AdminGetReconciliationsParamsType
  const filters: Record<string, unknown> = {}
  if (kind) filters.kind = kind
  if (status) filters.status = status
  const [runs, count] = await billingOf(req).listAndCountReconciliationRuns(filters, { skip: offset, take: limit, order: { started_at: "DESC" } })
  res.json({ reconciliations: runs.map((r: any) => withMatchRate(r)), count, offset, limit })
}

/** Starts a run (answered at once with 202); it runs in the background and shows its progress. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateReconciliationType>, res: MedusaResponse) => {
  const billing = billingOf(req)
  const body = req.validatedBody
  const params: Record<string, unknown> = {}
  if (body.from && body.to) {
    const { from, to } = periodOfDays(body.from, body.to)
    Object.assign(params, { from: from.toISOString(), to: to.toISOString() })
  }
  if (body.kind === "stripe_payout" && body.payout_id) {
    const [payout] = await billing.listStripePayouts({ external_id: body.payout_id }, { select: ["id", "status", "transactions_fetched_at"] })
    if (!payout) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Stripe payout ${body.payout_id} is not known to billing yet (it arrives with Stripe's payout events).`)
    }
    params.payout_id = body.payout_id
  }
  if (body.kind === "bank_statement") {
    const [account] = await billing.listCollectionAccounts({ id: body.collection_account_id! }, { select: ["id", "currency_code"] })
    if (!account) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Collection account with id: ${body.collection_account_id} was not found`)
    }
    if (body.bank_statement_id) {
      const [statement] = await billing.listBankStatements({ id: body.bank_statement_id, collection_account_id: account.id }, { select: ["id"] })
      if (!statement) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Bank statement ${body.bank_statement_id} of this collection account was not found`)
      }
    }
    Object.assign(params, { collection_account_id: account.id, bank_statement_id: body.bank_statement_id ?? null })
  }
  if (body.tolerances) params.tolerances = body.tolerances
  const run = await billing.startReconciliationRun({ kind: body.kind, params, actor: actorOf(req) })
  await announceRun(req.scope, run.id)
  res.status(202).json({ reconciliation: withMatchRate(run as any) })
}

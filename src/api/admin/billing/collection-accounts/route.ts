import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../modules/billing"
import { isKnownCurrency } from "../../../../modules/billing/domain/currencies"
import type BillingModuleService from "../../../../modules/billing/service"
import { MedusaError } from "@medusajs/framework/utils"
import type { AdminCreateCollectionAccountType } from "./validators"

/** Collection accounts (收款账户), active first. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const collection_accounts = await billing.listCollectionAccounts({}, { order: { is_active: "DESC", name: "ASC" } })
  res.json({ collection_accounts })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateCollectionAccountType>, res: MedusaResponse) => {
  const body = req.validatedBody
  if (body.currency_code && !isKnownCurrency(body.currency_code)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Unknown currency "${body.currency_code}": use an ISO 4217 code such as eur.`)
  }
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const collection_account = await billing.createCollectionAccounts(body as any)
  await billing.logActivity({
    entity_type: "collection_account",
    entity_id: collection_account.id,
    action: "collection_account.created",
    actor_type: "user",
    actor_id: req.auth_context.actor_id,
    data: { name: collection_account.name },
  })
  res.status(201).json({ collection_account })
}

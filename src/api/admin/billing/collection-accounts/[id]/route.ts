import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import type { AdminUpdateCollectionAccountType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  res.json({ collection_account: await billing.retrieveCollectionAccount(req.params.id) })
}

/** Renames, changes details, or archives (is_active: false) an account; accounts are never deleted. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateCollectionAccountType>, res: MedusaResponse) => {
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  await billing.retrieveCollectionAccount(req.params.id)
  const collection_account = await billing.updateCollectionAccounts({ id: req.params.id, ...req.validatedBody } as any)
  await billing.logActivity({
    entity_type: "collection_account",
    entity_id: req.params.id,
    action: "collection_account.updated",
    actor_type: "user",
    actor_id: req.auth_context.actor_id,
    data: { fields: Object.keys(req.validatedBody) },
  })
  res.json({ collection_account })
}

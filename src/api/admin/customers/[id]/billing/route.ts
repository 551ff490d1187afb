import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import type { AdminUpdateCustomerBillingType } from "../../../billing/validators"
import { assertCustomer, customerReceivable } from "../../../../utils/receivable"

async function customerBilling(req: AuthenticatedMedusaRequest) {
  await assertCustomer(req.scope, req.params.id)
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  const [own] = await billing.listCustomerBillingSettings({ customer_id: req.params.id })
  const effective = await billing.documentDefaults(req.params.id)
  return {
    customer_id: req.params.id,
    settings: { payment_terms_days: own?.payment_terms_days ?? null, locale: own?.locale ?? null },
    effective: { payment_terms_days: effective.payment_terms_days, locale: effective.locale },
    reminders_paused: await billing.retrieveReminderPause(req.params.id),
  }
}

/**
 * A customer's billing: their terms (own overrides and what applies in effect), balance, credit,
 * overdue and aging per currency, open invoices, latest invoices and payments.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const terms = await customerBilling(req)
  res.json({ billing: { ...terms, ...(await customerReceivable(req.scope, req.params.id)) } })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateCustomerBillingType>, res: MedusaResponse) => {
  await customerBilling(req)
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  await billing.upsertCustomerSettings(req.params.id, req.validatedBody, { actor_type: "user", actor_id: req.auth_context.actor_id })
  res.json({ billing: { ...(await customerBilling(req)), ...(await customerReceivable(req.scope, req.params.id)) } })
}

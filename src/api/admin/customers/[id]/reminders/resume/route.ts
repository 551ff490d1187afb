import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../../modules/billing"
import type BillingModuleService from "../../../../../../modules/billing/service"
import { assertCustomer } from "../../../../../utils/receivable"

/** Resumes a customer's reminders paused by hand (a dispute or a pending promise may still pause them). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertCustomer(req.scope, req.params.id)
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  await billing.resumeReminders(req.params.id, { actor_type: "user", actor_id: req.auth_context.actor_id })
  res.json({ reminders_paused: await billing.retrieveReminderPause(req.params.id) })
}

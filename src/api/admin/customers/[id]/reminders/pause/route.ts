import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../../modules/billing"
import type BillingModuleService from "../../../../../../modules/billing/service"
import { assertCustomer } from "../../../../../utils/receivable"
import type { AdminPauseRemindersType } from "../../../../billing/validators"

/** Pauses a customer's payment reminders by hand, until a day or until resumed, with a reason. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminPauseRemindersType>, res: MedusaResponse) => {
  await assertCustomer(req.scope, req.params.id)
  const billing = req.scope.resolve<BillingModuleService>(BILLING_MODULE)
  await billing.pauseReminders(req.params.id, req.validatedBody, { actor_type: "user", actor_id: req.auth_context.actor_id })
  res.json({ reminders_paused: await billing.retrieveReminderPause(req.params.id) })
}

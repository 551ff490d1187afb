import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { billingOf, withCustomerNames } from "../reports/helpers"
import type { AdminCollectionsQueueParamsType } from "../reports/validators"

/**
 * The collections queue: customers with invoices past due today, per currency, riskiest first
 * (overdue amount × oldest days overdue, doubled after a broken promise), with their overdue
 * invoices, reminders, last contact, next action, latest promise and reminder pause.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminCollectionsQueueParamsType>, res: MedusaResponse) => {
  const queue = await billingOf(req).listCollectionsQueue(req.validatedQuery as AdminCollectionsQueueParamsType)
  res.json({ ...queue, customers: await withCustomerNames(req, queue.customers) })
}

import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../modules/billing"
import type BillingModuleService from "../modules/billing/service"
import { runReconciliation } from "../workflows/utils/reconciliation"

/**
 * On the first of each month: the orders of the month that ended are reconciled with their
 * invoices and payments (a three-way run started by the schedule), before the month is closed.
 */
export default async function reconcileOrdersMonthlyJob(container: MedusaContainer) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const now = new Date()
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))
  const run = await billing.startReconciliationRun({
    kind: "three_way",
    params: { from: from.toISOString(), to: to.toISOString() },
    actor: { actor_type: "system", actor_id: "schedule" },
  })
  try {
    const finished = await runReconciliation(container, run.id)
    container.resolve(ContainerRegistrationKeys.LOGGER).info(
      `[billing] Orders of ${from.toISOString().slice(0, 7)} reconciled: ${finished.matched_count} matched, ${finished.exception_count} exception(s).`
    )
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`[billing] Monthly order reconciliation failed: ${(e as Error).message}`)
  }
}

export const config = { name: "billing-reconcile-orders-monthly", schedule: "0 3 1 * *" }

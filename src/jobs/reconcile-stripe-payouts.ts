import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../modules/billing"
import type BillingModuleService from "../modules/billing/service"
import { runReconciliation } from "../workflows/utils/reconciliation"

/**
 * Every night: each paid Stripe payout whose balance transactions are in and that no run has
 * reconciled yet gets its own reconciliation run, started by the schedule. Runs are per payout,
 * so a payout is never reconciled twice by the schedule, and the admin sees one run per payout.
 */
export default async function reconcileStripePayoutsJob(container: MedusaContainer) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const payoutIds = await billing.listPayoutsToReconcile()
  for (const payoutId of payoutIds) {
    const run = await billing.startReconciliationRun({ kind: "stripe_payout", params: { payout_id: payoutId }, actor: { actor_type: "system", actor_id: "schedule" } })
    try {
      await runReconciliation(container, run.id)
    } catch (e) {
      logger.warn(`[billing] Scheduled reconciliation of payout ${payoutId} failed: ${(e as Error).message}`)
    }
  }
  if (payoutIds.length) logger.info(`[billing] Reconciled ${payoutIds.length} Stripe payout(s).`)
}

export const config = { name: "billing-reconcile-stripe-payouts", schedule: "30 2 * * *" }

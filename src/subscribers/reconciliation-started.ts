import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { BillingEvents } from "../workflows/events"
import { runReconciliation } from "../workflows/utils/reconciliation"

/**
 * Runs a reconciliation run in the background (in the worker when Medusa runs several
 * processes); the admin follows its progress. A failure is kept on the run.
 */
export default async function runStartedReconciliation({ event, container }: SubscriberArgs<{ id: string }>) {
  try {
    await runReconciliation(container, event.data.id)
  } catch (e) {
    // Already marked failed on the run, with its error; the admin can run it again.
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`[billing] Reconciliation ${event.data.id}: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: BillingEvents.RECONCILIATION_STARTED,
  context: { subscriberId: "billing-run-reconciliation" },
}

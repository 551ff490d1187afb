import type { MedusaContainer } from "@medusajs/framework/types"
import { BILLING_MODULE } from "../modules/billing"
import type BillingModuleService from "../modules/billing/service"
import { processStripeEventWorkflow } from "../workflows/stripe-events"

/** Every minute: applies again the Stripe events that failed (after their backoff) or were never applied. */
export default async function retryStripeEvents(container: MedusaContainer) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  for (const id of await billing.listStripeEventIdsToRetry()) {
    await processStripeEventWorkflow(container).run({ input: { id } })
  }
}

export const config = { name: "billing-retry-stripe-events", schedule: "* * * * *" }

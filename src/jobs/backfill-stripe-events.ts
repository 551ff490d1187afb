import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { stripeSettings } from "../modules/billing/utils/stripe-webhook"
import { backfillStripeEvents } from "../workflows/utils/stripe-backfill"

/** Stripe retries an undelivered event for 3 days: the hourly backfill looks as far back. */
export const BACKFILL_WINDOW_MS = 3 * 24 * 3600 * 1000

/**
 * Every hour: fetches the events of the last 3 days that Stripe could not deliver (the endpoint
 * was down, refused them, or timed out) and stores and applies those billing has not seen.
 * Without an API key there is nothing to fetch: it says so and returns.
 */
export default async function backfillStripeEventsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  if (!stripeSettings().api_key) {
    logger.info("[billing] Stripe backfill skipped: set BILLING_STRIPE_API_KEY to fetch missed events from Stripe.")
    return
  }
  try {
    const result = await backfillStripeEvents(container, { since: new Date(Date.now() - BACKFILL_WINDOW_MS), undelivered_only: true })
    if (result.stored) {
      logger.info(`[billing] Stripe backfill: ${result.stored} missed event(s) stored of ${result.fetched} undelivered.`)
    }
  } catch (e) {
    // Stripe unreachable or the key refused: the next hour tries again (events stay 3 days in the window).
    logger.warn(`[billing] Stripe backfill failed: ${(e as Error).message}`)
  }
}

export const config = { name: "billing-backfill-stripe-events", schedule: "0 * * * *" }

import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { BILLING_MODULE } from "../../modules/billing"
import type BillingModuleService from "../../modules/billing/service"
import { stripeClient, stripeSettings } from "../../modules/billing/utils/stripe-webhook"
import { processStripeEventWorkflow } from "../stripe-events"
import { billingActsOn } from "./stripe-events"

/** Stripe keeps events for 30 days: a window reaching further back finds nothing more. */
export const STRIPE_EVENT_RETENTION_DAYS = 30

export const STRIPE_BACKFILL_NEEDS_API_KEY = "Set BILLING_STRIPE_API_KEY to fetch events from Stripe."

export type StripeBackfillInput = {
  /** Events created at or after this time (Stripe keeps 30 days). */
  since?: Date
  /** Events created at or before this time. */
  until?: Date
  /** Only events Stripe has not delivered successfully to every endpoint (`delivery_success=false`). */
  undelivered_only?: boolean
}

export type StripeBackfillResult = {
  /** Events Stripe listed. */
  fetched: number
  /** Events billing had not stored before: stored now and applied. */
  stored: number
  /** Events already stored (by the webhook or an earlier backfill): nothing changed. */
  duplicates: number
  /** Events of another Stripe account than BILLING_STRIPE_ACCOUNT_ID: not stored. */
  skipped: number
}

/**
 * Fetches missed events from Stripe's Events API (a time window, all or undelivered only) and
 * stores each once by its id (DESIGN rule 4), exactly as the webhook would; the new ones are
 * applied in the order Stripe created them. Idempotent: a second run stores nothing. An event
 * that fails to apply stays visible and is retried by `billing-retry-stripe-events`; if the fetch
 * breaks off, what was stored is kept and the retry job applies it.
 */
export async function backfillStripeEvents(container: MedusaContainer, input: StripeBackfillInput = {}): Promise<StripeBackfillResult> {
  const settings = stripeSettings()
  const stripe = stripeClient(settings)
  if (!stripe) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, STRIPE_BACKFILL_NEEDS_API_KEY)
  }
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)

  const created: Stripe.RangeQueryParam = {}
  if (input.since) created.gte = Math.floor(input.since.getTime() / 1000)
  if (input.until) created.lte = Math.floor(input.until.getTime() / 1000)
  const params: Stripe.EventListParams = { limit: 100 }
  if (created.gte !== undefined || created.lte !== undefined) params.created = created
  if (input.undelivered_only) params.delivery_success = false

  const result: StripeBackfillResult = { fetched: 0, stored: 0, duplicates: 0, skipped: 0 }
  const toApply: { id: string; created: number }[] = []
  await stripe.events.list(params).autoPagingEach(async (event) => {
    result.fetched++
    if (settings.account_id && event.account && event.account !== settings.account_id) {
      result.skipped++
      return
    }
    const acts = billingActsOn(event as any)
    const stored = await billing.storeStripeEvent(event as any, "backfill", !acts)
    if (stored.duplicate) {
      result.duplicates++
    } else {
      result.stored++
      if (acts) toApply.push({ id: stored.id, created: event.created })
    }
  })

  // Stripe lists newest first; apply oldest first (the end state does not depend on it, the activity log reads better).
  toApply.sort((a, b) => a.created - b.created)
  for (const { id } of toApply) {
    await processStripeEventWorkflow(container).run({ input: { id } })
  }
  return result
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { invoiceKeys } from "./invoices"
import { paymentKeys } from "./payments"
import { sdk } from "./sdk"

/** How the billing plugin is connected to Stripe; secrets arrive masked ("whsec_…rent"). */
export type StripeConnection = {
  webhook_url: string
  webhook_secrets: string[]
  account_id: string | null
  api_key: string | null
  tolerance_seconds: number
}

export const STRIPE_EVENT_STATUSES = ["pending", "processed", "failed", "waiting", "ignored"] as const
export type StripeEventStatus = (typeof STRIPE_EVENT_STATUSES)[number]

/** A Stripe event as stored by the webhook (or fetched again by a backfill), and what became of it. */
export type StripeEvent = {
  id: string
  event_id: string
  type: string
  account: string | null
  livemode: boolean
  stripe_created_at: string | null
  object_id: string | null
  status: StripeEventStatus
  attempts: number
  last_error: string | null
  next_attempt_at: string | null
  processed_at: string | null
  received_via: "webhook" | "backfill"
  created_at: string
}

/** Statuses an admin may apply again now. */
export const RETRYABLE_STATUSES: StripeEventStatus[] = ["failed", "waiting", "pending"]

export type BackfillInput = { since?: string; until?: string; undelivered_only?: boolean }
/** `skipped`: events of another Stripe account than the configured one, not stored. */
export type BackfillResult = { fetched: number; stored: number; duplicates: number; skipped?: number }

/** Stripe keeps events this long: a backfill window may not be longer. */
export const STRIPE_EVENT_RETENTION_DAYS = 30

type ListResponse = { events: StripeEvent[]; count: number; offset: number; limit: number }

export const stripeKeys = {
  all: ["billing", "stripe"] as const,
  connection: ["billing", "stripe", "connection"] as const,
  events: (query: Record<string, unknown>) => ["billing", "stripe", "events", query] as const,
}

export function useStripeConnection() {
  return useQuery({
    queryKey: stripeKeys.connection,
    queryFn: () => sdk.client.fetch<{ stripe: StripeConnection }>("/admin/billing/stripe"),
  })
}

export function useStripeEvents(query: Record<string, unknown>) {
  return useQuery({
    queryKey: stripeKeys.events(query),
    queryFn: () => sdk.client.fetch<ListResponse>("/admin/billing/stripe/events", { query }),
  })
}

/** Applying an event may record or refund payments: refresh those lists too. */
function useRefreshAfterStripe() {
  const client = useQueryClient()
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: stripeKeys.all }),
      client.invalidateQueries({ queryKey: paymentKeys.all }),
      client.invalidateQueries({ queryKey: invoiceKeys.all }),
    ])
}

export function useRetryStripeEvent() {
  const refresh = useRefreshAfterStripe()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<{ event: StripeEvent }>(`/admin/billing/stripe/events/${id}/retry`, { method: "POST", body: {} }),
    onSuccess: refresh,
  })
}

export function useStripeBackfill() {
  const refresh = useRefreshAfterStripe()
  return useMutation({
    mutationFn: (body: BackfillInput) =>
      sdk.client.fetch<BackfillResult>("/admin/billing/stripe/backfill", { method: "POST", body }),
    onSuccess: refresh,
  })
}

/** An API error as a person can read it, with the HTTP status when there is one ("404 Not Found: …"). */
export function describeError(e: unknown) {
  const error = e as { status?: number; statusText?: string; message?: string }
  const status = error.status ? `${error.status}${error.statusText ? ` ${error.statusText}` : ""}` : ""
  const message = error.message && error.message !== error.statusText ? error.message : ""
  return [status, message].filter(Boolean).join(": ") || String(e)
}

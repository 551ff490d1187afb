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

/** Amounts are major units, as numbers or exact decimal strings. */
type Amount = number | string

/** A Stripe payout (po_…) as billing stored it from its events: money moved from Stripe to the bank. */
export type StripePayout = {
  id: string
  external_id: string
  currency_code: string
  amount: Amount
  /** Stripe's payout status: pending, in_transit, paid, failed, canceled. */
  status: string
  arrival_date: string | null
  failure_code: string | null
  failure_message: string | null
  /** When its balance transactions were fetched from Stripe (once paid); null before. */
  transactions_fetched_at: string | null
  transaction_count: number
  created_at: string
}

/** What Stripe moved (txn_…): gross, fee and net in the balance's currency. */
export type StripeBalanceTransaction = {
  id: string
  external_id: string
  /** Stripe's type: charge, refund, adjustment, payout, stripe_fee… */
  type: string
  source_id: string | null
  charge_id: string | null
  payment_intent_id: string | null
  currency_code: string
  amount: Amount
  fee: Amount
  net: Amount
  exchange_rate: string | null
  status: string | null
  available_on: string | null
  stripe_created_at: string
}

export type StripePayoutDetail = StripePayout & { balance_transactions: StripeBalanceTransaction[] }

/**
 * A Stripe Checkout link for an invoice, with its QR code. `amount` is what the link charges;
 * `amount_difference` is how much that differs from `amount_due` when Stripe cannot charge the
 * exact amount (KWD in steps of 10 fils: 7.625 due, 7.630 charged).
 */
export type PaymentLink = {
  id: string
  invoice_id: string
  url: string
  currency_code: string
  amount: Amount
  amount_due: Amount
  amount_difference: Amount
  status: "open" | "completed" | "expired"
  /** An SVG document made by the server from the URL. */
  qr_svg: string
  expires_at?: string | null
  created_at: string
}

/** Every list of the Stripe page answers with its page: what it holds, how many in all. */
type Page<K extends string, T> = { [key in K]: T[] } & { count: number; offset: number; limit: number }

export const stripeKeys = {
  all: ["billing", "stripe"] as const,
  connection: ["billing", "stripe", "connection"] as const,
  events: (query: Record<string, unknown>) => ["billing", "stripe", "events", query] as const,
  payouts: (query: Record<string, unknown>) => ["billing", "stripe", "payouts", query] as const,
  payout: (id: string) => ["billing", "stripe", "payout", id] as const,
  paymentLink: (invoiceId: string) => ["billing", "stripe", "payment-link", invoiceId] as const,
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
    queryFn: () => sdk.client.fetch<Page<"events", StripeEvent>>("/admin/billing/stripe/events", { query }),
  })
}

/** Payouts, newest first. */
export function useStripePayouts(query: Record<string, unknown>) {
  return useQuery({
    queryKey: stripeKeys.payouts(query),
    queryFn: () => sdk.client.fetch<Page<"payouts", StripePayout>>("/admin/billing/stripe/payouts", { query }),
  })
}

/** One payout (billing id or po_…) with every balance transaction it carries. */
export function useStripePayout(id: string) {
  return useQuery({
    queryKey: stripeKeys.payout(id),
    queryFn: () => sdk.client.fetch<{ payout: StripePayoutDetail }>(`/admin/billing/stripe/payouts/${id}`),
  })
}

/** The invoice's open payment link for what it owes now, or null. */
export function usePaymentLink(invoiceId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: stripeKeys.paymentLink(invoiceId),
    queryFn: () => sdk.client.fetch<{ payment_link: PaymentLink | null }>(`/admin/invoices/${invoiceId}/payment-link`),
    ...options,
  })
}

/** "Collect with Stripe": opens a link for the amount due, or answers the open one. */
export function useCreatePaymentLink(invoiceId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ payment_link: PaymentLink }>(`/admin/invoices/${invoiceId}/payment-link`, { method: "POST", body: {} }),
    onSuccess: ({ payment_link }) => {
      client.setQueryData(stripeKeys.paymentLink(invoiceId), { payment_link })
      // The activity log gained an entry.
      return client.invalidateQueries({ queryKey: invoiceKeys.all })
    },
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

import type Stripe from "stripe"

/**
 * A fake of Stripe's REST API on a local port, enough for the official `stripe` SDK pointed at it
 * (`{host: "127.0.0.1", port, protocol: "http"}`, or `BILLING_STRIPE_API_URL=fake.url`). Tests never
 * reach Stripe (DESIGN "Stripe, in one paragraph"): they seed `state` and read `requests`.
 * The fake itself is plain JavaScript (fake-stripe.js), so that the e2e script, which runs in plain
 * Node, serves the same one to the app it starts; this file gives it its types.
 *
 * What it speaks:
 * - `Authorization: Bearer sk_…` (or `rk_…`; a given `apiKey` only) or 401;
 * - form-encoded bodies and query strings with bracket notation (`metadata[invoice_id]=…`,
 *   `line_items[0][price_data][unit_amount]=…`, `types[0]=…`, `types[]=…`), parsed into nested objects
 *   and arrays (values stay strings, as Stripe receives them);
 * - list envelopes `{object: "list", data, has_more, url}` with `limit` (default 10, at most 100),
 *   `starting_after` / `ending_before`, newest first (`created` descending, then latest seeded first),
 *   so `autoPagingEach` / `for await` walk every page; `created[gt|gte|lt|lte]` or `created=<ts>` on every list;
 * - `expand[]` of id fields (`source`, `data.source`, `payment_intent`, `data.payment_intent`…) from any collection;
 * - errors shaped as Stripe's: `{error: {type: "invalid_request_error", code?, message, param?}}`;
 * - `Idempotency-Key` on POSTs: the same key answers the first response again.
 *
 * Resources:
 * - `POST /v1/checkout/sessions` (recorded in `state.checkoutSessions`), `GET /v1/checkout/sessions[/:id]`
 *   (filter `payment_intent`), `POST /v1/checkout/sessions/:id/expire`;
 * - `GET /v1/events[/:id]` (filters `type` with `*` wildcards, `types[]`, `delivery_success`: an event with
 *   `pending_webhooks > 0` is undelivered);
 * - `GET /v1/balance_transactions[/:id]` (filters `payout`, `source`, `type`, `currency`);
 * - `GET /v1/payouts[/:id]` (filters `status`, `arrival_date`), `GET /v1/charges[/:id]` (filter `payment_intent`),
 *   `GET /v1/payment_intents[/:id]`, `GET /v1/refunds[/:id]` (filters `charge`, `payment_intent`), `GET /v1/disputes[/:id]`.
 */
export type StripeObject = { id: string; object?: string; created?: number; [key: string]: any }

export type FakeStripeState = {
  events: StripeObject[]
  balanceTransactions: StripeObject[]
  payouts: StripeObject[]
  charges: StripeObject[]
  paymentIntents: StripeObject[]
  refunds: StripeObject[]
  disputes: StripeObject[]
  checkoutSessions: StripeObject[]
}

export type FakeStripeRequest = {
  method: string
  /** The path without the query string, e.g. `/v1/events`. */
  path: string
  /** The parsed query string (GET) — nested like the body. */
  query: Record<string, any>
  /** The parsed form body (POST). */
  body: Record<string, any>
  idempotency_key?: string
  stripe_account?: string
  status: number
}

/** A canned failure: the next `times` requests matching `method` and `path` answer `status` with `error`. */
export type FakeStripeFailure = {
  method?: string
  path: string | RegExp
  status: number
  error?: { type?: string; code?: string; message?: string }
  times?: number
}

export type FakeStripe = {
  /** `http://127.0.0.1:<port>`: the value for `BILLING_STRIPE_API_URL`. */
  url: string
  port: number
  /** Seed and inspect freely; every request reads it afresh. */
  state: FakeStripeState
  /** Every request received, in order. */
  requests: FakeStripeRequest[]
  /** Canned failures, consumed in order (see `failNext`). */
  failures: FakeStripeFailure[]
  failNext(failure: FakeStripeFailure): void
  /** Builds a Stripe event (`evt_…`, newest by default) and adds it to `state.events`. */
  addEvent(type: string, object: StripeObject, extra?: Partial<StripeObject>): StripeObject
  /** An SDK client pointed at the fake (no retries, no telemetry). */
  client(apiKey?: string): Stripe
  /** The environment variables that point the plugin at the fake. */
  env(apiKey?: string): { BILLING_STRIPE_API_KEY: string; BILLING_STRIPE_API_URL: string }
  /** Empties the state, the request log and the failures. */
  reset(): void
  close(): Promise<void>
}

export type FakeStripeOptions = {
  /** Only this key is accepted (any `sk_`/`rk_` key otherwise). */
  apiKey?: string
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fake = require("./fake-stripe.js") as {
  FAKE_STRIPE_API_KEY: string
  fakeStripeId(prefix: string): string
  parseStripeForm(text: string): Record<string, any>
  startFakeStripe(options?: FakeStripeOptions): Promise<FakeStripe>
}

export const FAKE_STRIPE_API_KEY = fake.FAKE_STRIPE_API_KEY

/** Stripe-like random id: `prefix_` and 24 characters. */
export const fakeStripeId = fake.fakeStripeId

/**
 * Parses `a[b][0][c]=1&types[]=x` into nested objects; objects whose keys are all indexes become
 * arrays. Values stay strings.
 */
export const parseStripeForm = fake.parseStripeForm

/** Starts the fake on a free port of 127.0.0.1. */
export const startFakeStripe = fake.startFakeStripe

import Stripe from "stripe"

/**
 * The plugin's own Stripe settings, read from the environment when needed (so a rotated secret
 * applies without a restart of anything but the process):
 * - `BILLING_STRIPE_WEBHOOK_SECRETS`: the endpoint's signing secrets, comma-separated (several during a rotation);
 * - `BILLING_STRIPE_ACCOUNT_ID`: when set, events of another Connect account are refused;
 * - `BILLING_STRIPE_API_KEY`: the secret key, for fetching balance transactions, payouts and missed events;
 * - `BILLING_STRIPE_API_URL`: another API host (tests point it at a local fake: `http://127.0.0.1:12111`);
 * - `BILLING_STRIPE_TOLERANCE_SECONDS`: how old a signature may be (300 by default, as Stripe's SDK).
 */
export function stripeSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    webhook_secrets: (env.BILLING_STRIPE_WEBHOOK_SECRETS ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    account_id: env.BILLING_STRIPE_ACCOUNT_ID?.trim() || null,
    api_key: env.BILLING_STRIPE_API_KEY?.trim() || null,
    api_url: env.BILLING_STRIPE_API_URL?.trim() || null,
    tolerance_seconds: Number(env.BILLING_STRIPE_TOLERANCE_SECONDS || 300),
  }
}
export type StripeSettings = ReturnType<typeof stripeSettings>

/** A secret shown in the admin: its kind and last four characters only. */
export const maskSecret = (secret: string) => `${secret.slice(0, secret.indexOf("_") + 1)}…${secret.slice(-4)}`

export class StripeWebhookRefusal extends Error {}

/**
 * Checks a webhook request and returns its event: the raw body must be signed, within the
 * tolerance, by one of the configured secrets, and belong to the configured account.
 */
export function verifyStripeWebhook(rawBody: Buffer | undefined, signature: string | undefined, settings: StripeSettings): Stripe.Event {
  if (!settings.webhook_secrets.length) {
    throw new StripeWebhookRefusal("No Stripe webhook secret is configured: set BILLING_STRIPE_WEBHOOK_SECRETS.")
  }
  if (!rawBody?.length) {
    throw new StripeWebhookRefusal("The request has no body.")
  }
  if (!signature) {
    throw new StripeWebhookRefusal("The request has no Stripe-Signature header.")
  }
  let event: Stripe.Event | null = null
  // A stale timestamp with the right secret says "too old"; the other secrets only "no match".
  let stale = false
  for (const secret of settings.webhook_secrets) {
    try {
      event = Stripe.webhooks.constructEvent(rawBody, signature, secret, settings.tolerance_seconds)
      break
    } catch (e) {
      // The SDK parses the body once the signature matched.
      if (e instanceof SyntaxError) throw new StripeWebhookRefusal("The body is not JSON: Stripe sends events as JSON.")
      stale ||= /tolerance/i.test((e as Error).message)
    }
  }
  if (!event) {
    throw new StripeWebhookRefusal(
      stale
        ? "The Stripe signature is too old (outside the tolerance): a replayed request is refused."
        : "The Stripe signature does not match any configured webhook secret."
    )
  }
  if (!event.id?.startsWith("evt_") || !event.type || !event.data?.object) {
    throw new StripeWebhookRefusal("The body is not a Stripe event (id, type and data.object are required).")
  }
  if (settings.account_id && event.account && event.account !== settings.account_id) {
    throw new StripeWebhookRefusal(`The event belongs to Stripe account ${event.account}, not ${settings.account_id}.`)
  }
  return event
}

/** The Stripe SDK as configured, or null without an API key. */
export function stripeClient(settings: StripeSettings): Stripe | null {
  if (!settings.api_key) return null
  const key = `${settings.api_key} ${settings.api_url ?? ""}`
  if (clients.has(key)) return clients.get(key)!
  let client: Stripe
  if (settings.api_url) {
    const url = new URL(settings.api_url)
    client = new Stripe(settings.api_key, {
      host: url.hostname,
      port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
      protocol: url.protocol.replace(":", "") as "http" | "https",
      maxNetworkRetries: 2,
    })
  } else {
    client = new Stripe(settings.api_key, { maxNetworkRetries: 2 })
  }
  clients.set(key, client)
  return client
}

/** One SDK client per key and API address (it keeps its connections alive). */
const clients = new Map<string, Stripe>()

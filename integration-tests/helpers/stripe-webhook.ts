import Stripe from "stripe"

type Api = { post: Function }

/**
 * Posts `body` to billing's Stripe endpoint as Stripe would: raw, with a `Stripe-Signature` made
 * with `secret` (at `timestamp`, default now). `signedBody` signs another body than the one sent.
 */
export function postSignedStripeBody(
  api: Api,
  body: string,
  { secret, timestamp, signedBody = body }: { secret: string; timestamp?: number; signedBody?: string }
) {
  return api.post("/hooks/billing/stripe", body, {
    headers: {
      "content-type": "application/json",
      "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: signedBody, secret, ...(timestamp ? { timestamp } : {}) }),
    },
    transformRequest: [(data: unknown) => data],
  })
}

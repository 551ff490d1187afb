import type { MiddlewareRoute } from "@medusajs/framework/http"

/** Stripe signs the exact bytes it sends: keep them. Events are small; anything over 1 MB is refused (413). */
export const stripeHookRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/hooks/billing/stripe",
    bodyParser: { preserveRawBody: true, sizeLimit: "1mb" },
  },
]

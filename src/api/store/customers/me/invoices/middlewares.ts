import { authenticate, validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"

export const StoreGetInvoicesParams = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
})

export const storeInvoiceRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/customers/me/invoices*",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    method: ["GET"],
    matcher: "/store/customers/me/invoices",
    middlewares: [validateAndTransformQuery(StoreGetInvoicesParams, { defaults: [], isList: true })],
  },
]

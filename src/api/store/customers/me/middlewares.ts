import { authenticate, validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { GetStatementParams } from "../../../utils/statement"

export const StoreListParams = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
})

export const storeCustomerBillingRoutesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/customers/me/invoices*",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    matcher: "/store/customers/me/billing*",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    matcher: "/store/customers/me/payments*",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    method: ["GET"],
    matcher: "/store/customers/me/payments",
    middlewares: [validateAndTransformQuery(StoreListParams, { defaults: [], isList: true })],
  },
  {
    method: ["GET"],
    matcher: "/store/customers/me/billing/statement",
    middlewares: [validateAndTransformQuery(GetStatementParams, { defaults: [], isList: false })],
  },
  {
    method: ["GET"],
    matcher: "/store/customers/me/invoices",
    middlewares: [validateAndTransformQuery(StoreListParams, { defaults: [], isList: true })],
  },
]

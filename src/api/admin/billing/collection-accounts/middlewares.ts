import { validateAndTransformBody } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { AdminCreateCollectionAccount, AdminUpdateCollectionAccount } from "./validators"

export const adminCollectionAccountRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["POST"], matcher: "/admin/billing/collection-accounts", middlewares: [validateAndTransformBody(AdminCreateCollectionAccount)] },
  { method: ["POST"], matcher: "/admin/billing/collection-accounts/:id", middlewares: [validateAndTransformBody(AdminUpdateCollectionAccount)] },
]

import { PolicyOperation } from "@medusajs/framework/utils"
import { validateAndTransformBody } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { AdminCreateCollectionAccount, AdminUpdateCollectionAccount } from "./validators"
import { BillingResource } from "../../../../policies/billing"

// What each route needs when Medusa's RBAC is on (feature flag `rbac`); see src/policies/billing.ts.
const readSettings = [{ resource: BillingResource.settings, operation: PolicyOperation.read }]
const createSettings = [{ resource: BillingResource.settings, operation: PolicyOperation.create }]
const updateSettings = [{ resource: BillingResource.settings, operation: PolicyOperation.update }]

export const adminCollectionAccountRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["POST"], matcher: "/admin/billing/collection-accounts", policies: createSettings, middlewares: [validateAndTransformBody(AdminCreateCollectionAccount)] },
  { method: ["POST"], matcher: "/admin/billing/collection-accounts/:id", policies: updateSettings, middlewares: [validateAndTransformBody(AdminUpdateCollectionAccount)] },
  { method: ["GET"], matcher: "/admin/billing/collection-accounts", policies: readSettings },
  { method: ["GET"], matcher: "/admin/billing/collection-accounts/:id", policies: readSettings },
]

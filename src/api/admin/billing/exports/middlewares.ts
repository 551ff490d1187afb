import { PolicyOperation } from "@medusajs/framework/utils"
import { validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { AdminFlatExportParams, AdminJournalExportParams } from "./validators"
import { BillingResource } from "../../../../policies/billing"

// What each route needs when Medusa's RBAC is on (feature flag `rbac`); see src/policies/billing.ts.
const readReports = [{ resource: BillingResource.report, operation: PolicyOperation.read }]

export const adminExportRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/billing/exports/journal",
    policies: readReports,
    middlewares: [validateAndTransformQuery(AdminJournalExportParams, { defaults: [], isList: false })],
  },
  {
    method: ["GET"],
    matcher: "/admin/billing/exports/invoices",
    policies: readReports,
    middlewares: [validateAndTransformQuery(AdminFlatExportParams, { defaults: [], isList: false })],
  },
  {
    method: ["GET"],
    matcher: "/admin/billing/exports/payments",
    policies: readReports,
    middlewares: [validateAndTransformQuery(AdminFlatExportParams, { defaults: [], isList: false })],
  },
]

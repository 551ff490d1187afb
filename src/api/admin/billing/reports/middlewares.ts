import { PolicyOperation } from "@medusajs/framework/utils"
import { validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import {
  AdminAgingExportParams,
  AdminAgingInvoicesParams,
  AdminAgingReportParams,
  AdminCollectionsQueueParams,
  AdminCollectionsReportParams,
} from "./validators"
import { BillingResource } from "../../../../policies/billing"

const single = { defaults: [], isList: false }

// What each route needs when Medusa's RBAC is on (feature flag `rbac`); see src/policies/billing.ts.
const readReports = [{ resource: BillingResource.report, operation: PolicyOperation.read }]

/** The receivable reports (aging, collections) and the collections queue. */
export const adminReportRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/billing/reports/aging", policies: readReports, middlewares: [validateAndTransformQuery(AdminAgingReportParams, single)] },
  { method: ["GET"], matcher: "/admin/billing/reports/aging/invoices", policies: readReports, middlewares: [validateAndTransformQuery(AdminAgingInvoicesParams, single)] },
  { method: ["GET"], matcher: "/admin/billing/reports/aging/export", policies: readReports, middlewares: [validateAndTransformQuery(AdminAgingExportParams, single)] },
  { method: ["GET"], matcher: "/admin/billing/reports/collections", policies: readReports, middlewares: [validateAndTransformQuery(AdminCollectionsReportParams, single)] },
  { method: ["GET"], matcher: "/admin/billing/collections", policies: readReports, middlewares: [validateAndTransformQuery(AdminCollectionsQueueParams, single)] },
]

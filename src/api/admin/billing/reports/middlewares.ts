import { validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import {
  AdminAgingExportParams,
  AdminAgingInvoicesParams,
  AdminAgingReportParams,
  AdminCollectionsQueueParams,
  AdminCollectionsReportParams,
} from "./validators"

const single = { defaults: [], isList: false }

/** The receivable reports (aging, collections) and the collections queue. */
export const adminReportRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/billing/reports/aging", middlewares: [validateAndTransformQuery(AdminAgingReportParams, single)] },
  { method: ["GET"], matcher: "/admin/billing/reports/aging/invoices", middlewares: [validateAndTransformQuery(AdminAgingInvoicesParams, single)] },
  { method: ["GET"], matcher: "/admin/billing/reports/aging/export", middlewares: [validateAndTransformQuery(AdminAgingExportParams, single)] },
  { method: ["GET"], matcher: "/admin/billing/reports/collections", middlewares: [validateAndTransformQuery(AdminCollectionsReportParams, single)] },
  { method: ["GET"], matcher: "/admin/billing/collections", middlewares: [validateAndTransformQuery(AdminCollectionsQueueParams, single)] },
]

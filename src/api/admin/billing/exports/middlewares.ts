import { validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { AdminFlatExportParams, AdminJournalExportParams } from "./validators"

export const adminExportRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/billing/exports/journal",
    middlewares: [validateAndTransformQuery(AdminJournalExportParams, { defaults: [], isList: false })],
  },
  {
    method: ["GET"],
    matcher: "/admin/billing/exports/invoices",
    middlewares: [validateAndTransformQuery(AdminFlatExportParams, { defaults: [], isList: false })],
  },
  {
    method: ["GET"],
    matcher: "/admin/billing/exports/payments",
    middlewares: [validateAndTransformQuery(AdminFlatExportParams, { defaults: [], isList: false })],
  },
]

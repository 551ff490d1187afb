import { validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { listInvoicesTransformQueryConfig, retrieveInvoiceTransformQueryConfig } from "./query-config"
import {
  AdminCreateCreditNote,
  AdminCreateInvoice,
  AdminGetInvoiceParams,
  AdminGetInvoicesParams,
  AdminSendInvoice,
  AdminSendReminder,
  AdminUpdateInvoice,
  AdminVoidInvoice,
  AdminWriteOffInvoice,
} from "./validators"

export const adminInvoiceRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/invoices",
    middlewares: [validateAndTransformQuery(AdminGetInvoicesParams, listInvoicesTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices",
    middlewares: [
      validateAndTransformBody(AdminCreateInvoice),
      validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/invoices/:id",
    middlewares: [validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id",
    middlewares: [
      validateAndTransformBody(AdminUpdateInvoice),
      validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/void",
    middlewares: [
      validateAndTransformBody(AdminVoidInvoice),
      validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/reminders",
    middlewares: [validateAndTransformBody(AdminSendReminder)],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/write-off",
    middlewares: [
      validateAndTransformBody(AdminWriteOffInvoice),
      validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/credit-notes",
    middlewares: [
      validateAndTransformBody(AdminCreateCreditNote),
      validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/send",
    middlewares: [
      validateAndTransformBody(AdminSendInvoice),
      validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/issue",
    middlewares: [validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig)],
  },
]

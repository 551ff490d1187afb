import { PolicyOperation } from "@medusajs/framework/utils"
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
import { BillingResource } from "../../../policies/billing"

// What each route needs when Medusa's RBAC is on (feature flag `rbac`); see src/policies/billing.ts.
const readInvoices = [{ resource: BillingResource.invoice, operation: PolicyOperation.read }]
const createInvoices = [{ resource: BillingResource.invoice, operation: PolicyOperation.create }]
const updateInvoices = [{ resource: BillingResource.invoice, operation: PolicyOperation.update }]
const deleteInvoices = [{ resource: BillingResource.invoice, operation: PolicyOperation.delete }]
const createWriteOffs = [{ resource: BillingResource.write_off, operation: PolicyOperation.create }]

export const adminInvoiceRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/invoices",
    policies: readInvoices,
    middlewares: [validateAndTransformQuery(AdminGetInvoicesParams, listInvoicesTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices",
    policies: createInvoices,
    middlewares: [
      validateAndTransformBody(AdminCreateInvoice),
      validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/invoices/:id",
    policies: readInvoices,
    middlewares: [validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id",
    policies: updateInvoices,
    middlewares: [
      validateAndTransformBody(AdminUpdateInvoice),
      validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/void",
    policies: updateInvoices,
    middlewares: [
      validateAndTransformBody(AdminVoidInvoice),
      validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/reminders",
    policies: updateInvoices,
    middlewares: [validateAndTransformBody(AdminSendReminder)],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/write-off",
    policies: createWriteOffs,
    middlewares: [
      validateAndTransformBody(AdminWriteOffInvoice),
      validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/credit-notes",
    policies: createInvoices,
    middlewares: [
      validateAndTransformBody(AdminCreateCreditNote),
      validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/send",
    policies: updateInvoices,
    middlewares: [
      validateAndTransformBody(AdminSendInvoice),
      validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/invoices/:id/issue",
    policies: updateInvoices,
    middlewares: [validateAndTransformQuery(AdminGetInvoiceParams, retrieveInvoiceTransformQueryConfig)],
  },
  { method: ["DELETE"], matcher: "/admin/invoices/:id", policies: deleteInvoices },
  { method: ["GET"], matcher: "/admin/invoices/:id/credit-notes", policies: readInvoices },
  { method: ["GET"], matcher: "/admin/invoices/:id/reminders", policies: readInvoices },
  { method: ["GET"], matcher: "/admin/invoices/:id/pdf", policies: readInvoices },
  { method: ["GET"], matcher: "/admin/invoices/:id/payment-link", policies: readInvoices },
  { method: ["POST"], matcher: "/admin/invoices/:id/payment-link", policies: updateInvoices },
]

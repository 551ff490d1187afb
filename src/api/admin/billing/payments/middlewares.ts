import { PolicyOperation } from "@medusajs/framework/utils"
import { validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { listPaymentsTransformQueryConfig } from "./query-config"
import { GetStatementParams } from "../../../utils/statement"
import { AdminAllocatePayment, AdminGetPaymentsParams, AdminRecordPayment, AdminRefundPayment, AdminSendReceipt } from "./validators"
import { BillingResource } from "../../../../policies/billing"

// What each route needs when Medusa's RBAC is on (feature flag `rbac`); see src/policies/billing.ts.
const readPayments = [{ resource: BillingResource.payment, operation: PolicyOperation.read }]
const createPayments = [{ resource: BillingResource.payment, operation: PolicyOperation.create }]
const updatePayments = [{ resource: BillingResource.payment, operation: PolicyOperation.update }]
const readCustomerBilling = [{ resource: BillingResource.customer, operation: PolicyOperation.read }]

export const adminPaymentRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/billing/payments", policies: readPayments, middlewares: [validateAndTransformQuery(AdminGetPaymentsParams, listPaymentsTransformQueryConfig)] },
  { method: ["POST"], matcher: "/admin/billing/payments", policies: createPayments, middlewares: [validateAndTransformBody(AdminRecordPayment)] },
  { method: ["POST"], matcher: "/admin/billing/payments/:id/allocations", policies: updatePayments, middlewares: [validateAndTransformBody(AdminAllocatePayment)] },
  { method: ["POST"], matcher: "/admin/billing/payments/:id/refunds", policies: createPayments, middlewares: [validateAndTransformBody(AdminRefundPayment)] },
  { method: ["POST"], matcher: "/admin/billing/payments/:id/send", policies: updatePayments, middlewares: [validateAndTransformBody(AdminSendReceipt)] },
  {
    method: ["GET"],
    matcher: "/admin/customers/:id/statement",
    policies: readCustomerBilling,
    middlewares: [validateAndTransformQuery(GetStatementParams, { defaults: [], isList: false })],
  },
  { method: ["GET"], matcher: "/admin/billing/payments/:id", policies: readPayments },
  { method: ["GET"], matcher: "/admin/billing/payments/:id/receipt", policies: readPayments },
  { method: ["DELETE"], matcher: "/admin/billing/payments/:id/allocations/:allocation_id", policies: updatePayments },
]

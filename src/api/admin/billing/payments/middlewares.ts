import { validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { listPaymentsTransformQueryConfig } from "./query-config"
import { GetStatementParams } from "../../../utils/statement"
import { AdminAllocatePayment, AdminGetPaymentsParams, AdminRecordPayment, AdminRefundPayment, AdminSendReceipt } from "./validators"

export const adminPaymentRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/billing/payments", middlewares: [validateAndTransformQuery(AdminGetPaymentsParams, listPaymentsTransformQueryConfig)] },
  { method: ["POST"], matcher: "/admin/billing/payments", middlewares: [validateAndTransformBody(AdminRecordPayment)] },
  { method: ["POST"], matcher: "/admin/billing/payments/:id/allocations", middlewares: [validateAndTransformBody(AdminAllocatePayment)] },
  { method: ["POST"], matcher: "/admin/billing/payments/:id/refunds", middlewares: [validateAndTransformBody(AdminRefundPayment)] },
  { method: ["POST"], matcher: "/admin/billing/payments/:id/send", middlewares: [validateAndTransformBody(AdminSendReceipt)] },
  {
    method: ["GET"],
    matcher: "/admin/customers/:id/statement",
    middlewares: [validateAndTransformQuery(GetStatementParams, { defaults: [], isList: false })],
  },
]

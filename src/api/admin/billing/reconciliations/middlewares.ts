import { validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import {
  AdminClosePeriod,
  AdminCreateReconciliation,
  AdminGetBankStatementsParams,
  AdminGetExceptionsParams,
  AdminGetMatchesParams,
  AdminGetReconciliationsParams,
  AdminImportBankStatement,
  AdminPreviewBankStatement,
  AdminReopenPeriod,
  AdminResolveException,
} from "./validators"

const list = { defaults: [], isList: true }
// A statement of 50,000 lines is a few MB of text.
const statementBody = { sizeLimit: "25mb" }

/** Reconciliation runs, exceptions, bank statements and periods. */
export const adminReconciliationRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/billing/reconciliations", middlewares: [validateAndTransformQuery(AdminGetReconciliationsParams, list)] },
  { method: ["POST"], matcher: "/admin/billing/reconciliations", middlewares: [validateAndTransformBody(AdminCreateReconciliation)] },
  { method: ["GET"], matcher: "/admin/billing/reconciliations/:id/exceptions", middlewares: [validateAndTransformQuery(AdminGetExceptionsParams, list)] },
  { method: ["GET"], matcher: "/admin/billing/reconciliations/:id/matches", middlewares: [validateAndTransformQuery(AdminGetMatchesParams, list)] },
  { method: ["GET"], matcher: "/admin/billing/exceptions", middlewares: [validateAndTransformQuery(AdminGetExceptionsParams, list)] },
  { method: ["POST"], matcher: "/admin/billing/exceptions/:id/resolve", middlewares: [validateAndTransformBody(AdminResolveException)] },
  { method: ["GET"], matcher: "/admin/billing/bank-statements", middlewares: [validateAndTransformQuery(AdminGetBankStatementsParams, list)] },
  {
    method: ["POST"],
    matcher: "/admin/billing/bank-statements/preview",
    bodyParser: statementBody,
    middlewares: [validateAndTransformBody(AdminPreviewBankStatement)],
  },
  {
    method: ["POST"],
    matcher: "/admin/billing/bank-statements",
    bodyParser: statementBody,
    middlewares: [validateAndTransformBody(AdminImportBankStatement)],
  },
  { method: ["POST"], matcher: "/admin/billing/periods", middlewares: [validateAndTransformBody(AdminClosePeriod)] },
  { method: ["POST"], matcher: "/admin/billing/periods/:period/reopen", middlewares: [validateAndTransformBody(AdminReopenPeriod)] },
]

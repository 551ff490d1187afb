import { PolicyOperation } from "@medusajs/framework/utils"
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
import { BillingResource } from "../../../../policies/billing"

const list = { defaults: [], isList: true }
// A statement of 50,000 lines is a few MB of text.
const statementBody = { sizeLimit: "25mb" }

// What each route needs when Medusa's RBAC is on (feature flag `rbac`); see src/policies/billing.ts.
const readReconciliations = [{ resource: BillingResource.reconciliation, operation: PolicyOperation.read }]
const createReconciliations = [{ resource: BillingResource.reconciliation, operation: PolicyOperation.create }]
const updateReconciliations = [{ resource: BillingResource.reconciliation, operation: PolicyOperation.update }]
const readPeriods = [{ resource: BillingResource.period, operation: PolicyOperation.read }]
const closePeriods = [{ resource: BillingResource.period, operation: PolicyOperation.create }]
const reopenPeriods = [{ resource: BillingResource.period, operation: PolicyOperation.update }]

/** Reconciliation runs, exceptions, bank statements and periods. */
export const adminReconciliationRoutesMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: "/admin/billing/reconciliations", policies: readReconciliations, middlewares: [validateAndTransformQuery(AdminGetReconciliationsParams, list)] },
  { method: ["POST"], matcher: "/admin/billing/reconciliations", policies: createReconciliations, middlewares: [validateAndTransformBody(AdminCreateReconciliation)] },
  { method: ["GET"], matcher: "/admin/billing/reconciliations/:id/exceptions", policies: readReconciliations, middlewares: [validateAndTransformQuery(AdminGetExceptionsParams, list)] },
  { method: ["GET"], matcher: "/admin/billing/reconciliations/:id/matches", policies: readReconciliations, middlewares: [validateAndTransformQuery(AdminGetMatchesParams, list)] },
  { method: ["GET"], matcher: "/admin/billing/exceptions", policies: readReconciliations, middlewares: [validateAndTransformQuery(AdminGetExceptionsParams, list)] },
  { method: ["POST"], matcher: "/admin/billing/exceptions/:id/resolve", policies: updateReconciliations, middlewares: [validateAndTransformBody(AdminResolveException)] },
  { method: ["GET"], matcher: "/admin/billing/bank-statements", policies: readReconciliations, middlewares: [validateAndTransformQuery(AdminGetBankStatementsParams, list)] },
  {
    method: ["POST"],
    matcher: "/admin/billing/bank-statements/preview",
    policies: createReconciliations,
    bodyParser: statementBody,
    middlewares: [validateAndTransformBody(AdminPreviewBankStatement)],
  },
  {
    method: ["POST"],
    matcher: "/admin/billing/bank-statements",
    policies: createReconciliations,
    bodyParser: statementBody,
    middlewares: [validateAndTransformBody(AdminImportBankStatement)],
  },
  { method: ["POST"], matcher: "/admin/billing/periods", policies: closePeriods, middlewares: [validateAndTransformBody(AdminClosePeriod)] },
  { method: ["POST"], matcher: "/admin/billing/periods/:period/reopen", policies: reopenPeriods, middlewares: [validateAndTransformBody(AdminReopenPeriod)] },
  { method: ["GET"], matcher: "/admin/billing/reconciliations/:id", policies: readReconciliations },
  { method: ["POST"], matcher: "/admin/billing/reconciliations/:id/rerun", policies: updateReconciliations },
  { method: ["GET"], matcher: "/admin/billing/exceptions/:id", policies: readReconciliations },
  { method: ["GET"], matcher: "/admin/billing/bank-statements/:id", policies: readReconciliations },
  { method: ["GET"], matcher: "/admin/billing/periods", policies: readPeriods },
]

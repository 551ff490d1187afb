import { PolicyOperation } from "@medusajs/framework/utils"
import { validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import type { MiddlewareRoute } from "@medusajs/framework/http"
import { AdminStripeBackfill } from "./stripe/backfill/validators"
import { AdminGetStripeEventsParams } from "./stripe/validators"
import {
  AdminCreateContactNote,
  AdminCreatePaymentPromise,
  AdminPauseReminders,
  AdminGetActivityParams,
  AdminUpdateBillingSettings,
  AdminUpdateCustomerBilling,
} from "./validators"
import { BillingResource } from "../../../policies/billing"

// What each route needs when Medusa's RBAC is on (feature flag `rbac`); see src/policies/billing.ts.
const readSettings = [{ resource: BillingResource.settings, operation: PolicyOperation.read }]
const updateSettings = [{ resource: BillingResource.settings, operation: PolicyOperation.update }]
const readReports = [{ resource: BillingResource.report, operation: PolicyOperation.read }]
const readStripe = [{ resource: BillingResource.stripe, operation: PolicyOperation.read }]
const createStripe = [{ resource: BillingResource.stripe, operation: PolicyOperation.create }]
const updateStripe = [{ resource: BillingResource.stripe, operation: PolicyOperation.update }]
const readCustomerBilling = [{ resource: BillingResource.customer, operation: PolicyOperation.read }]
const createCustomerBilling = [{ resource: BillingResource.customer, operation: PolicyOperation.create }]
const updateCustomerBilling = [{ resource: BillingResource.customer, operation: PolicyOperation.update }]

export const adminBillingRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/billing/settings",
    policies: updateSettings,
    middlewares: [validateAndTransformBody(AdminUpdateBillingSettings)],
  },
  {
    method: ["GET"],
    matcher: "/admin/billing/activity",
    policies: readReports,
    middlewares: [validateAndTransformQuery(AdminGetActivityParams, { defaults: [], isList: true })],
  },
  {
    method: ["GET"],
    matcher: "/admin/billing/stripe/events",
    policies: readStripe,
    middlewares: [validateAndTransformQuery(AdminGetStripeEventsParams, { defaults: [], isList: true })],
  },
  {
    method: ["POST"],
    matcher: "/admin/billing/stripe/backfill",
    policies: createStripe,
    middlewares: [validateAndTransformBody(AdminStripeBackfill)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/billing",
    policies: updateCustomerBilling,
    middlewares: [validateAndTransformBody(AdminUpdateCustomerBilling)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/promises",
    policies: createCustomerBilling,
    middlewares: [validateAndTransformBody(AdminCreatePaymentPromise)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/contact-notes",
    policies: createCustomerBilling,
    middlewares: [validateAndTransformBody(AdminCreateContactNote)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/reminders/pause",
    policies: updateCustomerBilling,
    middlewares: [validateAndTransformBody(AdminPauseReminders)],
  },
  { method: ["GET"], matcher: "/admin/billing/settings", policies: readSettings },
  { method: ["GET"], matcher: "/admin/billing/stripe", policies: readStripe },
  { method: ["POST"], matcher: "/admin/billing/stripe/events/:id/retry", policies: updateStripe },
  { method: ["GET"], matcher: "/admin/billing/stripe/payouts", policies: readStripe },
  { method: ["GET"], matcher: "/admin/billing/stripe/payouts/:id", policies: readStripe },
  { method: ["GET"], matcher: "/admin/customers/:id/billing", policies: readCustomerBilling },
  { method: ["GET"], matcher: "/admin/customers/:id/promises", policies: readCustomerBilling },
  { method: ["GET"], matcher: "/admin/customers/:id/contact-notes", policies: readCustomerBilling },
  { method: ["POST"], matcher: "/admin/customers/:id/reminders/resume", policies: updateCustomerBilling },
]

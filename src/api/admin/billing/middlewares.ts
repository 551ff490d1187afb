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

export const adminBillingRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/billing/settings",
    middlewares: [validateAndTransformBody(AdminUpdateBillingSettings)],
  },
  {
    method: ["GET"],
    matcher: "/admin/billing/activity",
    middlewares: [validateAndTransformQuery(AdminGetActivityParams, { defaults: [], isList: true })],
  },
  {
    method: ["GET"],
    matcher: "/admin/billing/stripe/events",
    middlewares: [validateAndTransformQuery(AdminGetStripeEventsParams, { defaults: [], isList: true })],
  },
  {
    method: ["POST"],
    matcher: "/admin/billing/stripe/backfill",
    middlewares: [validateAndTransformBody(AdminStripeBackfill)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/billing",
    middlewares: [validateAndTransformBody(AdminUpdateCustomerBilling)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/promises",
    middlewares: [validateAndTransformBody(AdminCreatePaymentPromise)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/contact-notes",
    middlewares: [validateAndTransformBody(AdminCreateContactNote)],
  },
  {
    method: ["POST"],
    matcher: "/admin/customers/:id/reminders/pause",
    middlewares: [validateAndTransformBody(AdminPauseReminders)],
  },
]

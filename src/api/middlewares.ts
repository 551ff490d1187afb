import { defineMiddlewares } from "@medusajs/framework/http"
import { adminBillingRoutesMiddlewares } from "./admin/billing/middlewares"
import { adminCollectionAccountRoutesMiddlewares } from "./admin/billing/collection-accounts/middlewares"
import { adminExportRoutesMiddlewares } from "./admin/billing/exports/middlewares"
import { adminReconciliationRoutesMiddlewares } from "./admin/billing/reconciliations/middlewares"
import { adminReportRoutesMiddlewares } from "./admin/billing/reports/middlewares"
import { adminPaymentRoutesMiddlewares } from "./admin/billing/payments/middlewares"
import { adminInvoiceRoutesMiddlewares } from "./admin/invoices/middlewares"
import { stripeHookRoutesMiddlewares } from "./hooks/billing/middlewares"
import { storeCustomerBillingRoutesMiddlewares } from "./store/customers/me/middlewares"

export default defineMiddlewares({
  routes: [
    ...adminInvoiceRoutesMiddlewares,
    ...adminBillingRoutesMiddlewares,
    ...adminPaymentRoutesMiddlewares,
    ...adminCollectionAccountRoutesMiddlewares,
    ...adminExportRoutesMiddlewares,
    ...adminReconciliationRoutesMiddlewares,
    ...adminReportRoutesMiddlewares,
    ...storeCustomerBillingRoutesMiddlewares,
    ...stripeHookRoutesMiddlewares,
  ],
})

import { defineMiddlewares } from "@medusajs/framework/http"
import { adminBillingRoutesMiddlewares } from "./admin/billing/middlewares"
import { adminInvoiceRoutesMiddlewares } from "./admin/invoices/middlewares"
import { storeInvoiceRoutesMiddlewares } from "./store/customers/me/invoices/middlewares"

export default defineMiddlewares({
  routes: [...adminInvoiceRoutesMiddlewares, ...adminBillingRoutesMiddlewares, ...storeInvoiceRoutesMiddlewares],
})

import type { MedusaContainer } from "@medusajs/framework/types"
import { BILLING_MODULE } from "../../modules/billing"
import type { InvoiceTrigger } from "../../modules/billing/models/settings"
import type BillingModuleService from "../../modules/billing/service"
import { createInvoiceForOrderWorkflow } from "../create-invoice-for-order"

/**
 * Invoices an order when `trigger` is the store's chosen moment (Settings → Billing):
 * order placed, first fulfillment or fully paid. "Manual only" never invoices by itself.
 * Safe to call more than once: an order keeps one invoice.
 */
export async function invoiceOrderOnTrigger(container: MedusaContainer, orderId: string, trigger: InvoiceTrigger) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const settings = await billing.retrieveSettings()
  if (settings.invoice_trigger !== trigger) {
    return null
  }
  const { result } = await createInvoiceForOrderWorkflow(container).run({
    input: { order_id: orderId, issue: true, actor: { actor_type: "system", actor_id: trigger } },
  })
  return result
}

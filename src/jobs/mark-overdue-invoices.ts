import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../modules/billing"
import type BillingModuleService from "../modules/billing/service"
import { BillingEvents } from "../workflows/events"

/**
 * Every hour: invoices whose due day has passed in the store's time zone become overdue, once
 * each (running it again, or in two processes, marks nothing twice), and each is announced as
 * billing.invoice.overdue for alerts and reminders.
 */
export default async function markOverdueInvoicesJob(container: MedusaContainer) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const marked = await billing.markOverdueInvoices()
  if (!marked.length) return
  await container.resolve(Modules.EVENT_BUS).emit(
    marked.map((invoice) => ({
      name: BillingEvents.INVOICE_OVERDUE,
      data: { id: invoice.id, number: invoice.number, customer_id: invoice.customer_id, currency_code: invoice.currency_code, amount_due: invoice.amount_due },
    }))
  )
  container.resolve(ContainerRegistrationKeys.LOGGER).info(`[billing] ${marked.length} invoice(s) became overdue.`)
}

export const config = { name: "billing-mark-overdue-invoices", schedule: "5 * * * *" }

import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../modules/billing"
import type BillingModuleService from "../modules/billing/service"
import { sumAmounts } from "../modules/billing/domain/money"
import { BillingEvents } from "../workflows/events"
import { notifyAdmins } from "../workflows/utils/admin-feed"

/**
 * Every hour: invoices whose due day has passed in the store's time zone become overdue, once
 * each (running it again, or in two processes, marks nothing twice), and each is announced as
 * billing.invoice.overdue for alerts and reminders; admins see one alert per run in their feed.
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
  // One alert per run in the admin's notification feed, with what became overdue per currency.
  const currencies = [...new Set(marked.map((i) => i.currency_code))].sort()
  const amounts = currencies.map((c) => `${sumAmounts(marked.filter((i) => i.currency_code === c).map((i) => i.amount_due)).toString()} ${c.toUpperCase()}`)
  await notifyAdmins(container, {
    title: marked.length === 1 ? `Invoice ${marked[0].number} is overdue` : `${marked.length} invoices became overdue`,
    description: `${amounts.join(", ")} past due. Billing → Collections lists who to contact.`,
  })
}

export const config = { name: "billing-mark-overdue-invoices", schedule: "5 * * * *" }

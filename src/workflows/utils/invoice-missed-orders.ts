import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../modules/billing"
import type BillingModuleService from "../../modules/billing/service"
import { invoiceOrderOnTrigger } from "./invoice-on-trigger"

const PAGE = 200

/**
 * Orders placed in `[from, to)` that have no invoice although the store invoices on "order placed":
 * invoiced now. Medusa publishes `order.placed` from the placing process's memory once the order
 * is committed, so a process killed in between loses the event (and a storefront's retried
 * checkout returns the existing order without emitting it again); this sweep catches those.
 * Draft and canceled orders are left alone; an order keeps one invoice however often it runs.
 */
export async function invoiceMissedOrders(container: MedusaContainer, window: { from: Date; to: Date }) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  // Read without creating the settings row (a store that never saved settings invoices on order placed).
  const [settings] = await billing.listBillingSettings({ scope: "default" }, { select: ["invoice_trigger"] })
  const invoiced: string[] = []
  if ((settings?.invoice_trigger ?? "order_placed") !== "order_placed") return invoiced
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  for (let skip = 0; ; skip += PAGE) {
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "status", "is_draft_order"],
      filters: { created_at: { $gte: window.from, $lt: window.to } } as any,
      pagination: { skip, take: PAGE, order: { created_at: "ASC" } } as any,
    })
    const placed = orders.filter((o: any) => !o.is_draft_order && !["draft", "canceled"].includes(o.status))
    if (placed.length) {
      const have = new Set(
        (await billing.listInvoices({ order_id: placed.map((o: any) => o.id), type: "invoice" } as any, { select: ["order_id"] })).map((i) => i.order_id)
      )
      for (const order of placed.filter((o: any) => !have.has(o.id))) {
        try {
          await invoiceOrderOnTrigger(container, order.id, "order_placed")
          invoiced.push(order.id)
        } catch (e) {
          logger.warn(`[billing] Order ${order.id} has no invoice and could not be invoiced: ${(e as Error).message}`)
        }
      }
    }
    if (orders.length < PAGE) break
  }
  if (invoiced.length) logger.info(`[billing] ${invoiced.length} placed order(s) had no invoice and were invoiced: ${invoiced.join(", ")}`)
  return invoiced
}

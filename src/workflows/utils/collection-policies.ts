import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { BILLING_MODULE } from "../../modules/billing"
import { collectionSettings } from "../../modules/billing/domain/collections"
import type BillingModuleService from "../../modules/billing/service"
import { BillingEvents } from "../events"
import { syncOrderDocumentsWorkflow } from "../sync-order-documents"
import { notifyAdmins } from "./admin-feed"

const SYSTEM = { actor_type: "system" as const, actor_id: "collections" }

/**
 * The collections rules of Settings → Billing → Collections, applied on `asOf`:
 *  - small balances: overdue invoices owing at most the threshold are written off (reason
 *    small_balance), when turned on (off by default);
 *  - unpaid pay-later orders: an order whose invoice has had nothing paid for `days` days is
 *    flagged for review (default), or cancelled through Medusa's cancel flow, which credits its
 *    invoice; an order Medusa will not cancel (e.g. already shipped) is flagged instead.
 * Each invoice is handled once, however often it runs and in however many processes.
 */
export async function applyCollectionPolicies(container: MedusaContainer, asOf: Date = new Date()) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const rules = collectionSettings((await billing.retrieveSettings()).collections as any)
  const result = { written_off: [] as string[], flagged: [] as string[], canceled: [] as string[] }

  if (rules.small_balance_write_off.enabled && rules.small_balance_write_off.threshold > 0) {
    for (const invoice of await billing.listSmallBalances(rules.small_balance_write_off.threshold, asOf)) {
      try {
        const writeOff = await billing.writeOffInvoice({
          invoice_id: invoice.id,
          amount: invoice.amount_due,
          reason: "small_balance",
          note: `Automatic: ${invoice.amount_due} ${invoice.currency_code.toUpperCase()} owed is at most the small-balance threshold (${rules.small_balance_write_off.threshold})`,
          actor: SYSTEM,
        })
        await container.resolve(Modules.EVENT_BUS).emit({
          name: BillingEvents.WRITE_OFF_CREATED,
          data: { id: writeOff.id, invoice_id: invoice.id, amount: writeOff.amount, currency_code: writeOff.currency_code, reason: writeOff.reason },
        })
        result.written_off.push(invoice.id)
      } catch (e) {
        // Paid meanwhile, or dated in a closed period: it is left as it is and said in the log.
        logger.warn(`[billing] Small balance of ${invoice.number} not written off: ${(e as Error).message}`)
      }
    }
  }

  const days = rules.unpaid_orders.days
  if (days) {
    for (const invoice of await billing.flagUnpaidOrderInvoices(days, asOf)) {
      let action: "flag" | "cancel" = "flag"
      if (rules.unpaid_orders.action === "cancel") {
        try {
          await cancelOrderWorkflow(container).run({ input: { order_id: invoice.order_id } as any })
          // The credit note follows the order (also on order.canceled; derived, so never twice).
          await syncOrderDocumentsWorkflow(container).run({ input: { order_id: invoice.order_id, reason: "Order canceled: unpaid" } })
          action = "cancel"
          result.canceled.push(invoice.id)
        } catch (e) {
          const why = e instanceof MedusaError || e instanceof Error ? e.message : String(e)
          await billing.logActivity({ entity_type: "invoice", entity_id: invoice.id, action: "invoice.cancel_refused", ...SYSTEM, data: { order_id: invoice.order_id, reason: why } })
          logger.warn(`[billing] Unpaid order ${invoice.order_id} could not be cancelled, flagged for review: ${why}`)
        }
      }
      if (action === "flag") result.flagged.push(invoice.id)
      await container.resolve(Modules.EVENT_BUS).emit({
        name: BillingEvents.UNPAID_ORDER_HANDLED,
        data: { invoice_id: invoice.id, order_id: invoice.order_id, action },
      })
      await notifyAdmins(container, {
        title: action === "cancel" ? `Order #${invoice.order_display_id ?? invoice.order_id} cancelled: unpaid` : `Order #${invoice.order_display_id ?? invoice.order_id} needs review: unpaid`,
        description: `Invoice ${invoice.number} (${invoice.amount_due} ${invoice.currency_code.toUpperCase()}) has had nothing paid for ${days} days.`,
        idempotency_key: `billing-unpaid-order:${invoice.id}`,
      })
    }
  }
  return result
}

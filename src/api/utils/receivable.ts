import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../modules/billing"
import { paymentUnapplied } from "../../modules/billing/domain/allocation"
import type BillingModuleService from "../../modules/billing/service"

const invoiceFields = ["id", "type", "number", "status", "currency_code", "total", "amount_due", "amount_paid", "dispute_status", "overdue_at", "due_at", "issued_at", "order_id", "order_display_id"]
const paymentFields = ["id", "receipt_number", "currency_code", "amount", "amount_allocated", "amount_refunded", "amount_disputed", "method", "received_at", "reference", "source"]

/** 404 unless the customer exists. */
export async function assertCustomer(scope: MedusaContainer, customerId: string) {
  const { data } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "customer", fields: ["id"], filters: { id: customerId } })
  if (!data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${customerId} was not found`)
  }
}

/**
 * What a customer owes and has paid: per currency the balance, unapplied credit, overdue and
 * aging; their open invoices (oldest due first, for the checkout), and the latest documents and
 * payments.
 */
export async function customerReceivable(scope: MedusaContainer, customerId: string, recent = 5) {
  const billing = scope.resolve<BillingModuleService>(BILLING_MODULE)
  const [balances, open_invoices, recent_invoices, payments] = await Promise.all([
    billing.listCustomerBalances(customerId),
    billing.listInvoices(
      { customer_id: customerId, type: "invoice", status: ["open", "partially_paid"] },
      { select: invoiceFields, order: { due_at: "ASC", issued_at: "ASC" }, take: 200 }
    ),
    billing.listInvoices(
      { customer_id: customerId, status: { $ne: "draft" } } as any,
      { select: invoiceFields, order: { issued_at: "DESC" }, take: recent }
    ),
    billing.listBillingPayments({ customer_id: customerId }, { select: paymentFields, order: { received_at: "DESC" }, take: recent }),
  ])
  const recent_payments = payments.map((p) => ({ ...p, amount_unapplied: MathBN.convert(paymentUnapplied(p as any)).toNumber() }))
  return { balances, open_invoices, recent_invoices, recent_payments }
}

import type { MedusaContainer } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../../modules/billing"
import { paymentUnapplied } from "../../../../modules/billing/domain/allocation"
import type BillingModuleService from "../../../../modules/billing/service"

/** What the admin sees of a dispute (its merged Stripe transactions stay internal). */
export const PAYMENT_DISPUTE_FIELDS = [
  "id", "external_id", "charge_id", "payment_intent_id", "currency_code", "amount", "status", "outcome", "reason", "evidence_due_by",
  "closed_at", "amount_withdrawn", "amount_reinstated", "withdrawn_at", "reinstated_at", "fee", "fee_currency_code", "invoice_ids", "created_at",
]

/** A payment with its unapplied credit, allocations (with invoice numbers), refunds and disputes. */
export async function paymentDetail(scope: MedusaContainer, id: string) {
  const billing = scope.resolve<BillingModuleService>(BILLING_MODULE)
  const payment = await billing.retrieveBillingPayment(id)
  const allocations = await billing.listPaymentAllocations({ payment_id: id }, { order: { created_at: "ASC" } })
  const invoices = allocations.length
    ? await billing.listInvoices({ id: [...new Set(allocations.map((a) => a.invoice_id))] }, { select: ["id", "number"] })
    : []
  const refunds = await billing.listPaymentRefunds({ payment_id: id }, { order: { refunded_at: "ASC" } })
  const disputes = await billing.listPaymentDisputes(
    { payment_id: id },
    { order: { created_at: "ASC" }, select: PAYMENT_DISPUTE_FIELDS as any }
  )
  // What Stripe moved for it (gross, fee, net), found through its charge or PaymentIntent.
  const stripeIds = [
    ...(payment.external_id ? [{ charge_id: payment.external_id }] : []),
    ...(payment.stripe_payment_intent_id ? [{ payment_intent_id: payment.stripe_payment_intent_id }] : []),
  ]
  const stripe_balance_transactions = stripeIds.length
    ? await billing.listStripeBalanceTransactions({ $or: stripeIds } as any, { order: { stripe_created_at: "ASC" } })
    : []
  return {
    ...payment,
    amount_unapplied: MathBN.convert(paymentUnapplied(payment as any)).toNumber(),
    allocations: allocations.map((a) => ({ ...a, invoice_number: invoices.find((i) => i.id === a.invoice_id)?.number ?? null })),
    refunds,
    disputes,
    stripe_balance_transactions,
  }
}

import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { Amount, currencyDecimals, roundAmount } from "./money"

/**
 * Money received and where it goes, as plain data (DESIGN rule 5):
 *  - an invoice owes `total − paid − credited − written_off`, never below zero;
 *  - a payment is `allocated + unapplied + refunded + disputed`, where unapplied is the customer's
 *    credit and disputed what chargebacks withdrew (net of funds reinstated).
 */

export class AllocationError extends Error {}

export type InvoiceBalance = {
  id: string
  number?: string | null
  customer_id: string | null
  currency_code: string
  status: string
  total: BigNumberInput
  amount_paid: BigNumberInput
  amount_credited: BigNumberInput
  amount_written_off?: BigNumberInput | null
  due_at?: Date | string | null
  issued_at?: Date | string | null
}

export type PaymentBalance = {
  id: string
  customer_id: string | null
  currency_code: string
  amount: BigNumberInput
  amount_allocated: BigNumberInput
  amount_refunded: BigNumberInput
  amount_disputed?: BigNumberInput | null
}

/** What the customer still owes on an invoice: never below zero. */
export function invoiceAmountDue(invoice: Pick<InvoiceBalance, "total" | "amount_paid" | "amount_credited" | "amount_written_off">): Amount {
  const due = MathBN.sub(MathBN.sub(MathBN.sub(invoice.total, invoice.amount_paid), invoice.amount_credited), invoice.amount_written_off ?? 0)
  return MathBN.max(0, due)
}

/** The part of a payment not allocated to any invoice, refunded nor withdrawn by a dispute: the customer's credit. */
export function paymentUnapplied(payment: Pick<PaymentBalance, "amount" | "amount_allocated" | "amount_refunded" | "amount_disputed">): Amount {
  return MathBN.sub(MathBN.sub(MathBN.sub(payment.amount, payment.amount_allocated), payment.amount_refunded), payment.amount_disputed ?? 0)
}

/** What a payment still holds: received, less refunds and disputes (allocated or not). */
export function paymentHeld(payment: Pick<PaymentBalance, "amount" | "amount_refunded" | "amount_disputed">): Amount {
  return MathBN.sub(MathBN.sub(payment.amount, payment.amount_refunded), payment.amount_disputed ?? 0)
}

/** An invoice's payment status from its amounts: paid, partially paid, or open. Void and draft stay. */
export function invoicePaymentStatus(invoice: InvoiceBalance): string {
  if (["draft", "void", "issued", "uncollectible"].includes(invoice.status)) return invoice.status
  if (MathBN.eq(invoiceAmountDue(invoice), 0)) return "paid"
  return MathBN.gt(invoice.amount_paid, 0) ? "partially_paid" : "open"
}

/** Refuses an amount that is not positive or has more decimals than the currency. */
export function assertPaymentAmount(amount: BigNumberInput, currency: string, what = "The amount") {
  const value = MathBN.convert(amount)
  if (!value.isFinite() || !MathBN.gt(value, 0)) {
    throw new AllocationError(`${what} must be more than 0.`)
  }
  if (!MathBN.eq(roundAmount(value, currency), value)) {
    throw new AllocationError(`${what} has more decimals than ${currency.toUpperCase()} has (${currencyDecimals(currency)}).`)
  }
}

/** Checks one allocation of `amount` from a payment to an invoice; throws a message a person understands. */
export function assertAllocation(payment: PaymentBalance, invoice: InvoiceBalance, amount: BigNumberInput) {
  const name = invoice.number ?? invoice.id
  assertPaymentAmount(amount, payment.currency_code, "The amount to allocate")
  if (invoice.currency_code !== payment.currency_code) {
    throw new AllocationError(
      `Invoice ${name} is in ${invoice.currency_code.toUpperCase()}, the payment in ${payment.currency_code.toUpperCase()}: a payment pays invoices of its own currency.`
    )
  }
  if (invoice.customer_id !== payment.customer_id) {
    throw new AllocationError(`Invoice ${name} belongs to another customer than the payment.`)
  }
  if (!["open", "partially_paid"].includes(invoice.status)) {
    throw new AllocationError(`Invoice ${name} is ${invoice.status}; only open invoices can be paid.`)
  }
  const due = invoiceAmountDue(invoice)
  if (MathBN.gt(amount, due)) {
    throw new AllocationError(`Invoice ${name} owes ${due.toString()}, less than ${MathBN.convert(amount).toString()}; keep the rest as the customer's credit.`)
  }
  const unapplied = paymentUnapplied(payment)
  if (MathBN.gt(amount, unapplied)) {
    throw new AllocationError(`The payment has ${unapplied.toString()} left to allocate, less than ${MathBN.convert(amount).toString()}.`)
  }
}

/**
 * Spreads what is left of a payment over a customer's open invoices in its currency, the oldest
 * due first (then the oldest issued); whatever no invoice owes stays unapplied credit.
 */
export function planOldestDueFirst(payment: PaymentBalance, invoices: InvoiceBalance[]): { invoice_id: string; amount: string }[] {
  let left = paymentUnapplied(payment)
  const time = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : Number.MAX_SAFE_INTEGER)
  const candidates = invoices
    .filter((i) => i.currency_code === payment.currency_code && i.customer_id === payment.customer_id)
    .filter((i) => ["open", "partially_paid"].includes(i.status))
    .sort((a, b) => time(a.due_at) - time(b.due_at) || time(a.issued_at) - time(b.issued_at) || a.id.localeCompare(b.id))
  const plan: { invoice_id: string; amount: string }[] = []
  for (const invoice of candidates) {
    if (!MathBN.gt(left, 0)) break
    const amount = MathBN.min(left, invoiceAmountDue(invoice))
    if (MathBN.gt(amount, 0)) {
      plan.push({ invoice_id: invoice.id, amount: amount.toString() })
      left = MathBN.sub(left, amount)
    }
  }
  return plan
}

/** Checks a refund of `amount` from a payment: at most what was received and not refunded nor disputed yet. */
export function assertRefund(payment: PaymentBalance, amount: BigNumberInput) {
  assertPaymentAmount(amount, payment.currency_code, "The amount to refund")
  const refundable = paymentHeld(payment)
  if (MathBN.gt(amount, refundable)) {
    throw new AllocationError(`At most ${refundable.toString()} of this payment can be refunded, not ${MathBN.convert(amount).toString()}.`)
  }
}

/**
 * What a refund takes back from invoices: first the payment's unapplied credit, then its
 * allocations, newest first. The invoices those allocations paid owe that much again.
 */
export function planRefund(
  payment: PaymentBalance,
  allocations: AllocationSlice[],
  amount: BigNumberInput
): AllocationRelease[] {
  return releaseNewestFirst(allocations, MathBN.sub(amount, MathBN.max(0, paymentUnapplied(payment))))
}

/**
 * What a credit note takes back from the payments of its invoice: when the invoice had been paid
 * more than it owes after the credit (`paid + credited > total`), the excess goes back to those
 * payments as the customer's credit, newest allocation first, so the invoice never owes less than
 * nothing and no money disappears.
 */
export function planCreditNoteRelease(
  invoice: Pick<InvoiceBalance, "total" | "amount_paid" | "amount_credited" | "amount_written_off">,
  creditAmount: BigNumberInput,
  allocations: AllocationSlice[]
): AllocationRelease[] {
  const excess = MathBN.sub(MathBN.sum(invoice.amount_paid, invoice.amount_credited, invoice.amount_written_off ?? 0, creditAmount), invoice.total)
  return releaseNewestFirst(allocations, excess)
}

type AllocationSlice = { id: string; invoice_id: string; amount: BigNumberInput; created_at?: Date | string }
type AllocationRelease = { allocation_id: string; invoice_id: string; amount: string }

function releaseNewestFirst(allocations: AllocationSlice[], amount: BigNumberInput): AllocationRelease[] {
  let toRelease = MathBN.convert(amount)
  const plan: AllocationRelease[] = []
  const newestFirst = [...allocations].sort((a, b) => new Date(b.created_at ?? 0).getTime() - new Date(a.created_at ?? 0).getTime() || b.id.localeCompare(a.id))
  for (const allocation of newestFirst) {
    if (!MathBN.gt(toRelease, 0)) break
    const release = MathBN.min(toRelease, allocation.amount)
    if (!MathBN.gt(release, 0)) continue
    plan.push({ allocation_id: allocation.id, invoice_id: allocation.invoice_id, amount: release.toString() })
    toRelease = MathBN.sub(toRelease, release)
  }
  return plan
}

type AllocationHistory = { id: string; invoice_id: string; amount: BigNumberInput; original_amount: BigNumberInput; created_at?: Date | string }

/**
 * Money a payment holds again (a refund that failed, funds a dispute reinstated) goes back to the
 * allocations refunds, disputes and credit notes took it from, in the reverse order they were
 * taken (the oldest allocation first), at most what each invoice owes now; the rest is credit.
 * So a payment's invoices are paid as if the movement had never happened, whatever the order of
 * events. Allocations an admin unapplied are not refilled.
 */
export function planRestore(
  allocations: AllocationHistory[],
  amount: BigNumberInput,
  owes: (invoiceId: string) => BigNumberInput
): AllocationRelease[] {
  let left = MathBN.convert(amount)
  const plan: AllocationRelease[] = []
  const owed = new Map<string, Amount>()
  const oldestFirst = [...allocations].sort((a, b) => new Date(a.created_at ?? 0).getTime() - new Date(b.created_at ?? 0).getTime() || a.id.localeCompare(b.id))
  for (const allocation of oldestFirst) {
    if (!MathBN.gt(left, 0)) break
    const due = owed.get(allocation.invoice_id) ?? MathBN.convert(owes(allocation.invoice_id))
    const give = MathBN.min(left, MathBN.sub(allocation.original_amount, allocation.amount), due)
    if (!MathBN.gt(give, 0)) continue
    plan.push({ allocation_id: allocation.id, invoice_id: allocation.invoice_id, amount: give.toString() })
    owed.set(allocation.invoice_id, MathBN.sub(due, give))
    left = MathBN.sub(left, give)
  }
  return plan
}

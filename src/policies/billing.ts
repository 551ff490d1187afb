import { definePolicies, PolicyOperation } from "@medusajs/framework/utils"

/**
 * The billing resources a role can be granted, in Medusa's RBAC (feature flag `rbac`).
 * Every admin route of the plugin names the resource and operation it needs in its
 * middlewares entry; with the flag off the declarations are ignored.
 */
export const BillingResource = {
  /** Invoices and credit notes, their PDFs, payment links and invoice reminders. */
  invoice: "billing_invoice",
  /** Writing off what an invoice still owes (a separate right from changing invoices). */
  write_off: "billing_write_off",
  /** Payments received, their allocations to invoices, refunds and receipts. */
  payment: "billing_payment",
  /** A customer's billing profile, statement, payment promises, contact notes and reminder pauses. */
  customer: "billing_customer",
  /** Reconciliation runs, their matches and exceptions, and imported bank statements. */
  reconciliation: "billing_reconciliation",
  /** Accounting periods: closing a month (create) and reopening it (update). */
  period: "billing_period",
  /** Receivable reports (aging, collections), the collections queue, accounting exports and the activity log. */
  report: "billing_report",
  /** Billing settings and the collection (bank) accounts printed on invoices. */
  settings: "billing_settings",
  /** The Stripe connection: status, events, payouts, backfills and event retries. */
  stripe: "billing_stripe",
} as const

export type BillingResourceName = (typeof BillingResource)[keyof typeof BillingResource]

const operations = [PolicyOperation.read, PolicyOperation.create, PolicyOperation.update, PolicyOperation.delete]

/** "billing_write_off" → "BillingWriteOff", as Medusa names its own policies ("ReadOrder"). */
const pascal = (value: string) =>
  value
    .split("_")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("")

/** "billing_write_off" → "billing write off", for the policy descriptions shown when editing a role. */
const words = (value: string) => value.replace(/_/g, " ")

/**
 * One policy per resource and operation (read, create, update, delete), named like Medusa's
 * own ("ReadBillingInvoice", "CreateBillingPayment"); Medusa stores them in `rbac_policy`
 * when the app starts, so they can be added to roles.
 */
export const billingPolicies = definePolicies(
  Object.values(BillingResource).flatMap((resource) =>
    operations.map((operation) => ({
      name: `${pascal(operation)}${pascal(resource)}`,
      resource,
      operation,
      description: `${pascal(operation)} ${words(resource)}`,
    }))
  )
)

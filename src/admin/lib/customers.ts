import { useQuery } from "@tanstack/react-query"
import type { RemindersPaused } from "./collections"
import type { AdminInvoice } from "./invoices"
import type { AdminPayment } from "./payments"
import { sdk } from "./sdk"

type Amount = number | string

/** What one customer owes and holds in one currency. */
export type CustomerBalance = {
  currency_code: string
  balance: Amount
  unapplied_credit: Amount
  amount_due: Amount
  overdue: Amount
  open_invoices: number
}

export type OpenInvoice = Pick<AdminInvoice, "id" | "number" | "currency_code" | "total" | "amount_due" | "due_at" | "issued_at" | "status">

export type CustomerBilling = {
  customer_id: string
  settings: { payment_terms_days: number | null; locale: string | null }
  effective: { payment_terms_days: number; locale: string }
  balances?: CustomerBalance[]
  open_invoices?: OpenInvoice[]
  recent_invoices?: AdminInvoice[]
  recent_payments?: AdminPayment[]
  /** Why the customer gets no reminders today (paused by hand, a dispute, a pending promise), or null. */
  reminders_paused?: RemindersPaused | null
}

export const customerKeys = {
  billing: (id: string) => ["billing", "customers", id, "billing"] as const,
  statement: (id: string, query: Record<string, string>) => ["billing", "customers", id, "statement", query] as const,
}

export function useCustomerBilling(customerId: string) {
  return useQuery({
    queryKey: customerKeys.billing(customerId),
    queryFn: () => sdk.client.fetch<{ billing: CustomerBilling }>(`/admin/customers/${customerId}/billing`),
  })
}

export type StatementQuery = { currency_code: string; from: string; to: string }

export type Statement = {
  customer_id: string
  currency_code: string
  from: string
  to: string
  opening_balance: Amount
  closing_balance: Amount
  entries: {
    date: string
    type: string
    document_id: string | null
    number: string | null
    description: string | null
    debit: Amount
    credit: Amount
    balance: Amount
  }[]
}

export function useStatement(customerId: string, query: StatementQuery, enabled: boolean) {
  return useQuery({
    queryKey: customerKeys.statement(customerId, query),
    queryFn: () =>
      sdk.client.fetch<{ statement: Statement }>(`/admin/customers/${customerId}/statement`, { query: { ...query, format: "json" } }),
    enabled,
  })
}

/** The statement as a file (the admin session cookie authenticates the download). */
export const statementUrl = (customerId: string, query: StatementQuery, format: "pdf" | "csv") =>
  `/admin/customers/${customerId}/statement?${new URLSearchParams({ ...query, format })}`

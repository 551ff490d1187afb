import { useQuery } from "@tanstack/react-query"
import { sdk } from "./sdk"

type Amount = number | string

/** An aging bucket: days overdue from `from` to `to` (null: no upper end; `to` 0 is "not yet due"). */
export type AgingBucket = { key: string; from: number | null; to: number | null }
export type AgingAmounts = { total: Amount; credit: Amount; buckets: Record<string, Amount> }

export type AgingReport = {
  as_of: string
  timezone: string
  buckets: AgingBucket[]
  currencies: ({ currency_code: string } & AgingAmounts)[]
  customers: ({ customer_id: string; name: string | null; email: string | null; currency_code: string } & AgingAmounts)[]
  count: number
  limit: number
  offset: number
}

export type AgingInvoice = {
  id: string
  number: string | null
  issued_at: string | null
  due_at: string | null
  days_overdue: number
  total: Amount
  open_amount: Amount
  bucket: string
}

export type CollectionsReport = {
  from: string
  to: string
  currencies: {
    currency_code: string
    invoiced: Amount
    collected: Amount
    receivable_end: Amount
    dso: number | string | null
    overdue: Amount
    overdue_ratio: number | string | null
  }[]
  promises: { made: number; kept: number; broken: number; pending: number; kept_ratio: number | string | null }
  trend: { month: string; currency_code: string; invoiced: Amount; collected: Amount }[]
}

/** Leaves out empty filters so the URL says only what was chosen. */
export const cleanQuery = (query: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== "" && v !== undefined && v !== null)) as Record<string, string>

export const reportKeys = {
  aging: (query: Record<string, unknown>) => ["billing", "reports", "aging", query] as const,
  agingInvoices: (query: Record<string, unknown>) => ["billing", "reports", "aging-invoices", query] as const,
  collections: (query: Record<string, unknown>) => ["billing", "reports", "collections", query] as const,
}

export function useAgingReport(query: Record<string, unknown>) {
  return useQuery({
    queryKey: reportKeys.aging(query),
    queryFn: () => sdk.client.fetch<AgingReport>("/admin/billing/reports/aging", { query: cleanQuery(query) }),
  })
}

export function useAgingInvoices(query: Record<string, unknown>, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.agingInvoices(query),
    queryFn: () => sdk.client.fetch<{ invoices: AgingInvoice[] }>("/admin/billing/reports/aging/invoices", { query: cleanQuery(query) }),
    enabled,
  })
}

export function useCollectionsReport(query: { from: string; to: string }) {
  return useQuery({
    queryKey: reportKeys.collections(query),
    queryFn: () => sdk.client.fetch<CollectionsReport>("/admin/billing/reports/collections", { query: cleanQuery(query) }),
  })
}

/** The aging report as a file (the admin session cookie authenticates the download). */
export const agingExportUrl = (query: Record<string, unknown>, format: "csv" | "xlsx") =>
  `/admin/billing/reports/aging/export?${new URLSearchParams({ ...cleanQuery(query), format })}`

/** Today in the admin's time zone (YYYY-MM-DD). */
export const todayDay = () => {
  const now = new Date()
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10)
}

/** The first day of the month `monthsBack` months before this one (YYYY-MM-DD). */
export const monthStart = (monthsBack: number, now = new Date()) => {
  const d = new Date(Date.UTC(now.getFullYear(), now.getMonth() - monthsBack, 1))
  return d.toISOString().slice(0, 10)
}

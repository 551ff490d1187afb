import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type AdminInvoice = {
  id: string
  type: "invoice" | "credit_note"
  status: "draft" | "open" | "partially_paid" | "paid" | "void" | "uncollectible"
  number: string | null
  order_id: string | null
  order_display_id: number | null
  customer_id: string | null
  email: string | null
  currency_code: string
  issued_at: string | null
  due_at: string | null
  payment_terms_days: number
  buyer: Record<string, any> | null
  seller: Record<string, any> | null
  subtotal: number
  shipping_total: number
  discount_total: number
  tax_total: number
  rounding_total: number
  total: number
  source_total: number | null
  tax_summary: { code: string | null; rate: string; taxable_amount: string; amount: string }[] | null
  lines?: {
    id: string
    kind: "item" | "shipping" | "rounding"
    rank: number
    title: string
    subtitle: string | null
    sku: string | null
    quantity: number
    unit_price: number
    subtotal: number
    discount_total: number
    tax_total: number
    total: number
    tax_lines: { code: string | null; rate: string; amount: string }[] | null
  }[]
}

type ListResponse = { invoices: AdminInvoice[]; count: number; offset: number; limit: number }

export const invoiceKeys = {
  all: ["billing", "invoices"] as const,
  list: (query: Record<string, unknown>) => ["billing", "invoices", "list", query] as const,
  detail: (id: string) => ["billing", "invoices", "detail", id] as const,
}

export function useInvoices(query: Record<string, unknown>) {
  return useQuery({
    queryKey: invoiceKeys.list(query),
    queryFn: () => sdk.client.fetch<ListResponse>("/admin/invoices", { query }),
  })
}

export function useInvoice(id: string) {
  return useQuery({
    queryKey: invoiceKeys.detail(id),
    queryFn: () => sdk.client.fetch<{ invoice: AdminInvoice }>(`/admin/invoices/${id}`),
  })
}

export function useCreateInvoice() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (orderId: string) =>
      sdk.client.fetch<{ invoice: AdminInvoice }>("/admin/invoices", { method: "POST", body: { order_id: orderId } }),
    onSuccess: () => client.invalidateQueries({ queryKey: invoiceKeys.all }),
  })
}

export function useIssueInvoice(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => sdk.client.fetch<{ invoice: AdminInvoice }>(`/admin/invoices/${id}/issue`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: invoiceKeys.all }),
  })
}

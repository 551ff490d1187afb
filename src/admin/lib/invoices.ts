import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type AdminInvoice = {
  id: string
  type: "invoice" | "credit_note"
  status: "draft" | "issued" | "open" | "partially_paid" | "paid" | "void" | "uncollectible"
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
  amount_paid: number
  amount_credited: number
  amount_written_off?: number
  /** When the invoice's due day passed unpaid (null: not overdue). */
  overdue_at?: string | null
  /** The unpaid-order policy flagged its pay-later order for review (settings.collections.unpaid_orders). */
  review_flagged_at?: string | null
  amount_due: number
  /** A chargeback on a payment of this invoice: open, won or lost. */
  dispute_status?: "open" | "won" | "lost" | null
  locale: string
  original_invoice_id: string | null
  reason: string | null
  origin: "order" | "order_change" | "manual"
  void_reason?: string | null
  voided_at: string | null
  last_sent_at: string | null
  pdf_file_id?: string | null
  notes?: string | null
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

export type ActivityEntry = {
  id: string
  action: string
  actor_type: string
  actor_id: string | null
  data: Record<string, any> | null
  created_at: string
}

export function useActivity(entityId: string) {
  return useQuery({
    queryKey: [...invoiceKeys.all, "activity", entityId],
    queryFn: () => sdk.client.fetch<{ activity: ActivityEntry[] }>("/admin/billing/activity", { query: { entity_id: entityId, limit: 100 } }),
  })
}

export function useCreditNotes(invoiceId: string) {
  return useQuery({
    queryKey: [...invoiceKeys.all, "credit-notes", invoiceId],
    queryFn: () => sdk.client.fetch<{ credit_notes: AdminInvoice[] }>(`/admin/invoices/${invoiceId}/credit-notes`),
  })
}

/** Every action on one document; each refreshes the billing queries when it succeeds. */
export function useInvoiceActions(id: string) {
  const client = useQueryClient()
  const post = <T,>(path: string, body: Record<string, unknown> = {}) =>
    sdk.client.fetch<T>(`/admin/invoices/${id}${path}`, { method: "POST", body })
  const refresh = () => client.invalidateQueries({ queryKey: invoiceKeys.all })
  return {
    issue: useMutation({ mutationFn: () => post<{ invoice: AdminInvoice }>("/issue"), onSuccess: refresh }),
    send: useMutation({ mutationFn: (to?: string) => post<{ invoice: AdminInvoice; sent: boolean }>("/send", to ? { to } : {}), onSuccess: refresh }),
    void: useMutation({ mutationFn: (reason: string) => post<{ invoice: AdminInvoice }>("/void", { reason }), onSuccess: refresh }),
    creditNote: useMutation({
      mutationFn: (body: { reason: string; amount?: number; lines?: { line_id: string; quantity: number }[] }) =>
        post<{ credit_note: AdminInvoice; invoice: AdminInvoice }>("/credit-notes", body),
      onSuccess: refresh,
    }),
  }
}

/** Opens the stored PDF (the admin session cookie authenticates the download). */
export const pdfUrl = (id: string) => `/admin/invoices/${id}/pdf`

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { invoiceKeys } from "./invoices"
import { sdk } from "./sdk"

export const PAYMENT_METHODS = ["card", "bank_transfer", "cash", "cheque", "alipay", "wechat_pay", "store_credit", "other"] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

/** Amounts are major units, as numbers or exact decimal strings. */
type Amount = number | string

export type AdminPayment = {
  id: string
  customer_id: string
  currency_code: string
  amount: Amount
  amount_allocated: Amount
  amount_refunded: Amount
  /** Withdrawn by open or lost disputes (chargebacks), net of funds reinstated. */
  amount_disputed?: Amount
  amount_unapplied: Amount
  method: PaymentMethod
  collection_account_id: string | null
  received_at: string
  reference: string | null
  note: string | null
  source: "manual" | "medusa" | "stripe"
  external_id: string | null
  order_id: string | null
  receipt_number: string | null
  /** When the receipt was last emailed to the customer. */
  receipt_sent_at?: string | null
}

export type PaymentAllocation = {
  id: string
  invoice_id: string
  invoice_number: string | null
  amount: Amount
  original_amount: Amount
  unapplied_at: string | null
}

export type PaymentRefund = {
  id: string
  amount: Amount
  reason: string | null
  source: "manual" | "medusa" | "stripe"
  external_id: string | null
  credit_note_id: string | null
  refunded_at: string
}

/** A chargeback on the payment, as Stripe reported it. */
export type PaymentDispute = {
  id: string
  external_id: string
  status: string
  outcome: "open" | "won" | "lost"
  reason: string | null
  evidence_due_by: string | null
  closed_at: string | null
  amount: Amount
  amount_withdrawn: Amount
  amount_reinstated: Amount
  fee: Amount
  fee_currency_code: string | null
}

/** What Stripe moved for the payment: gross, fee, net (in the balance's currency). */
export type PaymentStripeTransaction = {
  id: string
  external_id: string
  /** Stripe's type; a dispute's withdrawal and reversal are "dispute" and "dispute_reversal". */
  type: string
  currency_code: string
  amount: Amount
  fee: Amount
  net: Amount
  exchange_rate: string | null
  stripe_created_at: string
}

export type AdminPaymentDetail = AdminPayment & {
  allocations: PaymentAllocation[]
  refunds: PaymentRefund[]
  disputes?: PaymentDispute[]
  stripe_balance_transactions?: PaymentStripeTransaction[]
}

/** "auto": oldest due first; "none": all of it stays customer credit; or given amounts per invoice. */
export type AllocationInput = "auto" | "none" | { invoice_id: string; amount: string }[]

export type RecordPaymentInput = {
  customer_id: string
  currency_code: string
  amount: string
  method: PaymentMethod
  collection_account_id?: string | null
  received_at?: string
  reference?: string | null
  note?: string | null
  allocate: AllocationInput
  send_receipt?: boolean
}

type ListResponse = { payments: AdminPayment[]; count: number; offset: number; limit: number }

export const paymentKeys = {
  all: ["billing", "payments"] as const,
  list: (query: Record<string, unknown>) => ["billing", "payments", "list", query] as const,
  detail: (id: string) => ["billing", "payments", "detail", id] as const,
}

export function usePayments(query: Record<string, unknown>, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: paymentKeys.list(query),
    queryFn: () => sdk.client.fetch<ListResponse>("/admin/billing/payments", { query }),
    ...options,
  })
}

export function usePayment(id: string) {
  return useQuery({
    queryKey: paymentKeys.detail(id),
    queryFn: () => sdk.client.fetch<{ payment: AdminPaymentDetail }>(`/admin/billing/payments/${id}`),
  })
}

/** After money moves, invoices, payments and customer balances may all have changed. */
function useRefreshBilling() {
  const client = useQueryClient()
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: paymentKeys.all }),
      client.invalidateQueries({ queryKey: invoiceKeys.all }),
      client.invalidateQueries({ queryKey: ["billing", "customers"] }),
      // Payments keep promises, empty the collections queue and move the reports.
      client.invalidateQueries({ queryKey: ["billing", "collections"] }),
      client.invalidateQueries({ queryKey: ["billing", "reports"] }),
    ])
}

export function useRecordPayment() {
  const refresh = useRefreshBilling()
  return useMutation({
    mutationFn: (body: RecordPaymentInput) =>
      sdk.client.fetch<{ payment: AdminPaymentDetail }>("/admin/billing/payments", { method: "POST", body }),
    onSuccess: refresh,
  })
}

/** Every action on one payment; each refreshes the billing queries when it succeeds. */
export function usePaymentActions(id: string) {
  const refresh = useRefreshBilling()
  const path = `/admin/billing/payments/${id}`
  return {
    allocate: useMutation({
      mutationFn: (allocations: Exclude<AllocationInput, "none">) =>
        sdk.client.fetch<{ payment: AdminPaymentDetail }>(`${path}/allocations`, { method: "POST", body: { allocations } }),
      onSuccess: refresh,
    }),
    unapply: useMutation({
      mutationFn: (allocationId: string) =>
        sdk.client.fetch<{ payment: AdminPaymentDetail }>(`${path}/allocations/${allocationId}`, { method: "DELETE" }),
      onSuccess: refresh,
    }),
    refund: useMutation({
      mutationFn: (body: { amount: string; reason?: string | null }) =>
        sdk.client.fetch<{ payment: AdminPaymentDetail }>(`${path}/refunds`, { method: "POST", body }),
      onSuccess: refresh,
    }),
    send: useMutation({
      mutationFn: () => sdk.client.fetch<{ payment: AdminPaymentDetail; sent_to: string }>(`${path}/send`, { method: "POST", body: {} }),
      onSuccess: refresh,
    }),
  }
}

/** The receipt PDF (the admin session cookie authenticates the download). */
export const receiptUrl = (id: string) => `/admin/billing/payments/${id}/receipt`

export type CollectionAccount = {
  id: string
  name: string
  type: "bank" | "stripe" | "cash" | "alipay" | "wechat_pay" | "other"
  currency_code: string | null
  details: Record<string, string> | null
  is_active: boolean
  /** The journal code money on it is booked to (null: the Cash or Stripe clearing code of the settings). */
  account_code: string | null
}

export const COLLECTION_ACCOUNT_TYPES = ["bank", "stripe", "cash", "alipay", "wechat_pay", "other"] as const

const accountKeys = ["billing", "collection-accounts"] as const

export function useCollectionAccounts() {
  return useQuery({
    queryKey: accountKeys,
    queryFn: () => sdk.client.fetch<{ collection_accounts: CollectionAccount[] }>("/admin/billing/collection-accounts"),
  })
}

export function useSaveCollectionAccount() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<Omit<CollectionAccount, "id">> & { id?: string }) =>
      sdk.client.fetch<{ collection_account: CollectionAccount }>(
        id ? `/admin/billing/collection-accounts/${id}` : "/admin/billing/collection-accounts",
        { method: "POST", body }
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys }),
  })
}

/** Emails of the customers on screen, by id (one request for the whole page). */
export function useCustomerEmails(ids: string[]) {
  const unique = [...new Set(ids)].sort()
  const { data } = useQuery({
    queryKey: ["billing", "customers", "emails", unique],
    queryFn: () => sdk.admin.customer.list({ id: unique, limit: unique.length, fields: "id,email" }),
    enabled: unique.length > 0,
  })
  return Object.fromEntries((data?.customers ?? []).map((c) => [c.id, c.email])) as Record<string, string>
}

/** The currencies the store sells in, lower-case. */
export function useStoreCurrencies() {
  const { data } = useQuery({
    queryKey: ["billing", "store-currencies"],
    queryFn: () => sdk.admin.store.list({ fields: "id,supported_currencies.currency_code" }),
  })
  return (data?.stores?.[0]?.supported_currencies ?? []).map((c) => c.currency_code.toLowerCase())
}

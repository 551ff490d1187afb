import type { CollectionSettings, ReminderSettings } from "./domain/collections"
import type { InvoiceLineDraft, InvoiceTotalsDraft } from "./domain/invoice-from-order"

/** Who made a change, for the activity log. */
export type BillingActor = {
  actor_type?: "user" | "customer" | "system" | "stripe"
  actor_id?: string | null
}

export type ActivityInput = BillingActor & {
  entity_type: string
  entity_id: string
  action: string
  data?: Record<string, unknown> | null
}

export type InvoiceParty = {
  name?: string | null
  company?: string | null
  tax_id?: string | null
  email?: string | null
  phone?: string | null
  address?: {
    address_1?: string | null
    address_2?: string | null
    city?: string | null
    postal_code?: string | null
    province?: string | null
    country_code?: string | null
  } | null
}

export type CreateDraftInvoiceInput = Omit<InvoiceTotalsDraft, "lines" | "tax_summary" | "source_total"> & {
  /** Medusa's unrounded order total, for documents built from an order. */
  source_total?: string | null
  type?: "invoice" | "credit_note"
  original_invoice_id?: string | null
  reason?: string | null
  origin?: "order" | "order_change" | "manual"
  locale?: string
  order_id?: string | null
  order_display_id?: number | null
  customer_id?: string | null
  email?: string | null
  payment_terms_days?: number
  buyer?: InvoiceParty | null
  seller?: InvoiceParty | null
  notes?: string | null
  tax_summary?: InvoiceTotalsDraft["tax_summary"]
  lines: InvoiceLineDraft[]
  actor?: BillingActor
}

export type IssueInvoiceInput = {
  issued_at?: Date | string
  actor?: BillingActor
}

export type DocumentDefaults = {
  payment_terms_days: number
  locale: "en" | "zh-CN"
  invoice_trigger: "order_placed" | "first_fulfillment" | "fully_paid" | "manual"
  email_on_issue: boolean
  notes: string | null
}

export type SellerDetails = {
  company_name?: string | null
  address_1?: string | null
  address_2?: string | null
  postal_code?: string | null
  city?: string | null
  country_code?: string | null
  tax_id?: string | null
  email?: string | null
  phone?: string | null
  logo_url?: string | null
  bank_name?: string | null
  bank_account_name?: string | null
  iban?: string | null
  bic?: string | null
}

export type UpdateBillingSettingsInput = Partial<{
  invoice_trigger: DocumentDefaults["invoice_trigger"]
  payment_terms_days: number
  locale: DocumentDefaults["locale"]
  email_on_issue: boolean
  seller: SellerDetails | null
  invoice_notes: string | null
  payment_methods: string[] | null
  email_receipts: boolean
  account_codes: Record<string, string | null | undefined> | null
  reconciliation: { amount_tolerance?: number; amount_tolerance_percent?: number; date_tolerance_days?: number } | null
  timezone: string
  reminders: ReminderSettings
  collections: Partial<CollectionSettings>
}>

export type UpdateNumberSeriesInput = {
  document_type: "invoice" | "credit_note" | "receipt"
  format: string
  reset: "yearly" | "monthly" | "never"
}

export type RecordPaymentInput = {
  customer_id: string
  currency_code: string
  amount: number | string
  method?: "card" | "bank_transfer" | "cash" | "cheque" | "alipay" | "wechat_pay" | "store_credit" | "other"
  collection_account_id?: string | null
  received_at?: Date | string
  reference?: string | null
  note?: string | null
  source?: "manual" | "medusa" | "stripe"
  external_id?: string | null
  order_id?: string | null
  stripe_payment_intent_id?: string | null
  /** "auto" = oldest due first; "order" = the invoices of `order_id`; a list = these invoices and amounts; "none" = keep as credit. */
  allocate?: "auto" | "order" | "none" | { invoice_id: string; amount: number | string }[]
  actor?: BillingActor
}

export type RefundPaymentInput = {
  amount: number | string
  reason?: string | null
  source?: "manual" | "medusa" | "stripe"
  external_id?: string | null
  credit_note_id?: string | null
  provider_refund_id?: string | null
  refunded_at?: Date | string
  actor?: BillingActor
}

/** One delivery of a dispute, as the provider states it now (amounts in minor units). */
export type ApplyPaymentDisputeInput = {
  external_id: string
  payment_id: string
  charge_id?: string | null
  payment_intent_id?: string | null
  /** The dispute's (the charge's) currency and disputed amount in its minor units. */
  currency_code: string
  amount_minor: number
  status: string
  reason?: string | null
  evidence_due_by?: Date | null
  /** When the provider sent this state: the newest decides the status. */
  event_created_at: Date
  balance_transactions: { id: string; amount: number; fee: number; currency: string; created: number }[]
}

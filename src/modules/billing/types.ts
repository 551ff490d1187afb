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

export type CreateDraftInvoiceInput = Omit<InvoiceTotalsDraft, "lines" | "tax_summary"> & {
  type?: "invoice" | "credit_note"
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

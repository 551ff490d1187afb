import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import type { AccountRole } from "../../modules/billing/domain/accounts"
import type { Tolerances } from "../../modules/billing/domain/matching"
import { sdk } from "./sdk"

export type NumberSeries = {
  id: string
  document_type: "invoice" | "credit_note" | "receipt"
  format: string
  reset: "yearly" | "monthly" | "never"
  next_number: string
  next_sequence: number
}

export type BillingSettings = {
  invoice_trigger: "order_placed" | "first_fulfillment" | "fully_paid" | "manual"
  payment_terms_days: number
  locale: "en" | "zh-CN"
  email_on_issue: boolean
  seller: Record<string, string | null> | null
  invoice_notes: string | null
  /** The payment methods offered when recording a payment. */
  payment_methods: string[]
  /** Email a receipt to the customer when a payment is recorded (unless the admin unticks it). */
  email_receipts: boolean
  /** The store's time zone (IANA): the calendar of due days and overdue. */
  timezone: string
  /** The journal export's account code of each role: the merchant's own, else the default. */
  account_codes: Record<AccountRole, string>
  /** Defaults of bank statement matching in reconciliation runs. */
  reconciliation: Tolerances
  reminders?: ReminderSettings
  collections?: CollectionsSettings
}

export type ReminderTemplate = { subject: string; body: string }

/** A reminder level: days relative to the due date (−3 before, 0 on the day, 7 after), its letters, its late fee. */
export type ReminderLevel = {
  days: number
  templates: Record<string, ReminderTemplate>
  late_fee: { type: "flat" | "percent"; value: number } | null
}

export type ReminderSettings = {
  enabled: boolean
  minimum_amount: number | string | null
  levels: ReminderLevel[]
}

export type CollectionsSettings = {
  /** Upper bounds of the aging buckets in days, ascending: [30, 60, 90]. */
  aging_buckets: number[]
  small_balance_write_off: { enabled: boolean; threshold: number | string | null }
  /** Pay-later orders still unpaid this many days after their due day: flag for review, or cancel. */
  unpaid_orders: { days: number | null; action: "flag" | "cancel" }
}

/** What a save sends: the codes of roles to change, null to go back to the default. */
export type BillingSettingsUpdate = Partial<Omit<BillingSettings, "account_codes">> & {
  account_codes?: Partial<Record<AccountRole, string | null>>
  number_series?: Omit<NumberSeries, "id" | "next_number" | "next_sequence">[]
}

type SettingsResponse = {
  settings: BillingSettings
  number_series: NumberSeries[]
  /** The {{variables}} reminder templates may use. */
  reminder_variables?: string[]
}

const key = ["billing", "settings"]

export function useBillingSettings() {
  return useQuery({ queryKey: key, queryFn: () => sdk.client.fetch<SettingsResponse>("/admin/billing/settings") })
}

export function useUpdateBillingSettings() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: BillingSettingsUpdate) =>
      sdk.client.fetch<SettingsResponse>("/admin/billing/settings", { method: "POST", body }),
    onSuccess: (data) => client.setQueryData(key, data),
  })
}

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { customerKeys } from "./customers"
import { invoiceKeys } from "./invoices"
import { sdk } from "./sdk"

/** Amounts are exact decimal strings (or numbers) in major units. */
type Amount = number | string

export type PromiseStatus = "pending" | "kept" | "broken"
export type ContactChannel = "call" | "email" | "visit" | "chat" | "letter" | "other"
export const CONTACT_CHANNELS: ContactChannel[] = ["call", "email", "visit", "chat", "letter", "other"]
export type WriteOffReason = "bad_debt" | "small_balance" | "settlement"
export const WRITE_OFF_REASONS: WriteOffReason[] = ["bad_debt", "small_balance", "settlement"]

/** Why a customer gets no reminders today: paused by hand (until a day), an open dispute, a pending promise. */
export type RemindersPaused = { reason: "manual" | "dispute" | "promise"; until: string | null; note: string | null }

export type CollectionInvoice = {
  id: string
  number: string | null
  due_at: string | null
  days_overdue: number
  amount_due: Amount
  total: Amount
  last_reminder_at: string | null
  /** The reminder levels (days) already sent for it. */
  reminder_levels: number[]
}

export type ContactNote = {
  id: string
  channel: ContactChannel
  note: string
  invoice_id?: string | null
  next_action: string | null
  next_action_date: string | null
  created_at: string
}

export type PaymentPromise = {
  id: string
  amount: Amount
  currency_code: string
  promised_date: string
  status: PromiseStatus
  note: string | null
  invoice_ids?: string[] | null
  created_at: string
}

/** One customer of the collections queue, in one currency, with what is overdue. */
export type CollectionCustomer = {
  customer_id: string
  name: string | null
  email: string | null
  currency_code: string
  overdue_amount: Amount
  open_amount: Amount
  oldest_days_overdue: number
  risk: Amount
  invoices: CollectionInvoice[]
  last_contact: Pick<ContactNote, "created_at" | "channel" | "note" | "next_action" | "next_action_date"> | null
  next_action: { action: string; date: string | null } | null
  promise: Pick<PaymentPromise, "id" | "amount" | "promised_date" | "status"> | null
  reminders_paused: RemindersPaused | null
}

export type Reminder = {
  id: string
  /** The schedule's level (days from the due date); null when sent by hand. */
  level: number | null
  trigger: "schedule" | "manual"
  to: string | null
  locale: string
  subject: string
  amount_due: Amount
  fee_invoice_id: string | null
  sent_at: string
}

export const collectionKeys = {
  all: ["billing", "collections"] as const,
  queue: (query: Record<string, unknown>) => ["billing", "collections", "queue", query] as const,
  reminders: (invoiceId: string) => ["billing", "collections", "reminders", invoiceId] as const,
  promises: (customerId: string) => ["billing", "collections", "promises", customerId] as const,
  notes: (customerId: string) => ["billing", "collections", "notes", customerId] as const,
}

export function useCollectionsQueue(query: Record<string, unknown>) {
  return useQuery({
    queryKey: collectionKeys.queue(query),
    queryFn: () =>
      sdk.client.fetch<{ customers: CollectionCustomer[]; count: number; limit: number; offset: number }>("/admin/billing/collections", {
        query,
      }),
  })
}

export function useInvoiceReminders(invoiceId: string) {
  return useQuery({
    queryKey: collectionKeys.reminders(invoiceId),
    queryFn: () => sdk.client.fetch<{ reminders: Reminder[] }>(`/admin/invoices/${invoiceId}/reminders`),
  })
}

export function useCustomerPromises(customerId: string) {
  return useQuery({
    queryKey: collectionKeys.promises(customerId),
    queryFn: () => sdk.client.fetch<{ promises: PaymentPromise[] }>(`/admin/customers/${customerId}/promises`),
  })
}

export function useContactNotes(customerId: string) {
  return useQuery({
    queryKey: collectionKeys.notes(customerId),
    queryFn: () => sdk.client.fetch<{ contact_notes: ContactNote[] }>(`/admin/customers/${customerId}/contact-notes`),
  })
}

/** Anything done in collections changes the queue, the invoices, the customer's card and the reports. */
function useRefreshCollections() {
  const client = useQueryClient()
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: collectionKeys.all }),
      client.invalidateQueries({ queryKey: invoiceKeys.all }),
      client.invalidateQueries({ queryKey: ["billing", "customers"] }),
      client.invalidateQueries({ queryKey: ["billing", "reports"] }),
    ])
}

const post = <T,>(path: string, body: Record<string, unknown> = {}) => sdk.client.fetch<T>(path, { method: "POST", body })

export type PromiseInput = { currency_code: string; amount: number; promised_date: string; invoice_ids?: string[]; note?: string }
export type ContactNoteInput = { channel: ContactChannel; note: string; next_action?: string; next_action_date?: string; invoice_id?: string }
export type WriteOffInput = { amount: number; reason: WriteOffReason; note?: string }
export type PauseInput = { until?: string; reason?: string }

/** Every collections action; each refreshes what it changed when it succeeds. */
export function useCollectionActions() {
  const refresh = useRefreshCollections()
  return {
    remind: useMutation({
      mutationFn: (invoiceId: string) => post<{ reminder: Reminder }>(`/admin/invoices/${invoiceId}/reminders`),
      onSuccess: refresh,
    }),
    promise: useMutation({
      mutationFn: ({ customerId, ...body }: PromiseInput & { customerId: string }) =>
        post<{ promise: PaymentPromise }>(`/admin/customers/${customerId}/promises`, body),
      onSuccess: refresh,
    }),
    note: useMutation({
      mutationFn: ({ customerId, ...body }: ContactNoteInput & { customerId: string }) =>
        post<{ contact_note: ContactNote }>(`/admin/customers/${customerId}/contact-notes`, body),
      onSuccess: refresh,
    }),
    writeOff: useMutation({
      mutationFn: ({ invoiceId, ...body }: WriteOffInput & { invoiceId: string }) => post(`/admin/invoices/${invoiceId}/write-off`, body),
      onSuccess: refresh,
    }),
    pause: useMutation({
      mutationFn: ({ customerId, ...body }: PauseInput & { customerId: string }) => post(`/admin/customers/${customerId}/reminders/pause`, body),
      onSuccess: refresh,
    }),
    resume: useMutation({
      mutationFn: (customerId: string) => post(`/admin/customers/${customerId}/reminders/resume`),
      onSuccess: refresh,
    }),
  }
}

export { customerKeys }

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { invoiceKeys } from "./invoices"
import { paymentKeys } from "./payments"
import { sdk } from "./sdk"

/** Amounts are major units, as numbers or exact decimal strings. */
type Amount = number | string

export const RUN_KINDS = ["stripe_payout", "three_way", "bank_statement"] as const
export type RunKind = (typeof RUN_KINDS)[number]
export const RUN_STATUSES = ["running", "completed", "failed"] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

export type Tolerances = { amount_tolerance?: number; amount_tolerance_percent?: number; date_tolerance_days?: number }

/** A saved comparison of sources for a period (or a payout, or a bank statement), with its progress. */
export type ReconciliationRun = {
  id: string
  kind: RunKind
  status: RunStatus
  params: {
    payout_id?: string | null
    /** ISO; `to` is exclusive. */
    from?: string | null
    to?: string | null
    collection_account_id?: string | null
    bank_statement_id?: string | null
    tolerances?: Tolerances | null
  }
  started_by_type: "user" | "system"
  started_by_id: string | null
  started_at: string
  finished_at: string | null
  progress_done: number
  progress_total: number
  matched_count: number
  exception_count: number
  summary: ({ open_exceptions?: number } & Record<string, unknown>) | null
  error: string | null
  /** How many times it ran (a rerun counts). */
  runs: number
  /** Share of the items looked at that matched, 0–1; null before it looked at anything. */
  match_rate: number | null
}

/** Every difference a run can find, grouped by the sources it compares. */
export const EXCEPTION_TYPES = [
  "stripe_line_unrecorded",
  "stripe_amount_mismatch",
  "stripe_fee_mismatch",
  "stripe_line_unclassified",
  "payout_total_mismatch",
  "payment_without_stripe_line",
  "order_not_invoiced",
  "order_invoice_mismatch",
  "invoice_paid_mismatch",
  "capture_not_recorded",
  "capture_amount_mismatch",
  "payment_without_capture",
  "refund_not_recorded",
  "refund_without_medusa_refund",
  "bank_line_unmatched",
  "bank_amount_difference",
  "bank_overpayment",
] as const
export type ExceptionType = (typeof EXCEPTION_TYPES)[number]

/** The exception types a run of each kind can find (for the type filter of a run). */
export const EXCEPTION_TYPES_BY_KIND: Record<RunKind, ExceptionType[]> = {
  stripe_payout: EXCEPTION_TYPES.slice(0, 6),
  three_way: EXCEPTION_TYPES.slice(6, 14),
  bank_statement: EXCEPTION_TYPES.slice(14),
}

export const RESOLUTION_ACTIONS = ["create_invoice", "record_payment", "link", "write_off", "explain"] as const
export type ResolutionAction = (typeof RESOLUTION_ACTIONS)[number]
export const WRITE_OFF_REASONS = ["fee", "fx", "rounding"] as const

export type ReconciliationException = {
  id: string
  run_id: string
  key: string
  type: ExceptionType
  status: "open" | "resolved"
  currency_code: string | null
  expected_amount: Amount | null
  actual_amount: Amount | null
  difference: Amount | null
  /** A sentence for people (from the server, in English). */
  description: string
  links: Partial<
    Record<
      | "order_id"
      | "invoice_id"
      | "payment_id"
      | "refund_id"
      | "balance_transaction_id"
      | "payout_id"
      | "bank_statement_line_id"
      | "capture_id",
      string
    >
  >
  resolution: { action: ResolutionAction; note: string | null; payment_id?: string; invoice_id?: string; write_off_id?: string } | null
  resolved_at: string | null
  resolved_by: string | null
  history: { at: string; event: "found" | "resolved" | "cleared"; action?: ResolutionAction; note?: string | null }[]
  /** The actions that can resolve it ("explain" always). */
  actions: ResolutionAction[]
}

export type ReconciliationMatch = {
  key: string
  source_type: string
  source_id: string
  target_type: string
  target_id: string
  currency_code: string
  amount: Amount
}

export type StartRunInput = {
  kind: RunKind
  payout_id?: string
  /** Inclusive days, YYYY-MM-DD. */
  from?: string
  to?: string
  collection_account_id?: string
  bank_statement_id?: string
  tolerances?: Tolerances
}

export type ResolveInput = {
  action: ResolutionAction
  note?: string
  customer_id?: string
  invoice_ids?: string[]
  payment_id?: string
  reason?: (typeof WRITE_OFF_REASONS)[number]
}

export const DATE_FORMATS = ["YYYY-MM-DD", "DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY", "YYYYMMDD", "YYYY/MM/DD"] as const

/** How a CSV's columns are read: the server guesses it, the admin corrects it, the account keeps it. */
export type StatementMapping = {
  delimiter?: string
  date_column: string
  date_format: (typeof DATE_FORMATS)[number]
  amount_column?: string | null
  credit_column?: string | null
  debit_column?: string | null
  decimal_separator: "." | ","
  description_columns: string[]
  reference_column?: string | null
  counterparty_column?: string | null
}

export type StatementFileInput = {
  collection_account_id: string
  file_name: string
  content: string
  format?: "csv" | "camt053"
  mapping?: StatementMapping
}

export type StatementPreview = {
  format: "csv" | "camt053"
  currency_code: string
  header: string[] | null
  sample: string[][] | null
  mapping: StatementMapping | null
  line_count: number
  lines: { row_number: number; booked_at: string; amount: Amount; description: string | null; reference: string | null; counterparty: string | null }[]
  errors: { row: number; reason: string }[]
}

export type BankStatement = {
  id: string
  collection_account_id: string
  file_name: string
  format: string
  line_count: number
  new_line_count: number
  booked_from: string | null
  booked_to: string | null
  created_at: string
}

export type AccountingPeriod = {
  period: string
  status: "open" | "closed"
  closed_at: string | null
  closed_by: string | null
  reopened_at: string | null
  reopen_reason: string | null
}

type Page<K extends string, T> = { [key in K]: T[] } & { count: number; offset: number; limit: number }

export const reconciliationKeys = {
  all: ["billing", "reconciliation"] as const,
  runs: (query: Record<string, unknown>) => ["billing", "reconciliation", "runs", query] as const,
  run: (id: string) => ["billing", "reconciliation", "run", id] as const,
  exceptions: (id: string, query: Record<string, unknown>) => ["billing", "reconciliation", "run", id, "exceptions", query] as const,
  matches: (id: string, query: Record<string, unknown>) => ["billing", "reconciliation", "run", id, "matches", query] as const,
  statements: (query: Record<string, unknown>) => ["billing", "reconciliation", "bank-statements", query] as const,
  periods: ["billing", "reconciliation", "periods"] as const,
}

/** Runs, newest first; asks again every second while one of them is still running. */
export function useReconciliationRuns(query: Record<string, unknown>) {
  return useQuery({
    queryKey: reconciliationKeys.runs(query),
    queryFn: () => sdk.client.fetch<Page<"reconciliations", ReconciliationRun>>("/admin/billing/reconciliations", { query }),
    refetchInterval: (q) => (q.state.data?.reconciliations.some((r) => r.status === "running") ? 1000 : false),
  })
}

/** One run; asks again every second while it runs, so its progress bar moves. */
export function useReconciliationRun(id: string) {
  const client = useQueryClient()
  return useQuery({
    queryKey: reconciliationKeys.run(id),
    queryFn: async () => {
      const before = client.getQueryData<{ reconciliation: ReconciliationRun }>(reconciliationKeys.run(id))
      const data = await sdk.client.fetch<{ reconciliation: ReconciliationRun }>(`/admin/billing/reconciliations/${id}`)
      // Once it finishes, its exceptions and matches are there to read.
      if (before?.reconciliation.status === "running" && data.reconciliation.status !== "running") {
        await client.invalidateQueries({ queryKey: [...reconciliationKeys.run(id), "exceptions"] })
        await client.invalidateQueries({ queryKey: [...reconciliationKeys.run(id), "matches"] })
      }
      return data
    },
    refetchInterval: (q) => (q.state.data?.reconciliation.status === "running" ? 1000 : false),
  })
}

export function useRunExceptions(id: string, query: Record<string, unknown>) {
  return useQuery({
    queryKey: reconciliationKeys.exceptions(id, query),
    queryFn: () =>
      sdk.client.fetch<Page<"exceptions", ReconciliationException>>(`/admin/billing/reconciliations/${id}/exceptions`, { query }),
  })
}

export function useRunMatches(id: string, query: Record<string, unknown>) {
  return useQuery({
    queryKey: reconciliationKeys.matches(id, query),
    queryFn: () => sdk.client.fetch<Page<"matches", ReconciliationMatch>>(`/admin/billing/reconciliations/${id}/matches`, { query }),
  })
}

export function useStartRun() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: StartRunInput) =>
      sdk.client.fetch<{ reconciliation: ReconciliationRun }>("/admin/billing/reconciliations", { method: "POST", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: reconciliationKeys.all }),
  })
}

export function useRerun(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ reconciliation: ReconciliationRun }>(`/admin/billing/reconciliations/${id}/rerun`, { method: "POST", body: {} }),
    onSuccess: (data) => {
      client.setQueryData(reconciliationKeys.run(id), data)
      return client.invalidateQueries({ queryKey: reconciliationKeys.all })
    },
  })
}

/** Resolving may record a payment, create an invoice or write a difference off: refresh those too. */
export function useResolveException() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: ResolveInput & { id: string }) =>
      sdk.client.fetch<{ exception: ReconciliationException }>(`/admin/billing/exceptions/${id}/resolve`, { method: "POST", body }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: reconciliationKeys.all }),
        client.invalidateQueries({ queryKey: paymentKeys.all }),
        client.invalidateQueries({ queryKey: invoiceKeys.all }),
      ]),
  })
}

export function usePreviewStatement() {
  return useMutation({
    mutationFn: (body: StatementFileInput) =>
      sdk.client.fetch<StatementPreview>("/admin/billing/bank-statements/preview", { method: "POST", body }),
  })
}

export type ImportResult = { bank_statement: BankStatement; already_imported: boolean; reconciliation: ReconciliationRun | null }

export function useImportStatement() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: StatementFileInput & { save_mapping?: boolean; reconcile?: boolean }) =>
      sdk.client.fetch<ImportResult>("/admin/billing/bank-statements", { method: "POST", body }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: reconciliationKeys.all }),
        // The mapping is kept on the account.
        client.invalidateQueries({ queryKey: ["billing", "collection-accounts"] }),
      ]),
  })
}

export function useBankStatements(query: Record<string, unknown>) {
  return useQuery({
    queryKey: reconciliationKeys.statements(query),
    queryFn: () => sdk.client.fetch<Page<"bank_statements", BankStatement>>("/admin/billing/bank-statements", { query }),
  })
}

export function usePeriods() {
  return useQuery({
    queryKey: reconciliationKeys.periods,
    queryFn: () => sdk.client.fetch<{ periods: AccountingPeriod[] }>("/admin/billing/periods"),
  })
}

export function usePeriodActions() {
  const client = useQueryClient()
  const refresh = () => client.invalidateQueries({ queryKey: reconciliationKeys.periods })
  return {
    close: useMutation({
      mutationFn: (period: string) =>
        sdk.client.fetch<{ period: AccountingPeriod }>("/admin/billing/periods", { method: "POST", body: { period } }),
      onSuccess: refresh,
    }),
    reopen: useMutation({
      mutationFn: ({ period, reason }: { period: string; reason: string }) =>
        sdk.client.fetch<{ period: AccountingPeriod }>(`/admin/billing/periods/${period}/reopen`, { method: "POST", body: { reason } }),
      onSuccess: refresh,
    }),
  }
}

/** The last `count` months that have ended (UTC, as the server counts them), newest first: "2026-10". */
export function endedMonths(count: number, now = new Date()): string[] {
  const months: string[] = []
  for (let i = 1; i <= count; i++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`)
  }
  return months
}

/** The run's period as inclusive days: `to` is exclusive on the server. */
export function runDays(run: ReconciliationRun): { from: string; to: string } | null {
  if (!run.params.from || !run.params.to) return null
  const to = new Date(new Date(run.params.to).getTime() - 24 * 3600 * 1000)
  return { from: run.params.from.slice(0, 10), to: to.toISOString().slice(0, 10) }
}

import type { BigNumberInput, Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MathBN, MedusaContext, MedusaError } from "@medusajs/framework/utils"
import { assertPaymentAmount, invoiceAmountDue, invoicePaymentStatus } from "../domain/allocation"
import { describePeriod, PeriodError, periodBounds } from "../domain/periods"
import { InvoiceType } from "../models/invoice"
import type { BillingActor } from "../types"
import { SqlManager } from "../utils/number-counter"
import { readReceivableBalances } from "../utils/receivable"
import { readJournal } from "../utils/journal"
import { newEntityIds } from "../utils/ids"
import { clearUnseen, countFindings, readOrderBilling, readPaymentsWithoutStripeLine, readStripeLines, saveFindings } from "../utils/reconciliation"
import { compareOrder, comparePayoutTotal, compareStripeLine, FoundException, FoundMatch, OrderFacts, resolutionsFor } from "../domain/reconciliation"
import { fileHash, fingerprintLines, ParsedLine } from "../domain/bank-statement"
import { planBankMatches, Tolerances } from "../domain/matching"
import { AccountCodes, accountCodes } from "../domain/accounts"
import CollectionsLayer from "./collections"

/** A running reconciliation run that has not saved progress for this long is taken as dead. */
const STALE_RUN_MS = 10 * 60 * 1000

/** The first and last of many times (Math.min(...times) overflows the stack past ~100,000). */
function earliestAndLatest(times: number[]) {
  let earliest = Infinity
  let latest = -Infinity
  for (const t of times) {
    if (t < earliest) earliest = t
    if (t > latest) latest = t
  }
  return { earliest, latest }
}

/**
 * The books: closing and reopening periods, write-offs, the journal, reconciliation runs, bank
 * statements and the exceptions runs find.
 *
 * One layer of the billing module's service (see ../service.ts).
 */
export default class BooksLayer extends CollectionsLayer {
  /**
   * Closes a month of the books: afterwards nothing dated in it can be created, changed or voided.
   * Only a month that has ended can be closed, and only once.
   */
  @InjectTransactionManager()
  async closePeriod(input: { period: string; actor?: BillingActor }, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    const bounds = this.translatePeriodErrors(() => periodBounds(input.period))
    if (bounds.ends_at.getTime() > Date.now()) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `${describePeriod(bounds.period)} has not ended yet; a period can be closed once it is over.`)
    }
    const [existing] = await manager.execute(
      `select id, status, closed_at, closed_by from billing_accounting_period where period = ? and deleted_at is null for update`,
      [bounds.period]
    )
    if (existing?.status === "closed") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `${describePeriod(bounds.period)} (${bounds.period}) is already closed since ${new Date(existing.closed_at).toISOString().slice(0, 10)}.`
      )
    }
    const values = { status: "closed", closed_at: new Date(), closed_by: input.actor?.actor_id ?? null, reopened_at: null, reopened_by: null, reopen_reason: null }
    const period = existing
      ? await this.updateAccountingPeriods({ id: existing.id, ...values } as any, sharedContext)
      : await this.createAccountingPeriods({ ...bounds, ...values } as any, sharedContext)
    await this.logActivity(
      { entity_type: "period", entity_id: bounds.period, action: "period.closed", ...input.actor, data: { period: bounds.period } },
      sharedContext
    )
    return period
  }

  /** Reopens a closed month, for a reason that goes in the activity log. */
  @InjectTransactionManager()
  async reopenPeriod(input: { period: string; reason: string; actor?: BillingActor }, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    const bounds = this.translatePeriodErrors(() => periodBounds(input.period))
    const reason = input.reason?.trim()
    if (!reason) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `A reason is required to reopen ${describePeriod(bounds.period)}.`)
    }
    const [existing] = await manager.execute(
      `select id, status from billing_accounting_period where period = ? and deleted_at is null for update`,
      [bounds.period]
    )
    if (existing?.status !== "closed") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `${describePeriod(bounds.period)} (${bounds.period}) is not closed.`)
    }
    const period = await this.updateAccountingPeriods(
      { id: existing.id, status: "open", reopened_at: new Date(), reopened_by: input.actor?.actor_id ?? null, reopen_reason: reason } as any,
      sharedContext
    )
    await this.logActivity(
      { entity_type: "period", entity_id: bounds.period, action: "period.reopened", ...input.actor, data: { period: bounds.period, reason } },
      sharedContext
    )
    return period
  }

  protected translatePeriodErrors<T>(check: () => T): T {
    try {
      return check()
    } catch (e) {
      if (e instanceof PeriodError) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, e.message)
      }
      throw e
    }
  }

  /**
   * Writes off what an invoice will not be paid (all or part of its amount due), with a reason:
   * the invoice owes that much less, and the journal books it as an expense.
   */
  @InjectTransactionManager()
  async writeOffInvoice(
    input: { invoice_id: string; amount: BigNumberInput; reason: string; note?: string | null; exception_id?: string | null; written_off_at?: Date | string; actor?: BillingActor },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    const [invoice] = await manager.execute(
      `select id, number, type, status, customer_id, currency_code, total, amount_paid, amount_credited, amount_written_off
         from billing_invoice where id = ? and deleted_at is null for update`,
      [input.invoice_id]
    )
    if (!invoice) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice with id: ${input.invoice_id} was not found`)
    }
    const name = invoice.number ?? invoice.id
    if (invoice.type !== InvoiceType.INVOICE || !["open", "partially_paid"].includes(invoice.status)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Invoice ${name} is ${invoice.status}; only an open or partly paid invoice can be written off.`)
    }
    this.translateAllocationErrors(() => assertPaymentAmount(input.amount, invoice.currency_code, "The write-off"))
    const due = invoiceAmountDue(invoice)
    if (MathBN.gt(input.amount, due)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `The write-off (${MathBN.convert(input.amount).toString()} ${invoice.currency_code.toUpperCase()}) is more than invoice ${name} owes (${due.toString()}).`
      )
    }
    const writtenOffAt = input.written_off_at ? new Date(input.written_off_at) : new Date()
    await this.assertPeriodOpen(manager, writtenOffAt, "The write-off")
    const writeOff = await this.createWriteOffs(
      {
        invoice_id: invoice.id,
        customer_id: invoice.customer_id,
        currency_code: invoice.currency_code,
        amount: MathBN.convert(input.amount).toString(),
        reason: input.reason,
        note: input.note ?? null,
        exception_id: input.exception_id ?? null,
        written_off_at: writtenOffAt,
      } as any,
      sharedContext
    )
    invoice.amount_written_off = MathBN.add(invoice.amount_written_off, input.amount).toString()
    await this.updateInvoices(
      {
        id: invoice.id,
        amount_written_off: invoice.amount_written_off,
        amount_due: invoiceAmountDue(invoice).toString(),
        status: invoicePaymentStatus(invoice),
      } as any,
      sharedContext
    )
    await this.logActivity(
      {
        entity_type: "invoice",
        entity_id: invoice.id,
        action: "invoice.written_off",
        ...input.actor,
        data: { write_off_id: writeOff.id, amount: writeOff.amount, reason: input.reason, note: input.note ?? undefined },
      },
      sharedContext
    )
    return writeOff
  }

  /**
   * The journal of `[from, to)`: every fact of the books in the period as balanced entries, in the
   * merchant's account codes, with the receivable's balance per currency at `from` (the sum of all
   * customers' ledgers). One repeatable-read transaction: entries and opening are one snapshot.
   */
  @InjectManager()
  async listJournalEntries(input: { from: Date; to: Date }, @MedusaContext() sharedContext: Context = {}) {
    const settings = await this.retrieveSettings(sharedContext)
    const codes = accountCodes(settings.account_codes as Record<string, string> | null)
    return await this.readJournalSnapshot({ ...input, codes })
  }

  @InjectTransactionManager()
  protected async readJournalSnapshot(input: { from: Date; to: Date; codes: AccountCodes }, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(`set transaction isolation level repeatable read, read only`)
    const entries = await readJournal(manager, input)
    const opening = await readReceivableBalances(manager, input.from)
    return { entries, opening }
  }

  /** Starts a reconciliation run: saved at once with who started it and its parameters, then filled by the run. */
  @InjectTransactionManager()
  async startReconciliationRun(
    input: { kind: string; params: Record<string, unknown>; actor?: BillingActor },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const run = await this.createReconciliationRuns(
      {
        kind: input.kind,
        params: input.params,
        status: "running",
        started_by_type: input.actor?.actor_type ?? "system",
        started_by_id: input.actor?.actor_id ?? null,
        started_at: new Date(),
      } as any,
      sharedContext
    )
    await this.logActivity(
      { entity_type: "reconciliation", entity_id: run.id, action: "reconciliation.started", ...input.actor, data: { kind: input.kind, params: input.params } },
      sharedContext
    )
    return run
  }

  /** Runs a finished run again (same parameters): its matches and exceptions are updated in place. */
  @InjectTransactionManager()
  async restartReconciliationRun(id: string, actor: BillingActor = {}, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    const [run] = await manager.execute(
      `select id, status, runs, updated_at from billing_reconciliation_run where id = ? and deleted_at is null for update`,
      [id]
    )
    if (!run) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Reconciliation run with id: ${id} was not found`)
    }
    // A run saves its progress as it goes; one silent for longer died with its process and may run again.
    if (run.status === "running" && Date.now() - new Date(run.updated_at).getTime() < STALE_RUN_MS) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Reconciliation run ${id} is still running; run it again once it has finished.`)
    }
    await manager.execute(
      `update billing_reconciliation_run set status = 'running', runs = runs + 1, progress_done = 0, error = null, finished_at = null, updated_at = now() where id = ?`,
      [id]
    )
    await this.logActivity({ entity_type: "reconciliation", entity_id: id, action: "reconciliation.rerun", ...actor }, sharedContext)
    return await this.retrieveReconciliationRun(id, {}, sharedContext)
  }

  @InjectTransactionManager()
  async recordReconciliationProgress(id: string, done: number, total: number, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(`update billing_reconciliation_run set progress_done = ?, progress_total = ?, updated_at = now() where id = ?`, [done, total, id])
  }

  /** Saves a batch of what a run found (matches and exceptions, keyed per run; see `saveFindings`). */
  @InjectTransactionManager()
  async saveReconciliationFindings(
    id: string,
    found: { matches: FoundMatch[]; exceptions: FoundException[] },
    seenAt: Date,
    @MedusaContext() sharedContext: Context = {}
  ) {
    await saveFindings(sharedContext.transactionManager as SqlManager, id, found, seenAt)
  }

  /**
   * Ends a run: what it no longer found is cleared (only exceptions of `clear_types` when given:
   * a bank run looks at unmatched lines only, so what earlier runs matched stays), its counts and
   * summary are saved.
   */
  @InjectTransactionManager()
  async finishReconciliationRun(
    id: string,
    seenAt: Date,
    summary: Record<string, unknown>,
    options: { clear_types?: string[] } = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    await clearUnseen(manager, id, seenAt, options.clear_types)
    const counts = await countFindings(manager, id)
    await manager.execute(
      `update billing_reconciliation_run
          set status = 'completed', finished_at = now(), matched_count = ?, exception_count = ?, summary = ?::jsonb,
              progress_done = progress_total, updated_at = now()
        where id = ?`,
      [counts.matched, counts.exceptions, JSON.stringify({ ...summary, open_exceptions: counts.open }), id]
    )
    return await this.retrieveReconciliationRun(id, {}, sharedContext)
  }

  @InjectTransactionManager()
  async failReconciliationRun(id: string, error: string, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(`update billing_reconciliation_run set status = 'failed', finished_at = now(), error = ?, updated_at = now() where id = ?`, [error, id])
  }

  /**
   * Matches the balance transactions of Stripe payouts with billing's payments, refunds and
   * disputes, compares amounts and fees, and each payout's amount with the sum of its lines.
   */
  @InjectTransactionManager()
  async reconcileStripePayouts(id: string, payoutIds: string[], seenAt: Date, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    const lines = await readStripeLines(manager, payoutIds)
    const matches: FoundMatch[] = []
    const exceptions: FoundException[] = []
    const items = lines.filter((l) => l.type !== "payout")
    for (const line of items) {
      const found = compareStripeLine(line)
      if (found.match) matches.push(found.match)
      exceptions.push(...found.exceptions)
    }
    const payouts = payoutIds.length
      ? await manager.execute(
          `select external_id, amount::text as amount, currency_code from billing_stripe_payout where external_id in (${payoutIds.map(() => "?").join(",")}) and deleted_at is null`,
          payoutIds
        )
      : []
    for (const payout of payouts) {
      const total = comparePayoutTotal(payout, lines.filter((l) => l.payout_id === payout.external_id))
      if (total) exceptions.push(total)
    }
    await saveFindings(manager, id, { matches, exceptions }, seenAt)
    const clean = new Set(matches.map((m) => m.key.slice("txn:".length)))
    for (const e of exceptions) clean.delete(String(e.links.balance_transaction_id))
    return { lines: items.length, matched: clean.size, payouts: payouts.length, exceptions: exceptions.length }
  }

  /** Paid payouts with their balance transactions in, that no reconciliation run has looked at. */
  @InjectManager()
  async listPayoutsToReconcile(@MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as unknown as SqlManager
    const rows = await manager.execute(
      `select p.external_id from billing_stripe_payout p
        where p.status = 'paid' and p.transactions_fetched_at is not null and p.deleted_at is null
          and not exists (select 1 from billing_reconciliation_run r
                           where r.kind = 'stripe_payout' and r.params->>'payout_id' = p.external_id and r.deleted_at is null)
        order by p.arrival_date, p.external_id`
    )
    return rows.map((r: { external_id: string }) => r.external_id)
  }

  /** Card payments of `[from, to)` that Stripe shows no balance transaction for. */
  @InjectTransactionManager()
  async reconcileStripePaymentsWithoutLines(id: string, from: Date, to: Date, seenAt: Date, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    const rows = await readPaymentsWithoutStripeLine(manager, from, to)
    const exceptions: FoundException[] = rows.map((p: any) => ({
      key: `no_stripe_line:${p.id}`,
      type: "payment_without_stripe_line" as const,
      currency_code: p.currency_code,
      expected_amount: p.amount,
      actual_amount: "0",
      difference: MathBN.mult(p.amount, -1).toString(),
      description: `Payment ${p.receipt_number ?? p.id} (${p.amount} ${p.currency_code.toUpperCase()}, ${p.stripe_payment_intent_id}) has no Stripe balance transaction.`,
      links: { payment_id: p.id, payment_intent_id: p.stripe_payment_intent_id },
    }))
    await saveFindings(manager, id, { matches: [], exceptions }, seenAt)
    return exceptions.length
  }

  /** Three-way comparison of a batch of orders (Medusa's facts given) with their documents, payments and refunds. */
  @InjectTransactionManager()
  async reconcileOrders(id: string, orders: OrderFacts[], seenAt: Date, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    const capturedBy = new Map<string, string>()
    for (const order of orders) {
      for (const c of order.captures) if (c.created_by?.startsWith("bpay_")) capturedBy.set(c.created_by, order.id)
    }
    const billing = await readOrderBilling(manager, orders.map((o) => o.id), capturedBy)
    const matches: FoundMatch[] = []
    const exceptions: FoundException[] = []
    let clean = 0
    for (const order of orders) {
      const found = compareOrder(order, billing.get(order.id)!)
      matches.push(...found.matches)
      exceptions.push(...found.exceptions)
      if (!found.exceptions.length) clean++
    }
    await saveFindings(manager, id, { matches, exceptions }, seenAt)
    return { matched: matches.length, exceptions: exceptions.length, clean_orders: clean }
  }

  /**
   * Imports a bank statement's lines for a collection account. The same file twice is refused;
   * lines already imported from another file (same fingerprint) are not added again.
   */
  @InjectTransactionManager()
  async importBankStatement(
    input: { collection_account_id: string; file_name: string; format: "csv" | "camt053"; content: string; lines: ParsedLine[]; mapping?: unknown; actor?: BillingActor },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    const [account] = await manager.execute(
      `select id, name, currency_code, is_active from billing_collection_account where id = ? and deleted_at is null for update`,
      [input.collection_account_id]
    )
    if (!account || !account.is_active) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Collection account ${input.collection_account_id} ${account ? "is archived" : "does not exist"}.`)
    }
    const hash = fileHash(input.content)
    const [same] = await manager.execute(
      `select id, file_name, created_at from billing_bank_statement where collection_account_id = ? and file_hash = ? and deleted_at is null`,
      [account.id, hash]
    )
    if (same) {
      return { statement: await this.retrieveBankStatement(same.id, {}, sharedContext), already_imported: true }
    }
    const currency = account.currency_code as string
    const fingerprints = fingerprintLines(account.id, input.lines)
    const dates = earliestAndLatest(input.lines.map((l) => l.booked_at.getTime()))
    const statement = await this.createBankStatements(
      {
        collection_account_id: account.id,
        file_name: input.file_name,
        format: input.format,
        file_hash: hash,
        currency_code: currency,
        line_count: input.lines.length,
        booked_from: new Date(dates.earliest),
        booked_to: new Date(dates.latest),
        mapping: input.mapping ?? null,
        imported_by: input.actor?.actor_id ?? null,
      } as any,
      sharedContext
    )
    let added = 0
    for (let i = 0; i < input.lines.length; i += 5000) {
      const slice = input.lines.slice(i, i + 5000)
      const ids = newEntityIds("bsl", slice.length)
      const rows = slice.map((l, j) => ({
        id: ids[j],
        row_number: l.row_number,
        booked_at: l.booked_at.toISOString(),
        amount: l.amount,
        description: l.description,
        counterparty: l.counterparty,
        reference: l.reference,
        fingerprint: fingerprints[i + j],
      }))
      const inserted = await manager.execute(
        `insert into billing_bank_statement_line
           (id, statement_id, collection_account_id, row_number, booked_at, amount, raw_amount, currency_code, description, counterparty, reference, fingerprint, status)
         select x.id, ?, ?, x.row_number, x.booked_at, x.amount, jsonb_build_object('value', x.amount::text, 'precision', 20), ?, x.description, x.counterparty, x.reference, x.fingerprint, 'unmatched'
           from jsonb_to_recordset(?::jsonb) as x(id text, row_number int, booked_at timestamptz, amount numeric, description text, counterparty text, reference text, fingerprint text)
         on conflict (collection_account_id, fingerprint) where deleted_at is null do nothing
         returning id`,
        [statement.id, account.id, currency, JSON.stringify(rows)]
      )
      added += inserted.length
    }
    await this.updateBankStatements({ id: statement.id, new_line_count: added } as any, sharedContext)
    await this.logActivity(
      {
        entity_type: "bank_statement",
        entity_id: statement.id,
        action: "bank_statement.imported",
        ...input.actor,
        data: { file_name: input.file_name, lines: input.lines.length, new_lines: added, collection_account_id: account.id },
      },
      sharedContext
    )
    return { statement: await this.retrieveBankStatement(statement.id, {}, sharedContext), already_imported: false }
  }

  /**
   * Matches a collection account's unmatched bank lines (of one statement, or all) with recorded
   * payments and open invoices (see `planBankMatches`). Lines matched to payments are marked at
   * once; lines that pay invoices are returned for the caller to record their payments.
   */
  @InjectTransactionManager()
  async planBankReconciliation(
    input: { collection_account_id: string; statement_id?: string | null; tolerances: Tolerances },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    const lines = await manager.execute(
      `select id, booked_at, amount::text as amount, currency_code, concat_ws(' ', description, reference, counterparty) as text
         from billing_bank_statement_line
        where collection_account_id = ? and status = 'unmatched' and deleted_at is null ${input.statement_id ? "and statement_id = ?" : ""}
        order by booked_at, row_number`,
      input.statement_id ? [input.collection_account_id, input.statement_id] : [input.collection_account_id]
    )
    if (!lines.length) return { lines: [], plan: { matches: [], unmatched: [] } }
    const dates = earliestAndLatest(lines.map((l: any) => new Date(l.booked_at).getTime()))
    const window = input.tolerances.date_tolerance_days * 24 * 60 * 60 * 1000
    const currency = lines[0].currency_code
    // Payments that landed on this account (or on none) and no bank line claims yet.
    const payments = await manager.execute(
      `select p.id, p.amount::text as amount, p.currency_code, p.received_at, p.reference, p.receipt_number
         from billing_payment p
        where p.currency_code = ? and p.received_at >= ? and p.received_at < ? and p.deleted_at is null
          and (p.collection_account_id = ? or p.collection_account_id is null) and p.source = 'manual'
          and not exists (select 1 from billing_bank_statement_line l where l.payment_id = p.id and l.deleted_at is null)`,
      [currency, new Date(dates.earliest - window), new Date(dates.latest + window + 24 * 60 * 60 * 1000), input.collection_account_id]
    )
    const invoices = await manager.execute(
      `select id, number, customer_id, currency_code, amount_due::text as amount_due
         from billing_invoice where currency_code = ? and type = 'invoice' and status in ('open', 'partially_paid') and number is not null and deleted_at is null`,
      [currency]
    )
    const plan = planBankMatches(lines, payments, invoices, input.tolerances)
    const invoiceCustomers = new Map(invoices.map((i: any) => [i.id, i.customer_id as string]))
    return { lines, plan, invoiceCustomers }
  }

  /** Marks bank lines as the money of payments (matched by a run, recorded from them, or linked by hand). */
  @InjectTransactionManager()
  async matchBankLines(pairs: { line_id: string; payment_id: string }[], @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    for (let i = 0; i < pairs.length; i += 5000) {
      await manager.execute(
        `update billing_bank_statement_line l set status = 'matched', payment_id = x.payment_id, updated_at = now()
           from jsonb_to_recordset(?::jsonb) as x(line_id text, payment_id text)
          where l.id = x.line_id and l.deleted_at is null`,
        [JSON.stringify(pairs.slice(i, i + 5000))]
      )
    }
  }

  /**
   * Resolves an exception with an action and a note; the action's result (payment, invoice,
   * write-off…) is kept with it. An exception is resolved once: a second time is refused.
   */
  @InjectTransactionManager()
  async resolveReconciliationException(
    id: string,
    input: { action: string; note?: string | null; result?: Record<string, unknown>; actor?: BillingActor },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    const [exception] = await manager.execute(
      `select id, run_id, type, status, resolution from billing_reconciliation_exception where id = ? and deleted_at is null for update`,
      [id]
    )
    if (!exception) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Exception with id: ${id} was not found`)
    }
    if (exception.status === "resolved") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Exception ${id} is already resolved (${exception.resolution?.action ?? "resolved"}); it cannot be resolved again.`
      )
    }
    this.assertResolution(exception.type, input.action, input.note)
    const at = new Date()
    const resolution = { action: input.action, note: input.note?.trim() || null, ...(input.result ?? {}) }
    await manager.execute(
      `update billing_reconciliation_exception
          set status = 'resolved', resolution = ?::jsonb, resolved_at = ?, resolved_by = ?,
              history = coalesce(history, '[]'::jsonb) || jsonb_build_array(?::jsonb), updated_at = now()
        where id = ?`,
      [
        JSON.stringify(resolution),
        at,
        input.actor?.actor_id ?? input.actor?.actor_type ?? "system",
        JSON.stringify({ at: at.toISOString(), event: "resolved", actor_id: input.actor?.actor_id ?? null, ...resolution }),
        id,
      ]
    )
    // The run's summary says how many exceptions are still open.
    await manager.execute(
      `update billing_reconciliation_run r
          set summary = coalesce(r.summary, '{}'::jsonb) || jsonb_build_object('open_exceptions',
                (select count(*) from billing_reconciliation_exception e where e.run_id = r.id and e.status = 'open' and e.deleted_at is null))
        where r.id = ?`,
      [exception.run_id]
    )
    await this.logActivity(
      { entity_type: "reconciliation_exception", entity_id: id, action: "exception.resolved", ...input.actor, data: resolution },
      sharedContext
    )
    return await this.retrieveReconciliationException(id, {}, sharedContext)
  }

  /** Refuses an action the exception's type does not allow, or an explanation without a note. */
  assertResolution(type: string, action: string, note?: string | null) {
    const allowed = resolutionsFor(type)
    if (!allowed.includes(action as any)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `An exception of type ${type} cannot be resolved with "${action}"; use one of: ${allowed.join(", ")}.`
      )
    }
    if (action === "explain" && !note?.trim()) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Explaining an exception needs a note that says why it is right.`)
    }
  }
}

import type { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MathBN,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { invoiceAmountDue, invoicePaymentStatus, planCreditNoteRelease } from "../domain/allocation"
import { isKnownCurrency } from "../domain/currencies"
import { addDays } from "../domain/dates"
import { ClosedPeriod, closedPeriodAt, describePeriod, openBookingDate } from "../domain/periods"
import { collectionSettings } from "../domain/collections"
import { frozenFieldsIn } from "../domain/immutability"
import { DocumentType, validateNumberFormat } from "../domain/numbering"
import { Activity } from "../models/activity"
import { CustomerBillingSettings } from "../models/customer-settings"
import { Invoice, InvoiceStatus, InvoiceType } from "../models/invoice"
import { InvoiceLine } from "../models/invoice-line"
import { NumberCounter } from "../models/number-counter"
import { NumberSeries } from "../models/number-series"
import { BillingSettings } from "../models/settings"
import { BillingPayment } from "../models/payment"
import { CollectionAccount } from "../models/collection-account"
import { PaymentAllocation } from "../models/payment-allocation"
import { PaymentRefund } from "../models/payment-refund"
import { PaymentDispute } from "../models/payment-dispute"
import { StripeEvent } from "../models/stripe-event"
import { PaymentLink } from "../models/payment-link"
import { StripeBalanceTransaction } from "../models/stripe-balance-transaction"
import { StripePayout } from "../models/stripe-payout"
import { ReconciliationRun } from "../models/reconciliation-run"
import { ReconciliationMatch } from "../models/reconciliation-match"
import { ReconciliationException } from "../models/reconciliation-exception"
import { BankStatement } from "../models/bank-statement"
import { BankStatementLine } from "../models/bank-statement-line"
import { AccountingPeriod } from "../models/accounting-period"
import { WriteOff } from "../models/write-off"
import { PaymentPromise } from "../models/payment-promise"
import { ContactNote } from "../models/contact-note"
import { Reminder } from "../models/reminder"
import type {
  ActivityInput,
  BillingActor,
  CreateDraftInvoiceInput,
  DocumentDefaults,
  IssueInvoiceInput,
  UpdateBillingSettingsInput,
  UpdateNumberSeriesInput,
} from "../types"
import { ensureNumberSeries, peekNextNumber, SqlManager, takeNextNumber } from "../utils/number-counter"
import { newEntityIds } from "../utils/ids"

const SETTINGS_SCOPE = "default"

/**
 * Invoices and credit notes (drafts, issue, void, the PDF), the store's and customers' settings,
 * the number series, and what an issued credit note does to payments. Also what the later layers
 * build on: the activity log, the period guard and the payment lock.
 *
 * One layer of the billing module's service (see ../service.ts).
 */
export default class DocumentsLayer extends MedusaService({
  Invoice,
  InvoiceLine,
  NumberSeries,
  NumberCounter,
  Activity,
  BillingSettings,
  CustomerBillingSettings,
  BillingPayment,
  PaymentAllocation,
  PaymentRefund,
  PaymentDispute,
  CollectionAccount,
  StripeEvent,
  PaymentLink,
  StripeBalanceTransaction,
  StripePayout,
  ReconciliationRun,
  ReconciliationMatch,
  ReconciliationException,
  BankStatement,
  BankStatementLine,
  AccountingPeriod,
  WriteOff,
  PaymentPromise,
  ContactNote,
  Reminder,
}) {
  /** Creates a draft invoice or credit note with its lines, in one transaction. Drafts have no number. */
  @InjectTransactionManager()
  async createDraftInvoice(input: CreateDraftInvoiceInput, @MedusaContext() sharedContext: Context = {}) {
    const { lines, actor, ...invoiceData } = input
    if (!isKnownCurrency(invoiceData.currency_code)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Unknown currency "${invoiceData.currency_code}": use an ISO 4217 code such as eur, usd or jpy.`
      )
    }
    const invoice = await this.createInvoices(
      { ...invoiceData, currency_code: invoiceData.currency_code.toLowerCase(), status: InvoiceStatus.DRAFT } as any,
      sharedContext
    )
    if (lines.length) {
      await this.createInvoiceLines(lines.map((line) => ({ ...line, invoice_id: invoice.id })) as any, sharedContext)
    }
    await this.logActivity(
      {
        entity_type: "invoice",
        entity_id: invoice.id,
        action: invoice.type === InvoiceType.CREDIT_NOTE ? "credit_note.created" : "invoice.created",
        ...actor,
        data: { order_id: invoice.order_id, original_invoice_id: invoice.original_invoice_id ?? undefined },
      },
      sharedContext
    )
    return invoice
  }

  /**
   * Issues a draft: takes the next number of its series, copies the seller from the settings,
   * fixes the due date, and freezes the document, all in one transaction. If anything fails the
   * counter increment rolls back too, so no number is lost.
   */
  @InjectTransactionManager()
  async issueInvoice(id: string, input: IssueInvoiceInput = {}, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    // Lock the draft so two concurrent issues of the same invoice cannot both take a number.
    const [row] = await manager.execute(
      `select id, type, status, number, payment_terms_days, original_invoice_id, total, currency_code
       from billing_invoice where id = ? and deleted_at is null for update`,
      [id]
    )
    if (!row) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice with id: ${id} was not found`)
    }
    if (row.status !== InvoiceStatus.DRAFT) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Invoice ${row.number ?? id} is already issued (status ${row.status}); issued invoices cannot be issued again.`
      )
    }
    const [{ count }] = await manager.execute(
      `select count(*)::int as count from billing_invoice_line where invoice_id = ? and deleted_at is null`,
      [id]
    )
    if (!count) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invoice ${id} has no lines; a document without lines cannot be issued.`)
    }
    const isCreditNote = row.type === InvoiceType.CREDIT_NOTE
    if (isCreditNote) {
      await this.applyCreditNote(manager, row, input.actor ?? {}, sharedContext)
    }

    const issuedAt = input.issued_at ? new Date(input.issued_at) : new Date()
    await this.assertPeriodOpen(manager, issuedAt, `${isCreditNote ? "The credit note" : "The invoice"}`)
    const number = await takeNextNumber(
      manager,
      isCreditNote ? DocumentType.CREDIT_NOTE : DocumentType.INVOICE,
      issuedAt
    )
    const settings = await this.retrieveSettings(sharedContext)

    await this.updateInvoices(
      {
        id,
        number,
        status: isCreditNote ? InvoiceStatus.ISSUED : InvoiceStatus.OPEN,
        issued_at: issuedAt,
        due_at: addDays(issuedAt, row.payment_terms_days ?? 0),
        seller: settings.seller ?? null,
        // A credit note owes nothing itself: it lowers what its invoice owes.
        amount_due: isCreditNote ? 0 : row.total,
      },
      sharedContext
    )
    await this.logActivity(
      {
        entity_type: "invoice",
        entity_id: id,
        action: isCreditNote ? "credit_note.issued" : "invoice.issued",
        ...input.actor,
        data: { number },
      },
      sharedContext
    )
    return await this.retrieveInvoice(id, { relations: ["lines"] }, sharedContext)
  }

  /**
   * Voids an issued invoice: it keeps its number and content, owes nothing any more, and says why.
   * Refused while payments are allocated to it: unapply or refund them first.
   */
  @InjectTransactionManager()
  async voidInvoice(
    id: string,
    input: { reason: string; actor?: BillingActor },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    const [row] = await manager.execute(
      `select id, type, status, number, amount_paid, issued_at from billing_invoice where id = ? and deleted_at is null for update`,
      [id]
    )
    if (!row) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice with id: ${id} was not found`)
    }
    const name = row.number ?? id
    if (!input.reason?.trim()) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `A reason is required to void invoice ${name}.`)
    }
    if (row.type === InvoiceType.CREDIT_NOTE) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `${name} is a credit note; credit notes cannot be voided. Issue a new invoice to reverse it.`
      )
    }
    if (row.status === InvoiceStatus.DRAFT) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Invoice ${id} is a draft; delete it instead of voiding it.`)
    }
    if (row.status === InvoiceStatus.VOID) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Invoice ${name} is already void.`)
    }
    if (row.status === InvoiceStatus.PAID || MathBN.gt(row.amount_paid ?? 0, 0)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Invoice ${name} has payments allocated to it; unapply or refund them before voiding, or issue a credit note.`
      )
    }
    await this.assertPeriodOpen(manager, row.issued_at, `Invoice ${name}`)
    await this.updateInvoices(
      { id, status: InvoiceStatus.VOID, void_reason: input.reason.trim(), voided_at: new Date(), amount_due: 0 },
      sharedContext
    )
    await this.logActivity(
      { entity_type: "invoice", entity_id: id, action: "invoice.voided", ...input.actor, data: { reason: input.reason.trim() } },
      sharedContext
    )
    return await this.retrieveInvoice(id, {}, sharedContext)
  }

  /**
   * Changes a draft. Issued documents refuse every change but their payment state, void marks,
   * notes and metadata; corrections are credit notes.
   */
  @InjectTransactionManager()
  async updateDraftInvoice(
    id: string,
    data: { payment_terms_days?: number; notes?: string | null; metadata?: Record<string, unknown> | null },
    actor: BillingActor = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    const invoice = await this.retrieveInvoice(id, { select: ["id", "status", "number"] }, sharedContext)
    this.assertChangeAllowed(invoice, data)
    await this.updateInvoices({ id, ...data } as any, sharedContext)
    await this.logActivity(
      { entity_type: "invoice", entity_id: id, action: "invoice.updated", ...actor, data: { fields: Object.keys(data) } },
      sharedContext
    )
    return await this.retrieveInvoice(id, { relations: ["lines"] }, sharedContext)
  }

  /** Throws the error a person understands when `change` touches what an issued document freezes. */
  assertChangeAllowed(invoice: { id: string; status: string; number?: string | null }, change: Record<string, unknown>) {
    if (invoice.status === InvoiceStatus.DRAFT) {
      return
    }
    const frozen = frozenFieldsIn(change)
    if (frozen.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Invoice ${invoice.number ?? invoice.id} is issued and cannot be changed (${frozen.join(", ")}); correct it with a credit note.`
      )
    }
  }

  /**
   * Records the PDF stored at issue. Set once: if two renderings race, the first one stays the
   * document and the id returned is that one.
   */
  @InjectTransactionManager()
  async attachDocumentPdf(id: string, fileId: string, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(`update billing_invoice set pdf_file_id = ? where id = ? and pdf_file_id is null`, [fileId, id])
    const [row] = await manager.execute(`select pdf_file_id from billing_invoice where id = ?`, [id])
    return row?.pdf_file_id ?? null
  }

  /** Deletes drafts only; an issued document is kept forever with its number. */
  @InjectTransactionManager()
  async deleteDraftInvoice(id: string, actor: BillingActor = {}, @MedusaContext() sharedContext: Context = {}) {
    const invoice = await this.retrieveInvoice(id, { select: ["id", "status", "number"] }, sharedContext)
    if (invoice.status !== InvoiceStatus.DRAFT) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Invoice ${invoice.number ?? id} is issued and cannot be deleted; void it or issue a credit note.`
      )
    }
    await this.deleteInvoices(id, sharedContext)
    await this.logActivity({ entity_type: "invoice", entity_id: id, action: "invoice.deleted", ...actor }, sharedContext)
  }

  /** The store's billing settings, created with defaults on first read. */
  @InjectManager()
  async retrieveSettings(@MedusaContext() sharedContext: Context = {}) {
    const [existing] = await this.listBillingSettings({ scope: SETTINGS_SCOPE }, {}, sharedContext)
    if (existing) {
      return existing
    }
    try {
      return await this.createBillingSettings({ scope: SETTINGS_SCOPE }, sharedContext)
    } catch {
      // Another process created it first.
      const [created] = await this.listBillingSettings({ scope: SETTINGS_SCOPE }, {}, sharedContext)
      return created
    }
  }

  @InjectTransactionManager()
  async updateSettings(
    data: UpdateBillingSettingsInput,
    actor: BillingActor = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    const settings = await this.retrieveSettings(sharedContext)
    if (data.collections) {
      // A section of the collections rules changes; the others stay as they were.
      data = { ...data, collections: collectionSettings({ ...collectionSettings(settings.collections as any), ...data.collections }) }
    }
    const updated = await this.updateBillingSettings({ id: settings.id, ...data } as any, sharedContext)
    await this.logActivity(
      { entity_type: "settings", entity_id: settings.id, action: "settings.updated", ...actor, data: { fields: Object.keys(data) } },
      sharedContext
    )
    return updated
  }

  /** Every series (created with defaults on first read) with the number each would give next. */
  @InjectTransactionManager()
  async listNumberSeriesWithPreview(date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    const result: (Awaited<ReturnType<typeof ensureNumberSeries>> & Awaited<ReturnType<typeof peekNextNumber>>)[] = []
    for (const type of Object.values(DocumentType)) {
      const series = await ensureNumberSeries(manager, type)
      result.push({ ...series, ...(await peekNextNumber(manager, series, date)) })
    }
    return result
  }

  /** Throws a 400 explaining what is wrong with a number format. */
  assertValidNumberSeries(input: UpdateNumberSeriesInput) {
    const problem = validateNumberFormat(input.format, input.reset)
    if (problem) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `${input.document_type} series: ${problem}`)
    }
  }

  /** Changes a series' format or reset; numbers already issued keep theirs. */
  @InjectTransactionManager()
  async updateNumberSeriesFormat(
    input: UpdateNumberSeriesInput,
    actor: BillingActor = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    this.assertValidNumberSeries(input)
    const manager = sharedContext.transactionManager as SqlManager
    const series = await ensureNumberSeries(manager, input.document_type)
    await this.updateNumberSeries({ id: series.id, format: input.format, reset: input.reset }, sharedContext)
    await this.logActivity(
      {
        entity_type: "number_series",
        entity_id: series.id,
        action: "number_series.updated",
        ...actor,
        data: { from: { format: series.format, reset: series.reset }, to: { format: input.format, reset: input.reset } },
      },
      sharedContext
    )
    return { ...series, format: input.format, reset: input.reset, ...(await peekNextNumber(manager, { ...series, ...input }, new Date())) }
  }

  /** Payment terms and language for a new document of this customer: theirs, else the store's. */
  @InjectManager()
  async documentDefaults(customerId: string | null | undefined, @MedusaContext() sharedContext: Context = {}): Promise<DocumentDefaults> {
    const settings = await this.retrieveSettings(sharedContext)
    const [own] = customerId
      ? await this.listCustomerBillingSettings({ customer_id: customerId }, {}, sharedContext)
      : []
    return {
      payment_terms_days: own?.payment_terms_days ?? settings.payment_terms_days,
      locale: own?.locale ?? settings.locale,
      invoice_trigger: settings.invoice_trigger,
      email_on_issue: settings.email_on_issue,
      notes: settings.invoice_notes ?? null,
    }
  }

  /** Sets (or clears, with null) a customer's own payment terms and document language. */
  @InjectTransactionManager()
  async upsertCustomerSettings(
    customerId: string,
    data: {
      payment_terms_days?: number | null
      locale?: "en" | "zh-CN" | null
      reminders_paused_at?: Date | null
      reminders_paused_until?: string | null
      reminders_pause_reason?: string | null
    },
    actor: BillingActor = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    const [existing] = await this.listCustomerBillingSettings({ customer_id: customerId }, {}, sharedContext)
    const saved = existing
      ? await this.updateCustomerBillingSettings({ id: existing.id, ...data }, sharedContext)
      : await this.createCustomerBillingSettings({ customer_id: customerId, ...data }, sharedContext)
    await this.logActivity(
      { entity_type: "customer", entity_id: customerId, action: "customer_billing.updated", ...actor, data },
      sharedContext
    )
    return saved
  }

  /**
   * A credit note lowers what its invoice owes, by its total, never below zero: the credit note
   * is refused if it would credit more than the invoice still has to credit.
   */
  protected async applyCreditNote(
    manager: SqlManager,
    creditNote: { id: string; original_invoice_id: string | null; total: string; currency_code: string },
    actor: BillingActor,
    sharedContext: Context
  ) {
    if (!creditNote.original_invoice_id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Credit note ${creditNote.id} names no invoice to correct.`)
    }
    // Lock order as everywhere else: the payments that paid the invoice first, then the invoice.
    const payers = await manager.execute(
      `select distinct payment_id from billing_payment_allocation
        where invoice_id = ? and amount > 0 and deleted_at is null order by payment_id`,
      [creditNote.original_invoice_id]
    )
    for (const { payment_id } of payers) {
      await this.lockPayment(manager, payment_id)
    }
    const [original] = await manager.execute(
      `select id, number, status, total, amount_credited, amount_written_off, amount_paid, amount_due, currency_code
       from billing_invoice where id = ? and deleted_at is null for update`,
      [creditNote.original_invoice_id]
    )
    if (!original || original.status === InvoiceStatus.DRAFT || original.status === InvoiceStatus.VOID) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Credit notes correct issued invoices only; invoice ${original?.number ?? creditNote.original_invoice_id} is ${original?.status ?? "missing"}.`
      )
    }
    const creditable = MathBN.sub(MathBN.sub(original.total, original.amount_credited), original.amount_written_off)
    if (MathBN.gt(creditNote.total, creditable)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `The credit note (${creditNote.total} ${creditNote.currency_code.toUpperCase()}) is more than invoice ${original.number} can still be credited (${creditable.toString()}).`
      )
    }
    // Paid beyond what the invoice owes after this credit: the excess goes back to its payments
    // as the customer's credit (to allocate elsewhere or refund), newest allocation first.
    const allocations = await manager.execute(
      `select a.id, a.payment_id, a.invoice_id, a.amount, a.created_at from billing_payment_allocation a
        where a.invoice_id = ? and a.amount > 0 and a.deleted_at is null order by a.payment_id`,
      [original.id]
    )
    const releases = planCreditNoteRelease(original, creditNote.total, allocations)
    let paid = MathBN.convert(original.amount_paid)
    for (const release of releases) {
      const allocation = allocations.find((a: any) => a.id === release.allocation_id)
      const payment = await this.lockPayment(manager, allocation.payment_id)
      await this.updatePaymentAllocations(
        { id: allocation.id, amount: MathBN.sub(allocation.amount, release.amount).toString() } as any,
        sharedContext
      )
      await this.updateBillingPayments(
        { id: payment.id, amount_allocated: MathBN.sub(payment.amount_allocated, release.amount).toString() } as any,
        sharedContext
      )
      paid = MathBN.sub(paid, release.amount)
    }
    const credited = MathBN.add(original.amount_credited, creditNote.total)
    const balance = { ...original, amount_paid: paid.toString(), amount_credited: credited.toString() }
    const due = invoiceAmountDue(balance)
    await this.updateInvoices(
      {
        id: original.id,
        amount_paid: balance.amount_paid,
        amount_credited: balance.amount_credited,
        amount_due: due.toString(),
        status: invoicePaymentStatus(balance),
      } as any,
      sharedContext
    )
    await this.logActivity(
      {
        entity_type: "invoice",
        entity_id: original.id,
        action: "invoice.credited",
        ...actor,
        data: {
          credit_note_id: creditNote.id,
          amount: creditNote.total,
          amount_due: due.toString(),
          returned_to_credit: releases.length ? MathBN.sum(0, ...releases.map((r) => r.amount)).toString() : undefined,
        },
      },
      sharedContext
    )
  }

  /** Appends entries to the activity log. The log is never updated or deleted. */
  @InjectTransactionManager()
  async logActivity(entries: ActivityInput | ActivityInput[], @MedusaContext() sharedContext: Context = {}) {
    const list = (Array.isArray(entries) ? entries : [entries]).map((e) => ({
      ...e,
      actor_type: e.actor_type ?? "system",
      actor_id: e.actor_id ?? null,
    }))
    if (list.length < 50) {
      await this.createActivities(list as any, sharedContext)
      return
    }
    // Jobs log hundreds at once (reminders, overdue): one statement instead of an entity each.
    const ids = newEntityIds("bact", list.length)
    await (sharedContext.transactionManager as SqlManager).execute(
      `insert into billing_activity (id, entity_type, entity_id, action, actor_type, actor_id, data, created_at, updated_at)
       select x.id, x.entity_type, x.entity_id, x.action, x.actor_type, x.actor_id, x.data, now(), now()
         from jsonb_to_recordset(?::jsonb) as x(id text, entity_type text, entity_id text, action text, actor_type text, actor_id text, data jsonb)`,
      [JSON.stringify(list.map((e, i) => ({ ...e, id: ids[i], data: e.data ?? null })))]
    )
  }

  protected async closedPeriods(manager: SqlManager): Promise<ClosedPeriod[]> {
    return await manager.execute(
      `select period, starts_at, ends_at from billing_accounting_period where status = 'closed' and deleted_at is null`
    )
  }

  /** Refuses a change to something dated in a closed period, naming the period. */
  protected async assertPeriodOpen(manager: SqlManager, date: Date | string, what: string) {
    const closed = closedPeriodAt(await this.closedPeriods(manager), date)
    if (closed) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `${what} is dated ${new Date(date).toISOString().slice(0, 10)}, in ${describePeriod(closed.period)} (${closed.period}), which is closed; reopen the period first or use a date after it.`
      )
    }
  }

  /**
   * The date a movement is booked on. An admin's entry dated in a closed period is refused; a fact
   * that arrives late from Medusa or Stripe is booked on the first open day after the closed period.
   */
  protected async bookingDate(manager: SqlManager, date: Date, source: string | undefined, what: string): Promise<Date> {
    if (!source || source === "manual") {
      await this.assertPeriodOpen(manager, date, what)
      return date
    }
    return openBookingDate(await this.closedPeriods(manager), date)
  }

  protected async lockPayment(manager: SqlManager, paymentId: string) {
    const [payment] = await manager.execute(
      `select id, customer_id, currency_code, order_id, amount, amount_allocated, amount_refunded, amount_disputed
       from billing_payment where id = ? and deleted_at is null for update`,
      [paymentId]
    )
    if (!payment) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment with id: ${paymentId} was not found`)
    }
    return payment
  }
}

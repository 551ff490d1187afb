import type { BigNumberInput, Context } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MathBN,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import {
  AllocationError,
  assertAllocation,
  assertPaymentAmount,
  assertRefund,
  invoiceAmountDue,
  invoicePaymentStatus,
  planCreditNoteRelease,
  planOldestDueFirst,
  paymentHeld,
  planRefund,
  planRestore,
} from "./domain/allocation"
import { disputeMovements, disputeOutcome, disputeTargets, isNewerDisputeStatus, mergeDisputeTransactions } from "./domain/disputes"
import { isKnownCurrency } from "./domain/currencies"
import { formatAmount, fromMinorUnits } from "./domain/money"
import { addDays } from "./domain/dates"
import { ClosedPeriod, closedPeriodAt, describePeriod, openBookingDate, PeriodError, periodBounds } from "./domain/periods"
import { collectionSettings, localDay, promiseStatus, reminderPause } from "./domain/collections"
import { insertReminderClaims, markReminderRowsSent, PENDING_PROMISE_UNTIL, readReminderCandidates, ReminderClaim } from "./utils/reminders"
import { totalsOfLines } from "./domain/invoice-from-order"
import { frozenFieldsIn } from "./domain/immutability"
import { DocumentType, validateNumberFormat } from "./domain/numbering"
import { Activity } from "./models/activity"
import { CustomerBillingSettings } from "./models/customer-settings"
import { Invoice, InvoiceStatus, InvoiceType } from "./models/invoice"
import { InvoiceLine } from "./models/invoice-line"
import { NumberCounter } from "./models/number-counter"
import { NumberSeries } from "./models/number-series"
import { BillingSettings } from "./models/settings"
import { BillingPayment, PaymentMethod } from "./models/payment"
import { CollectionAccount } from "./models/collection-account"
import { PaymentAllocation } from "./models/payment-allocation"
import { PaymentRefund } from "./models/payment-refund"
import { PaymentDispute } from "./models/payment-dispute"
import { StripeEvent } from "./models/stripe-event"
import { PaymentLink } from "./models/payment-link"
import { StripeBalanceTransaction } from "./models/stripe-balance-transaction"
import { StripePayout } from "./models/stripe-payout"
import { ReconciliationRun } from "./models/reconciliation-run"
import { ReconciliationMatch } from "./models/reconciliation-match"
import { ReconciliationException } from "./models/reconciliation-exception"
import { BankStatement } from "./models/bank-statement"
import { BankStatementLine } from "./models/bank-statement-line"
import { AccountingPeriod } from "./models/accounting-period"
import { WriteOff } from "./models/write-off"
import { PaymentPromise } from "./models/payment-promise"
import { ContactNote } from "./models/contact-note"
import { Reminder } from "./models/reminder"
import type {
  ActivityInput,
  ApplyPaymentDisputeInput,
  BillingActor,
  CreateDraftInvoiceInput,
  DocumentDefaults,
  IssueInvoiceInput,
  RecordPaymentInput,
  RefundPaymentInput,
  UpdateBillingSettingsInput,
  UpdateNumberSeriesInput,
} from "./types"
import { ensureNumberSeries, peekNextNumber, SqlManager, takeNextNumber } from "./utils/number-counter"
import { bind, readCustomerBalances, readReceivableBalances, readStatement } from "./utils/receivable"
import { readJournal } from "./utils/journal"
import { newEntityIds } from "./utils/ids"
import { clearUnseen, countFindings, readOrderBilling, readPaymentsWithoutStripeLine, readStripeLines, saveFindings } from "./utils/reconciliation"
import { compareOrder, comparePayoutTotal, compareStripeLine, FoundException, FoundMatch, OrderFacts, resolutionsFor } from "./domain/reconciliation"
import { fileHash, fingerprintLines, ParsedLine } from "./domain/bank-statement"
import { planBankMatches, Tolerances } from "./domain/matching"
import { AccountCodes, accountCodes } from "./domain/accounts"
import * as receivableReports from "./utils/receivable-reports"

const SETTINGS_SCOPE = "default"

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

/** The `raw_…` JSON Medusa keeps beside a bigNumber column, for rows written with SQL. */
const rawBigNumber = (value: string) => JSON.stringify({ value, precision: 20 })

class BillingModuleService extends MedusaService({
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
   * Records money received from a customer, then allocates it: to the invoices given, or
   * oldest-due-first ("auto"), or not at all ("none"); what is left is the customer's credit.
   */
  @InjectTransactionManager()
  async recordPayment(input: RecordPaymentInput, @MedusaContext() sharedContext: Context = {}) {
    const currency = input.currency_code?.toLowerCase()
    if (!isKnownCurrency(currency)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Unknown currency "${input.currency_code}": use an ISO 4217 code such as eur.`)
    }
    this.translateAllocationErrors(() => assertPaymentAmount(input.amount, currency, "The payment amount"))
    if (input.collection_account_id) {
      const [account] = await this.listCollectionAccounts({ id: input.collection_account_id }, {}, sharedContext)
      if (!account || !account.is_active) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Collection account ${input.collection_account_id} ${account ? "is archived" : "does not exist"}; choose one of Settings → Billing → Collection accounts.`
        )
      }
      if (account.currency_code && account.currency_code !== currency) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Collection account "${account.name}" holds ${account.currency_code.toUpperCase()}, not ${currency.toUpperCase()}.`
        )
      }
    }
    const source = input.source ?? "manual"
    const method = input.method ?? "other"
    if (source === "manual") {
      const enabled = await this.enabledPaymentMethods(sharedContext)
      if (!enabled.includes(method)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Payment method "${method}" is turned off in Settings → Billing; use one of: ${enabled.join(", ")}.`
        )
      }
    }
    const manager = sharedContext.transactionManager as SqlManager
    const receivedAt = await this.bookingDate(manager, input.received_at ? new Date(input.received_at) : new Date(), source, "The payment")
    const payment = await this.createBillingPayments(
      {
        customer_id: input.customer_id,
        currency_code: currency,
        amount: MathBN.convert(input.amount).toString(),
        method,
        collection_account_id: input.collection_account_id ?? null,
        received_at: receivedAt,
        reference: input.reference ?? null,
        note: input.note ?? null,
        source,
        external_id: input.external_id ?? null,
        order_id: input.order_id ?? null,
        stripe_payment_intent_id: input.stripe_payment_intent_id ?? null,
      } as any,
      sharedContext
    )
    // The payment row must exist in the transaction before allocation locks it with SQL.
    await (sharedContext.transactionManager as unknown as { flush(): Promise<void> }).flush()
    if (input.allocate && input.allocate !== "none") {
      await this.allocatePayment(payment.id, input.allocate, input.actor ?? {}, sharedContext)
    }
    // The receipt number comes last, in the same transaction: no gap if anything above fails, and
    // the series' counter row stays locked only until the commit that follows.
    const receiptNumber = await takeNextNumber(manager, DocumentType.RECEIPT, receivedAt)
    await manager.execute(`update billing_payment set receipt_number = ? where id = ?`, [receiptNumber, payment.id])
    await this.logActivity(
      {
        entity_type: "payment",
        entity_id: payment.id,
        action: "payment.recorded",
        ...input.actor,
        data: { amount: payment.amount, currency_code: currency, method, receipt_number: receiptNumber },
      },
      sharedContext
    )
    return await this.retrieveBillingPayment(payment.id, {}, sharedContext)
  }

  /**
   * Applies a payment to invoices of its customer and currency. Rows are locked (payment first,
   * then invoices by id) so concurrent payments never over-allocate an invoice; with "auto", each
   * invoice takes at most what it owes at that moment and the rest stays credit.
   */
  @InjectTransactionManager()
  async allocatePayment(
    paymentId: string,
    allocations: "auto" | "order" | { invoice_id: string; amount: number | string }[],
    actor: BillingActor = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    const payment = await this.lockPayment(manager, paymentId)
    const invoices =
      allocations === "order"
        ? await manager.execute(
            `select id, number, customer_id, currency_code, status, total, amount_paid, amount_credited, amount_written_off, due_at, issued_at
             from billing_invoice where order_id = ? and currency_code = ? and type = 'invoice'
               and status in ('open', 'partially_paid') and deleted_at is null order by id for update`,
            [payment.order_id, payment.currency_code]
          )
        : allocations === "auto"
        ? await manager.execute(
            `select id, number, customer_id, currency_code, status, total, amount_paid, amount_credited, amount_written_off, due_at, issued_at
             from billing_invoice where customer_id = ? and currency_code = ? and type = 'invoice'
               and status in ('open', 'partially_paid') and deleted_at is null order by id for update`,
            [payment.customer_id, payment.currency_code]
          )
        : await manager.execute(
            `select id, number, customer_id, currency_code, status, total, amount_paid, amount_credited, amount_written_off, due_at, issued_at
             from billing_invoice where id in (${allocations.map(() => "?").join(",") || "null"}) and type = 'invoice'
               and deleted_at is null order by id for update`,
            allocations.map((a) => a.invoice_id)
          )
    const plan =
      allocations === "auto" || allocations === "order"
        ? planOldestDueFirst(payment, invoices)
        : allocations.map((a) => ({ invoice_id: a.invoice_id, amount: MathBN.convert(a.amount).toString() }))
    for (const step of plan) {
      const invoice = invoices.find((i: any) => i.id === step.invoice_id)
      if (!invoice) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice with id: ${step.invoice_id} was not found`)
      }
      this.translateAllocationErrors(() => assertAllocation(payment, invoice, step.amount))
      invoice.amount_paid = MathBN.add(invoice.amount_paid, step.amount).toString()
      payment.amount_allocated = MathBN.add(payment.amount_allocated, step.amount).toString()
      await this.createPaymentAllocations(
        { payment_id: payment.id, invoice_id: invoice.id, amount: step.amount, original_amount: step.amount } as any,
        sharedContext
      )
      await this.saveInvoicePayments(invoice, sharedContext)
      await this.logActivity(
        { entity_type: "invoice", entity_id: invoice.id, action: "invoice.payment_allocated", ...actor, data: { payment_id: payment.id, amount: step.amount } },
        sharedContext
      )
    }
    await this.updateBillingPayments({ id: payment.id, amount_allocated: payment.amount_allocated } as any, sharedContext)
    return plan
  }

  /** Takes an allocation back: the invoice owes it again and the payment has it as credit again. */
  @InjectTransactionManager()
  async unapplyAllocation(allocationId: string, actor: BillingActor = {}, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    const findAllocation = (lock: boolean) =>
      manager.execute(
        `select id, payment_id, invoice_id, amount, created_at from billing_payment_allocation
         where id = ? and deleted_at is null${lock ? " for update" : ""}`,
        [allocationId]
      )
    const [found] = await findAllocation(false)
    if (!found) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Allocation with id: ${allocationId} was not found`)
    }
    // Same lock order as allocations and refunds (payment, then its rows) so they never deadlock.
    const payment = await this.lockPayment(manager, found.payment_id)
    const [allocation] = await findAllocation(true)
    if (!MathBN.gt(allocation.amount, 0)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Allocation ${allocationId} is already unapplied.`)
    }
    await this.assertPeriodOpen(manager, allocation.created_at, "The allocation")
    await this.releaseFromInvoice(manager, allocation.invoice_id, allocation.amount, sharedContext)
    await this.updateBillingPayments(
      { id: payment.id, amount_allocated: MathBN.sub(payment.amount_allocated, allocation.amount).toString() } as any,
      sharedContext
    )
    await this.updatePaymentAllocations({ id: allocation.id, amount: "0", unapplied_at: new Date() } as any, sharedContext)
    await this.logActivity(
      { entity_type: "invoice", entity_id: allocation.invoice_id, action: "invoice.payment_unapplied", ...actor, data: { payment_id: payment.id, amount: allocation.amount } },
      sharedContext
    )
  }

  /**
   * Records money given back from a payment: first from its unapplied credit, then from its
   * allocations, newest first, whose invoices owe that much again. Never more than was received.
   */
  @InjectTransactionManager()
  async refundPayment(paymentId: string, input: RefundPaymentInput, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    const payment = await this.lockPayment(manager, paymentId)
    this.translateAllocationErrors(() => assertRefund(payment, input.amount))
    if (input.credit_note_id) {
      const [creditNote] = await manager.execute(
        `select id, number, customer_id, currency_code from billing_invoice
          where id = ? and type = 'credit_note' and issued_at is not null and deleted_at is null`,
        [input.credit_note_id]
      )
      if (!creditNote || creditNote.customer_id !== payment.customer_id || creditNote.currency_code !== payment.currency_code) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Credit note ${input.credit_note_id} ${creditNote ? "belongs to another customer or currency than the payment" : "is not an issued credit note"}.`
        )
      }
    }
    for (const release of await this.releaseFromAllocations(manager, payment, input.amount, sharedContext)) {
      payment.amount_allocated = MathBN.sub(payment.amount_allocated, release.amount).toString()
    }
    const refund = await this.createPaymentRefunds(
      {
        payment_id: paymentId,
        amount: MathBN.convert(input.amount).toString(),
        reason: input.reason ?? null,
        source: input.source ?? "manual",
        external_id: input.external_id ?? null,
        credit_note_id: input.credit_note_id ?? null,
        provider_refund_id: input.provider_refund_id ?? null,
        refunded_at: await this.bookingDate(manager, input.refunded_at ? new Date(input.refunded_at) : new Date(), input.source, "The refund"),
      } as any,
      sharedContext
    )
    await this.updateBillingPayments(
      {
        id: paymentId,
        amount_allocated: payment.amount_allocated,
        amount_refunded: MathBN.add(payment.amount_refunded, input.amount).toString(),
      } as any,
      sharedContext
    )
    await this.logActivity(
      { entity_type: "payment", entity_id: paymentId, action: "payment.refunded", ...input.actor, data: { amount: refund.amount, reason: input.reason } },
      sharedContext
    )
    return refund
  }

  /**
   * Links an order's Medusa refunds to its credit notes when both exist for the same amount (a
   * return received with a refund gives both: the credit note corrects the document, the refund
   * gives the money back). Oldest with oldest; a refund or credit note already linked is kept.
   * Safe to run any number of times, from either side, in any order.
   */
  @InjectTransactionManager()
  async linkOrderRefundsToCreditNotes(orderId: string, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    const refunds = await manager.execute(
      `select r.id, r.amount from billing_payment_refund r join billing_payment p on p.id = r.payment_id
        where p.order_id = ? and r.credit_note_id is null and r.deleted_at is null
        order by r.refunded_at, r.id for update of r`,
      [orderId]
    )
    if (!refunds.length) return []
    const creditNotes = await manager.execute(
      `select c.id, c.total from billing_invoice c
        where c.order_id = ? and c.type = 'credit_note' and c.issued_at is not null and c.deleted_at is null
          and not exists (select 1 from billing_payment_refund r where r.credit_note_id = c.id and r.deleted_at is null)
        order by c.issued_at, c.id`,
      [orderId]
    )
    const links: { refund_id: string; credit_note_id: string }[] = []
    for (const refund of refunds) {
      const index = creditNotes.findIndex((c: any) => MathBN.eq(c.total, refund.amount))
      if (index < 0) continue
      const [creditNote] = creditNotes.splice(index, 1)
      await manager.execute(`update billing_payment_refund set credit_note_id = ? where id = ? and credit_note_id is null`, [creditNote.id, refund.id])
      links.push({ refund_id: refund.id, credit_note_id: creditNote.id })
    }
    return links
  }

  /**
   * Stores a verified Stripe event once, by its id, in one statement (no transaction: the webhook
   * answers as soon as it is stored). An event billing does not act on is stored as ignored, so
   * nothing runs for it. Returns the stored row's id and whether the event had been stored
   * before (a redelivery or a replay).
   */
  @InjectManager()
  async storeStripeEvent(
    event: { id: string; type: string; account?: string | null; livemode?: boolean; created: number; data: { object: { id?: string } } },
    via: "webhook" | "backfill" = "webhook",
    ignored = false,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; duplicate: boolean }> {
    const manager = sharedContext.manager as unknown as SqlManager
    const [row] = await manager.execute(
      `with inserted as (
         insert into billing_stripe_event (id, event_id, type, account, livemode, stripe_created_at, object_id, payload, received_via, status, processed_at)
         values (?, ?, ?, ?, ?, to_timestamp(?), ?, ?::jsonb, ?, ?, ${ignored ? "now()" : "null"})
         on conflict (event_id) where deleted_at is null do nothing
         returning id)
       select id, false as duplicate from inserted
       union all
       select id, true from billing_stripe_event where event_id = ? and deleted_at is null and not exists (select 1 from inserted)`,
      [
        generateEntityId(undefined, "bsev"), event.id, event.type, event.account ?? null, !!event.livemode, event.created,
        event.data.object.id ?? null, JSON.stringify(event), via, ignored ? "ignored" : "pending", event.id,
      ]
    )
    if (row) return { id: row.id, duplicate: row.duplicate }
    // Stored by a concurrent delivery that committed while this statement waited on it.
    const [existing] = await manager.execute(`select id from billing_stripe_event where event_id = ? and deleted_at is null`, [event.id])
    return { id: existing.id, duplicate: true }
  }

  /**
   * Records the outcome of applying a stored Stripe event. A failure is retried later with an
   * exponential backoff (1 min, 2, 4… at most an hour); `attempts` counts every try.
   */
  @InjectTransactionManager()
  async recordStripeEventOutcome(
    id: string,
    outcome: { status: "processed" | "ignored" | "waiting" | "failed"; error?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(
      `update billing_stripe_event
          set status = ?, attempts = attempts + 1, last_error = ?, updated_at = now(),
              processed_at = case when ? in ('processed', 'ignored') then now() else processed_at end,
              next_attempt_at = case when ? in ('failed', 'waiting') then now() + least(60, power(2, attempts)) * interval '1 minute' else null end
        where id = ?`,
      [outcome.status, outcome.error ?? null, outcome.status, outcome.status, id]
    )
  }

  /** Stored Stripe events due for another try: failed ones whose backoff has passed, and pending ones older than a minute. */
  @InjectManager()
  async listStripeEventIdsToRetry(limit = 100, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as unknown as SqlManager
    const rows = await manager.execute(
      `select id from billing_stripe_event
        where deleted_at is null
          and ((status in ('failed', 'waiting') and next_attempt_at <= now()) or (status = 'pending' and created_at < now() - interval '1 minute'))
        order by stripe_created_at limit ?`,
      [limit]
    )
    return rows.map((r: { id: string }) => r.id)
  }

  /** Stores Stripe balance transactions once by id; a later sighting fills in what was unknown (payout, charge). */
  @InjectTransactionManager()
  async upsertStripeBalanceTransactions(
    rows: {
      external_id: string
      type: string
      source_id: string | null
      charge_id: string | null
      payment_intent_id: string | null
      currency_code: string
      amount: string
      fee: string
      net: string
      exchange_rate: string | null
      status: string | null
      available_on: Date | null
      stripe_created_at: Date
      payout_id: string | null
    }[],
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    // One statement per thousand rows: a payout can carry a hundred thousand transactions.
    for (let i = 0; i < rows.length; i += 1000) {
      const slice = rows.slice(i, i + 1000)
      const ids = newEntityIds("bsbt", slice.length)
      const chunk = slice.map((r, j) => ({ ...r, id: ids[j] }))
      await manager.execute(
        `insert into billing_stripe_balance_transaction
           (id, external_id, type, source_id, charge_id, payment_intent_id, currency_code, amount, raw_amount, fee, raw_fee, net, raw_net,
            exchange_rate, status, available_on, stripe_created_at, payout_id)
         select distinct on (x.external_id) x.id, x.external_id, x.type, x.source_id, x.charge_id, x.payment_intent_id, x.currency_code,
                x.amount, jsonb_build_object('value', x.amount::text, 'precision', 20), x.fee, jsonb_build_object('value', x.fee::text, 'precision', 20),
                x.net, jsonb_build_object('value', x.net::text, 'precision', 20), x.exchange_rate, x.status, x.available_on, x.stripe_created_at, x.payout_id
           from jsonb_to_recordset(?::jsonb) as x(id text, external_id text, type text, source_id text, charge_id text, payment_intent_id text,
                currency_code text, amount numeric, fee numeric, net numeric, exchange_rate text, status text, available_on timestamptz,
                stripe_created_at timestamptz, payout_id text)
         on conflict (external_id) where deleted_at is null do update set
           source_id = coalesce(excluded.source_id, billing_stripe_balance_transaction.source_id),
           charge_id = coalesce(excluded.charge_id, billing_stripe_balance_transaction.charge_id),
           payment_intent_id = coalesce(excluded.payment_intent_id, billing_stripe_balance_transaction.payment_intent_id),
           payout_id = coalesce(excluded.payout_id, billing_stripe_balance_transaction.payout_id),
           reported = case
             when (excluded.amount, excluded.fee, excluded.net) is distinct from
                  (billing_stripe_balance_transaction.amount, billing_stripe_balance_transaction.fee, billing_stripe_balance_transaction.net)
             then jsonb_build_object('amount', excluded.amount::text, 'fee', excluded.fee::text, 'net', excluded.net::text)
             else billing_stripe_balance_transaction.reported end,
           status = excluded.status, updated_at = now()`,
        [JSON.stringify(chunk)]
      )
    }
  }

  /**
   * Stores a Stripe payout once by id. Its status is the one of the newest event about it, so
   * events in any order end the same (a payout paid, then failed, ends failed).
   */
  @InjectTransactionManager()
  async upsertStripePayout(
    row: { external_id: string; currency_code: string; amount: string; status: string; arrival_date: Date | null; failure_code: string | null; failure_message: string | null; event_created_at: Date },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    await manager.execute(
      `insert into billing_stripe_payout (id, external_id, currency_code, amount, raw_amount, status, arrival_date, failure_code, failure_message, status_event_created_at)
       values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
       on conflict (external_id) where deleted_at is null do update set
         status = case when excluded.status_event_created_at >= billing_stripe_payout.status_event_created_at then excluded.status else billing_stripe_payout.status end,
         failure_code = case when excluded.status_event_created_at >= billing_stripe_payout.status_event_created_at then excluded.failure_code else billing_stripe_payout.failure_code end,
         failure_message = case when excluded.status_event_created_at >= billing_stripe_payout.status_event_created_at then excluded.failure_message else billing_stripe_payout.failure_message end,
         status_event_created_at = greatest(excluded.status_event_created_at, billing_stripe_payout.status_event_created_at),
         arrival_date = excluded.arrival_date, updated_at = now()`,
      [
        generateEntityId(undefined, "bspo"), row.external_id, row.currency_code, row.amount, rawBigNumber(row.amount),
        row.status, row.arrival_date, row.failure_code, row.failure_message, row.event_created_at,
      ]
    )
    const [stored] = await manager.execute(`select id, status from billing_stripe_payout where external_id = ? and deleted_at is null`, [row.external_id])
    return stored as { id: string; status: string }
  }

  /** The payment methods admins may record payments with. */
  @InjectManager()
  async enabledPaymentMethods(@MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const settings = await this.retrieveSettings(sharedContext)
    const enabled = settings.payment_methods as string[] | null
    return enabled?.length ? enabled : Object.values(PaymentMethod)
  }

  /** Marks a payment's receipt as sent (the first time is kept). */
  @InjectTransactionManager()
  async markReceiptSent(paymentId: string, data: { to: string; notification_id: string }, actor: BillingActor = {}, @MedusaContext() sharedContext: Context = {}) {
    await this.updateBillingPayments({ id: paymentId, receipt_sent_at: new Date() } as any, sharedContext)
    await this.logActivity({ entity_type: "payment", entity_id: paymentId, action: "receipt.sent", ...actor, data }, sharedContext)
  }

  /** Per currency: what the customer owes, is overdue, and has as unapplied credit. */
  @InjectManager()
  async listCustomerBalances(customerId: string, now = new Date(), @MedusaContext() sharedContext: Context = {}) {
    return await readCustomerBalances(sharedContext.manager as unknown as SqlManager, customerId, now)
  }

  /**
   * A customer's statement in one currency for a period: opening balance, every ledger line with
   * its running balance, closing balance.
   */
  @InjectManager()
  async retrieveStatement(
    input: { customer_id: string; currency_code: string; from?: Date | null; to?: Date | null },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const currency = input.currency_code?.toLowerCase()
    if (!isKnownCurrency(currency)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Unknown currency "${input.currency_code}": use an ISO 4217 code such as eur.`)
    }
    if (input.from && input.to && input.from.getTime() >= input.to.getTime()) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `The statement period ends before it starts.`)
    }
    const statement = await readStatement(sharedContext.manager as unknown as SqlManager, { ...input, currency_code: currency })
    return { customer_id: input.customer_id, currency_code: currency, from: input.from ?? null, to: input.to ?? null, ...statement }
  }

  /**
   * A refund the provider failed or canceled: it did not happen after all. The payment has that
   * money again: it pays the invoices the refund had taken it from again (what they still owe),
   * and the rest is the customer's credit.
   */
  @InjectTransactionManager()
  async cancelPaymentRefund(refundId: string, actor: BillingActor = {}, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    const [found] = await manager.execute(`select payment_id from billing_payment_refund where id = ? and deleted_at is null`, [refundId])
    if (!found) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Refund with id: ${refundId} was not found`)
    }
    const payment = await this.lockPayment(manager, found.payment_id)
    const [refund] = await manager.execute(`select id, amount, canceled_at from billing_payment_refund where id = ? for update`, [refundId])
    if (refund.canceled_at) return false
    await manager.execute(`update billing_payment_refund set canceled_at = now(), updated_at = now() where id = ?`, [refundId])
    const restored = await this.restoreAllocations(manager, payment.id, refund.amount, sharedContext)
    await this.updateBillingPayments(
      {
        id: payment.id,
        amount_refunded: MathBN.sub(payment.amount_refunded, refund.amount).toString(),
        amount_allocated: MathBN.sum(payment.amount_allocated, ...restored.map((r) => r.amount)).toString(),
      } as any,
      sharedContext
    )
    await this.logActivity({ entity_type: "payment", entity_id: payment.id, action: "payment.refund_canceled", ...actor, data: { refund_id: refundId, amount: refund.amount } }, sharedContext)
    return true
  }

  /**
   * Applies one delivery of a dispute (chargeback) to its payment, idempotently and in any order:
   * the dispute keeps every balance transaction seen, and the payment is moved only by the
   * difference between what they add up to and what was applied. A withdrawal takes the payment's
   * unapplied credit first, then its allocations, newest first: those invoices owe it again. A
   * reinstatement pays them again (what they still owe), the rest is credit. The invoices the
   * payment paid show the dispute as open, won or lost.
   */
  @InjectTransactionManager()
  async applyPaymentDispute(input: ApplyPaymentDisputeInput, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    // The payment's lock serializes every delivery of its disputes.
    const payment = await this.lockPayment(manager, input.payment_id)
    const currency = input.currency_code.toLowerCase()
    if (currency !== payment.currency_code) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Dispute ${input.external_id} is in ${currency.toUpperCase()}, its payment in ${payment.currency_code.toUpperCase()}.`)
    }
    const at = input.event_created_at
    const amount = fromMinorUnits(input.amount_minor, currency)
    const findDispute = () =>
      manager.execute(`select * from billing_payment_dispute where external_id = ? and deleted_at is null`, [input.external_id])
    let [dispute] = await findDispute()
    if (!dispute) {
      await manager.execute(
        `insert into billing_payment_dispute (id, external_id, payment_id, charge_id, payment_intent_id, currency_code, amount, raw_amount, status, outcome, reason, evidence_due_by, status_event_created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)`,
        [
          generateEntityId(undefined, "bdsp"), input.external_id, payment.id, input.charge_id ?? null, input.payment_intent_id ?? null, currency,
          amount, rawBigNumber(amount), input.status, disputeOutcome(input.status), input.reason ?? null, input.evidence_due_by ?? null, at,
        ]
      )
      ;[dispute] = await findDispute()
    }
    const newer = isNewerDisputeStatus({ status: dispute.status, at: new Date(dispute.status_event_created_at) }, { status: input.status, at })
    const transactions = mergeDisputeTransactions(dispute.balance_transactions, input.balance_transactions)
    const moved = disputeMovements({ amount: input.amount_minor, currency }, transactions)
    const target = disputeTargets(
      { withdrawn: dispute.amount_withdrawn, reinstated: dispute.amount_reinstated },
      moved,
      paymentHeld(payment)
    )
    const net = MathBN.sub(
      MathBN.sub(target.withdrawn, dispute.amount_withdrawn),
      MathBN.sub(target.reinstated, dispute.amount_reinstated)
    )
    let allocated = MathBN.convert(payment.amount_allocated)
    const touched = new Map<string, string>()
    if (MathBN.gt(net, 0)) {
      for (const release of await this.releaseFromAllocations(manager, payment, net, sharedContext)) {
        allocated = MathBN.sub(allocated, release.amount)
        touched.set(release.invoice_id, MathBN.mult(release.amount, -1).toString())
      }
    } else if (MathBN.lt(net, 0)) {
      for (const give of await this.restoreAllocations(manager, payment.id, MathBN.mult(net, -1), sharedContext)) {
        allocated = MathBN.add(allocated, give.amount)
        touched.set(give.invoice_id, give.amount)
      }
    }
    const paidInvoices = await manager.execute(
      `select distinct invoice_id from billing_payment_allocation where payment_id = ? and (amount > 0 or unapplied_at is null) and deleted_at is null`,
      [payment.id]
    )
    // Every invoice the payment paid (released allocations included), and those named before.
    const invoiceIds = [...new Set([...(dispute.invoice_ids ?? []), ...paidInvoices.map((r: any) => r.invoice_id)])].sort()
    const status = newer ? input.status : dispute.status
    const outcome = disputeOutcome(status)
    await manager.execute(
      `update billing_payment_dispute set
         status = ?, outcome = ?, reason = ?, evidence_due_by = ?, status_event_created_at = ?, closed_at = ?,
         amount_withdrawn = ?, raw_amount_withdrawn = ?::jsonb, amount_reinstated = ?, raw_amount_reinstated = ?::jsonb,
         withdrawn_at = ?, reinstated_at = ?, fee = ?, raw_fee = ?::jsonb, fee_currency_code = ?,
         balance_transactions = ?::jsonb, invoice_ids = ?::jsonb, updated_at = now()
       where id = ?`,
      [
        status, outcome, newer ? input.reason ?? dispute.reason : dispute.reason,
        newer ? input.evidence_due_by ?? null : dispute.evidence_due_by,
        newer ? at : dispute.status_event_created_at,
        outcome === "open" ? null : newer ? at : dispute.closed_at ?? at,
        target.withdrawn.toString(), rawBigNumber(target.withdrawn.toString()), target.reinstated.toString(), rawBigNumber(target.reinstated.toString()),
        moved.withdrawn_at, moved.reinstated_at, moved.fee, rawBigNumber(moved.fee), moved.fee_currency_code,
        JSON.stringify(transactions), JSON.stringify(invoiceIds), dispute.id,
      ]
    )
    if (!MathBN.eq(net, 0)) {
      await this.updateBillingPayments(
        {
          id: payment.id,
          amount_allocated: allocated.toString(),
          amount_disputed: MathBN.add(payment.amount_disputed, net).toString(),
        } as any,
        sharedContext
      )
    }
    if (invoiceIds.length) {
      await manager.execute(
        `update billing_invoice i set dispute_status = s.status, updated_at = now()
           from (select inv.id,
                        case when bool_or(d.outcome = 'open') then 'open' when bool_or(d.outcome = 'lost') then 'lost' else 'won' end as status
                   from billing_invoice inv
                   join billing_payment_dispute d on d.invoice_ids @> jsonb_build_array(inv.id) and d.deleted_at is null
                  where inv.id in (${invoiceIds.map(() => "?").join(",")})
                  group by inv.id) s
          where i.id = s.id and i.dispute_status is distinct from s.status`,
        invoiceIds
      )
    }
    const changed = !MathBN.eq(net, 0) || status !== dispute.status
    if (changed) {
      const actor: BillingActor = { actor_type: "stripe", actor_id: input.external_id }
      await this.logActivity(
        [
          {
            entity_type: "payment", entity_id: payment.id, action: "payment.disputed", ...actor,
            data: { dispute: input.external_id, status, withdrawn: target.withdrawn.toString(), reinstated: target.reinstated.toString() },
          },
          ...[...touched].map(([invoiceId, delta]) => ({
            entity_type: "invoice", entity_id: invoiceId, action: MathBN.lt(delta, 0) ? "invoice.dispute_withdrawn" : "invoice.dispute_reinstated",
            ...actor, data: { payment_id: payment.id, dispute: input.external_id, amount: MathBN.convert(delta).abs().toString() },
          })),
        ],
        sharedContext
      )
    }
    return { id: dispute.id, status, outcome, withdrawn: target.withdrawn.toString(), reinstated: target.reinstated.toString(), changed }
  }

  /** Stored Stripe events waiting for the payment of this charge or PaymentIntent, oldest first. */
  @InjectManager()
  async listWaitingStripeEventIds(ids: { charge?: string | null; payment_intent?: string | null }, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as unknown as SqlManager
    const charge = ids.charge ?? ""
    const intent = ids.payment_intent ?? ""
    const rows = await manager.execute(
      `select id from billing_stripe_event
        where status = 'waiting' and deleted_at is null
          and (payload #>> '{data,object,charge}' = ? or payload #>> '{data,object,charge,id}' = ?
               or payload #>> '{data,object,payment_intent}' = ? or payload #>> '{data,object,id}' = ?)
        order by stripe_created_at, event_id`,
      [charge, charge, intent, charge]
    )
    return rows.map((r: { id: string }) => r.id)
  }

  /** The billing payment a Stripe charge or PaymentIntent paid, if billing has it. */
  @InjectManager()
  async findPaymentByStripeIds(ids: { charge?: string | null; payment_intent?: string | null }, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.manager as unknown as SqlManager
    const [row] = await manager.execute(
      `select id from billing_payment
        where deleted_at is null and ((external_id is not null and external_id = ?) or (stripe_payment_intent_id is not null and stripe_payment_intent_id = ?))
        order by created_at limit 1`,
      [ids.charge ?? "", ids.payment_intent ?? ""]
    )
    return (row?.id as string | undefined) ?? null
  }

  /** Ids of payments with credit left to allocate (amount > allocated + refunded + disputed). */
  @InjectManager()
  async listPaymentIdsWithCredit(@MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as unknown as SqlManager
    const rows = await manager.execute(
      `select id from billing_payment where amount > amount_allocated + amount_refunded + amount_disputed and deleted_at is null`
    )
    return rows.map((r: { id: string }) => r.id)
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

  /**
   * Takes `amount` from a payment (locked) that leaves it (a refund, a dispute): first from its
   * unapplied credit, then from its allocations, newest first; their invoices owe it again.
   * Returns what was taken from which allocation; the caller saves the payment's amounts.
   */
  protected async releaseFromAllocations(manager: SqlManager, payment: any, amount: BigNumberInput, sharedContext: Context) {
    const allocations = await manager.execute(
      `select id, invoice_id, amount, created_at from billing_payment_allocation
       where payment_id = ? and amount > 0 and deleted_at is null order by invoice_id for update`,
      [payment.id]
    )
    const plan = planRefund(payment, allocations, amount)
    for (const release of plan) {
      const allocation = allocations.find((a: any) => a.id === release.allocation_id)
      await this.releaseFromInvoice(manager, release.invoice_id, release.amount, sharedContext)
      await this.updatePaymentAllocations({ id: allocation.id, amount: MathBN.sub(allocation.amount, release.amount).toString() } as any, sharedContext)
    }
    return plan
  }

  /**
   * Gives `amount` a payment (locked) holds again back to the allocations it was taken from, at
   * most what their invoices owe (see `planRestore`). Returns what went where; the rest is credit.
   */
  protected async restoreAllocations(manager: SqlManager, paymentId: string, amount: BigNumberInput, sharedContext: Context) {
    const allocations = await manager.execute(
      `select id, invoice_id, amount, original_amount, created_at from billing_payment_allocation
        where payment_id = ? and amount < original_amount and unapplied_at is null and deleted_at is null order by invoice_id for update`,
      [paymentId]
    )
    const invoiceIds = [...new Set(allocations.map((a: any) => a.invoice_id as string))].sort()
    const invoices = invoiceIds.length
      ? await manager.execute(
          `select id, status, total, amount_paid, amount_credited, amount_written_off from billing_invoice where id in (${invoiceIds.map(() => "?").join(",")}) order by id for update`,
          invoiceIds
        )
      : []
    const owes = (id: string) => {
      const invoice = invoices.find((i: any) => i.id === id)
      return invoice && ["open", "partially_paid"].includes(invoice.status) ? invoiceAmountDue(invoice) : 0
    }
    const plan = planRestore(allocations, amount, owes)
    for (const give of plan) {
      const invoice = invoices.find((i: any) => i.id === give.invoice_id)
      invoice.amount_paid = MathBN.add(invoice.amount_paid, give.amount).toString()
      await this.saveInvoicePayments(invoice, sharedContext)
      const allocation = allocations.find((a: any) => a.id === give.allocation_id)
      allocation.amount = MathBN.add(allocation.amount, give.amount).toString()
      await this.updatePaymentAllocations({ id: allocation.id, amount: allocation.amount } as any, sharedContext)
    }
    return plan
  }

  /** Takes `amount` of payments back from an invoice (locked): it owes that much again. */
  protected async releaseFromInvoice(manager: SqlManager, invoiceId: string, amount: string, sharedContext: Context) {
    const [invoice] = await manager.execute(
      `select id, status, total, amount_paid, amount_credited, amount_written_off from billing_invoice where id = ? for update`,
      [invoiceId]
    )
    invoice.amount_paid = MathBN.sub(invoice.amount_paid, amount).toString()
    await this.saveInvoicePayments(invoice, sharedContext)
  }

  /** Saves an invoice's paid amount with the amount due and status that follow from it. */
  protected async saveInvoicePayments(invoice: any, sharedContext: Context) {
    await this.updateInvoices(
      {
        id: invoice.id,
        amount_paid: invoice.amount_paid,
        amount_due: invoiceAmountDue(invoice).toString(),
        status: invoicePaymentStatus(invoice),
      } as any,
      sharedContext
    )
  }

  protected translateAllocationErrors(check: () => void) {
    try {
      check()
    } catch (e) {
      if (e instanceof AllocationError) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, e.message)
      }
      throw e
    }
  }

  /**
   * Marks the invoices whose due day has passed in the store's time zone as overdue (once: the
   * moment is kept). Due on the 10th, an invoice is overdue from the 11th, local time. Returns the
   * invoices it marked, for the overdue alerts.
   */
  @InjectTransactionManager()
  async markOverdueInvoices(now: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    const settings = await this.retrieveSettings(sharedContext)
    const timeZone = (settings as any).timezone || "UTC"
    const rows = await manager.execute(
      `update billing_invoice
          set overdue_at = ?, updated_at = now()
        where type = 'invoice' and status in ('open', 'partially_paid') and overdue_at is null and due_at is not null
          and deleted_at is null
          and (due_at at time zone ?)::date < (?::timestamptz at time zone ?)::date
        returning id, number, customer_id, currency_code, amount_due::text as amount_due, due_at`,
      [now, timeZone, now, timeZone]
    )
    if (rows.length) {
      await this.logActivity(
        rows.map((r: any) => ({ entity_type: "invoice", entity_id: r.id, action: "invoice.overdue", actor_type: "system" as const, actor_id: "overdue", data: { amount_due: r.amount_due } })),
        sharedContext
      )
    }
    return rows as { id: string; number: string; customer_id: string | null; currency_code: string; amount_due: string; due_at: Date }[]
  }

  /**
   * Records a customer's promise to pay `amount` by `promised_date` (a day of the store's calendar,
   * today or later), about some of their open invoices or their balance in that currency.
   */
  @InjectTransactionManager()
  async createPaymentPromise(
    input: { customer_id: string; currency_code: string; amount: BigNumberInput; promised_date: string; invoice_ids?: string[]; note?: string | null; actor?: BillingActor },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    const currency = input.currency_code?.toLowerCase()
    if (!isKnownCurrency(currency)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Unknown currency "${input.currency_code}": use an ISO 4217 code such as eur.`)
    }
    this.translateAllocationErrors(() => assertPaymentAmount(input.amount, currency, "The promised amount"))
    const settings = await this.retrieveSettings(sharedContext)
    const today = localDay(new Date(), (settings as any).timezone || "UTC")
    const day = input.promised_date
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || !new Date(`${day}T00:00:00Z`).toISOString().startsWith(day)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `promised_date "${day}" is not a day like ${today}.`)
    }
    if (day < today) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `A promise is for today or later; ${day} has passed (today is ${today} in the store's time zone).`)
    }
    const ids = [...new Set(input.invoice_ids ?? [])]
    if (ids.length) {
      const invoices = await manager.execute(
        `select id, number, customer_id, currency_code, status from billing_invoice where id in (${ids.map(() => "?").join(",")}) and deleted_at is null`,
        ids
      )
      for (const id of ids) {
        const invoice = invoices.find((i: any) => i.id === id)
        if (!invoice || invoice.customer_id !== input.customer_id || invoice.currency_code !== currency || !["open", "partially_paid"].includes(invoice.status)) {
          throw new MedusaError(
            MedusaError.Types.INVALID_DATA,
            `Invoice ${invoice?.number ?? id} is not an open ${currency.toUpperCase()} invoice of this customer.`
          )
        }
      }
    }
    const promise = await this.createPaymentPromises(
      {
        customer_id: input.customer_id,
        currency_code: currency,
        amount: MathBN.convert(input.amount).toString(),
        promised_date: day,
        invoice_ids: ids.length ? ids : null,
        note: input.note?.trim() || null,
        created_by: input.actor?.actor_id ?? null,
      } as any,
      sharedContext
    )
    await this.logActivity(
      { entity_type: "customer", entity_id: input.customer_id, action: "promise.created", ...input.actor, data: { promise_id: promise.id, amount: promise.amount, currency_code: currency, promised_date: day } },
      sharedContext
    )
    return promise
  }

  /** A customer's promises to pay, newest first, each kept, broken or pending as their payments say. */
  @InjectManager()
  async listPaymentPromisesWithStatus(customerId: string, asOf: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    const promises = await this.listPaymentPromises({ customer_id: customerId }, { order: { created_at: "DESC" } }, sharedContext)
    if (!promises.length) return []
    const settings = await this.retrieveSettings(sharedContext)
    const timeZone = (settings as any).timezone || "UTC"
    const payments = (
      await this.listBillingPayments(
        { customer_id: customerId },
        { select: ["amount", "amount_refunded", "amount_disputed", "currency_code", "received_at"] },
        sharedContext
      )
    ).map((x: any) => ({
      currency_code: x.currency_code,
      received_at: x.received_at,
      // What the customer paid and kept: a refunded or charged-back payment keeps no promise.
      amount: MathBN.sub(MathBN.sub(x.amount, x.amount_refunded ?? 0), x.amount_disputed ?? 0),
    }))
    return promises.map((p: any) => ({
      ...p,
      status: promiseStatus(p, payments.filter((x) => x.currency_code === p.currency_code), asOf, timeZone),
    }))
  }

  /** Notes a contact with a customer (call, email, visit…) and the next action agreed. */
  @InjectTransactionManager()
  async createContactNote(
    input: { customer_id: string; invoice_id?: string | null; channel: string; note: string; next_action?: string | null; next_action_date?: string | null; actor?: BillingActor },
    @MedusaContext() sharedContext: Context = {}
  ) {
    if (input.invoice_id) {
      const [invoice] = await this.listInvoices({ id: input.invoice_id }, { select: ["id", "customer_id"] }, sharedContext)
      if (!invoice || invoice.customer_id !== input.customer_id) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invoice ${input.invoice_id} is not an invoice of this customer.`)
      }
    }
    const note = await this.createContactNotes(
      {
        customer_id: input.customer_id,
        invoice_id: input.invoice_id ?? null,
        channel: input.channel,
        note: input.note.trim(),
        next_action: input.next_action?.trim() || null,
        next_action_date: input.next_action_date ?? null,
        created_by: input.actor?.actor_id ?? null,
      } as any,
      sharedContext
    )
    await this.logActivity(
      { entity_type: "customer", entity_id: input.customer_id, action: "contact.noted", ...input.actor, data: { contact_note_id: note.id, channel: input.channel } },
      sharedContext
    )
    return note
  }

  /** Open invoices a reminder may be due for, a page at a time (see utils/reminders.ts). */
  @InjectManager()
  async listReminderCandidates(
    input: { asOf: Date; timeZone: string; levels: number[]; minimumAmount: number; afterId: string; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await readReminderCandidates(sharedContext.manager as unknown as SqlManager, input)
  }

  /**
   * Claims reminders (a level of an invoice once, ever) and raises the late fee of each claimed
   * level that has one, as its own issued invoice, in the same transaction: a reminder and its fee
   * exist together or not at all. Returns the claimed reminders; levels claimed before are left out.
   */
  @InjectTransactionManager()
  async claimReminders(
    claims: (ReminderClaim & { late_fee?: string | null; invoice_number?: string | null })[],
    at: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    const claimed: { id: string; invoice_id: string; level: number | null; fee_invoice_id: string | null }[] = []
    const byInvoiceLevel = new Map(claims.map((c) => [`${c.invoice_id} ${c.level}`, c]))
    for (const row of await insertReminderClaims(manager, claims, at)) {
      const claim = byInvoiceLevel.get(`${row.invoice_id} ${row.level}`)!
      let feeInvoiceId: string | null = null
      if (claim.late_fee && MathBN.gt(claim.late_fee, 0)) {
        feeInvoiceId = await this.raiseLateFee(row.invoice_id, claim.late_fee, row.level, sharedContext)
        await this.updateReminders({ id: row.id, fee_invoice_id: feeInvoiceId } as any, sharedContext)
      }
      claimed.push({ ...row, fee_invoice_id: feeInvoiceId })
    }
    return claimed
  }

  /** A late fee as its own invoice to the same buyer, due on receipt, naming the invoice it is for. */
  protected async raiseLateFee(invoiceId: string, amount: string, level: number | null, sharedContext: Context) {
    const invoice = await this.retrieveInvoice(invoiceId, {}, sharedContext)
    const currency = invoice.currency_code
    const fee = formatAmount(amount, currency)
    const title = invoice.locale === "zh-CN" ? `逾期费用（发票 ${invoice.number}）` : `Late fee for invoice ${invoice.number}`
    const line = {
      kind: "item" as const,
      rank: 0,
      source_id: invoice.id,
      title,
      subtitle: level === null ? null : invoice.locale === "zh-CN" ? `逾期 ${level} 天` : `${level} days past due`,
      sku: null,
      quantity: "1",
      unit_price: fee,
      is_tax_inclusive: false,
      subtotal: fee,
      discount_total: "0",
      tax_total: "0",
      total: fee,
      tax_lines: [],
    }
    const draft = await this.createDraftInvoice(
      {
        ...totalsOfLines([line], currency),
        origin: "manual",
        customer_id: invoice.customer_id,
        email: invoice.email,
        buyer: invoice.buyer as any,
        locale: invoice.locale,
        payment_terms_days: 0,
        notes: title,
        metadata: { late_fee_for: invoice.id, reminder_level: level },
        lines: [line],
        actor: { actor_type: "system", actor_id: "reminders" },
      } as any,
      sharedContext
    )
    // Issuing reads the draft with SQL in this same transaction: write it out first.
    await (sharedContext.transactionManager as any).flush()
    await this.issueInvoice(draft.id, { actor: { actor_type: "system", actor_id: "reminders" } }, sharedContext)
    return draft.id as string
  }

  /** Reminders claimed by the schedule whose email did not go out yet (the provider failed): sent again. */
  @InjectManager()
  async listUnsentReminders(limit = 500, @MedusaContext() sharedContext: Context = {}) {
    return await this.listReminders({ notification_id: null, trigger: "schedule" } as any, { take: limit, order: { sent_at: "ASC" } }, sharedContext)
  }

  /** Records that reminders went out (the notification that carried each), and logs them on their invoices. */
  @InjectTransactionManager()
  async markRemindersSent(
    sent: { id: string; invoice_id: string; level: number | null; notification_id: string; to: string; trigger: string }[],
    actor: BillingActor = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    if (!sent.length) return
    await markReminderRowsSent(sharedContext.transactionManager as SqlManager, sent, new Date())
    await this.logActivity(
      sent.map((r) => ({
        entity_type: "invoice",
        entity_id: r.invoice_id,
        action: "invoice.reminder_sent",
        actor_type: actor.actor_type ?? ("system" as const),
        actor_id: actor.actor_id ?? "reminders",
        data: { reminder_id: r.id, level: r.level, trigger: r.trigger, to: r.to, notification_id: r.notification_id },
      })),
      sharedContext
    )
  }

  /** Why a customer's reminders are paused today (by hand, an open dispute, a pending promise), or null. */
  @InjectManager()
  async retrieveReminderPause(customerId: string, asOf: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.manager as unknown as SqlManager
    const settings = await this.retrieveSettings(sharedContext)
    const timeZone = (settings as any).timezone || "UTC"
    const [sql, params] = bind(
      `select cs.reminders_paused_at as paused_at, cs.reminders_paused_until as until, cs.reminders_pause_reason as reason,
              exists (select 1 from billing_invoice d where d.customer_id = :customer and d.dispute_status = 'open' and d.deleted_at is null) as open_dispute,
              ${PENDING_PROMISE_UNTIL(":customer")} as promise_until
         from (select 1) one left join billing_customer_settings cs on cs.customer_id = :customer and cs.deleted_at is null`,
      { customer: customerId, tz: timeZone }
    )
    const [facts] = await manager.execute(sql, params)
    return reminderPause(
      { manual: facts, open_dispute: facts.open_dispute, pending_promise_until: facts.promise_until },
      localDay(asOf, timeZone)
    )
  }

  /** Pauses a customer's reminders by hand, until a day (store's calendar) or until resumed. */
  @InjectTransactionManager()
  async pauseReminders(
    customerId: string,
    input: { until?: string | null; reason?: string | null },
    actor: BillingActor = {},
    @MedusaContext() sharedContext: Context = {}
  ) {
    const settings = await this.retrieveSettings(sharedContext)
    const today = localDay(new Date(), (settings as any).timezone || "UTC")
    if (input.until && input.until < today) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Reminders cannot be paused until ${input.until}: that day has passed (today is ${today}).`)
    }
    await this.upsertCustomerSettings(
      customerId,
      { reminders_paused_at: new Date(), reminders_paused_until: input.until ?? null, reminders_pause_reason: input.reason?.trim() || null },
      actor,
      sharedContext
    )
  }

  /** Resumes a customer's reminders paused by hand. */
  @InjectTransactionManager()
  async resumeReminders(customerId: string, actor: BillingActor = {}, @MedusaContext() sharedContext: Context = {}) {
    await this.upsertCustomerSettings(
      customerId,
      { reminders_paused_at: null, reminders_paused_until: null, reminders_pause_reason: null },
      actor,
      sharedContext
    )
  }

  /**
   * Overdue invoices owing more than nothing and at most `threshold` (in their own currency) on
   * `asOf` in the store's calendar: the small balances the collections rules may write off.
   */
  @InjectManager()
  async listSmallBalances(threshold: number, asOf: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.manager as unknown as SqlManager
    const timeZone = ((await this.retrieveSettings(sharedContext)) as any).timezone || "UTC"
    return (await manager.execute(
      `select id, number, currency_code, amount_due::text as amount_due from billing_invoice
        where type = 'invoice' and status in ('open', 'partially_paid') and amount_due > 0 and amount_due <= ?
          and due_at is not null and deleted_at is null
          and (due_at at time zone ?)::date < (?::timestamptz at time zone ?)::date
        order by id limit 1000`,
      [threshold, timeZone, asOf, timeZone]
    )) as { id: string; number: string; currency_code: string; amount_due: string }[]
  }

  /**
   * The unpaid-order policy's claim: invoices of orders with nothing paid `days` calendar days after
   * issue (store's time zone), not handled before, are marked `review_flagged_at` now, once each
   * (two processes never both take one). Returns those it marked.
   */
  @InjectTransactionManager()
  async flagUnpaidOrderInvoices(days: number, asOf: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    const timeZone = ((await this.retrieveSettings(sharedContext)) as any).timezone || "UTC"
    const rows = (await manager.execute(
      `update billing_invoice set review_flagged_at = ?, updated_at = now()
        where id in (
          select id from billing_invoice
           where type = 'invoice' and order_id is not null and status = 'open' and amount_paid = 0
             and issued_at is not null and review_flagged_at is null and deleted_at is null
             and (issued_at at time zone ?)::date <= (?::timestamptz at time zone ?)::date - ?::int
           order by id limit 500 for update skip locked)
        returning id, number, order_id, order_display_id, customer_id, currency_code, amount_due::text as amount_due`,
      [asOf, timeZone, asOf, timeZone, days]
    )) as { id: string; number: string; order_id: string; order_display_id: number | null; customer_id: string | null; currency_code: string; amount_due: string }[]
    if (rows.length) {
      await this.logActivity(
        rows.map((r) => ({ entity_type: "invoice", entity_id: r.id, action: "invoice.review_flagged", actor_type: "system" as const, actor_id: "collections", data: { order_id: r.order_id, days } })),
        sharedContext
      )
    }
    return rows
  }

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

  // Reports ([6/7])

  /** The aging of every customer's ledger as of a day (FIFO), with totals per currency; one page of customers. */
  @InjectManager()
  async retrieveAgingReport(
    input: { as_of?: string; buckets?: number[]; currency_code?: string | null; customer_ids?: string[] | null; limit: number; offset: number },
    now = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ) {
    const settings = await this.retrieveSettings(sharedContext)
    return await receivableReports.agingReport(sharedContext.manager as unknown as SqlManager, settings as any, input, now)
  }

  /** The invoices that make up one customer's aging in one currency (or one bucket of it). */
  @InjectManager()
  async listAgingInvoices(
    input: { as_of?: string; buckets?: number[]; customer_id: string; currency_code: string; bucket?: string | null },
    now = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ) {
    const settings = await this.retrieveSettings(sharedContext)
    return await receivableReports.agingInvoices(sharedContext.manager as unknown as SqlManager, settings as any, input, now)
  }

  /** Invoiced, collected, receivable, DSO, overdue and promises of a period, per currency, with a monthly trend. */
  @InjectManager()
  async retrieveCollectionsReport(input: { from?: string; to?: string }, now = new Date(), @MedusaContext() sharedContext: Context = {}) {
    const settings = await this.retrieveSettings(sharedContext)
    return await receivableReports.collectionsReport(sharedContext.manager as unknown as SqlManager, settings as any, input, now)
  }

  /** Customers with overdue invoices today, riskiest first, with what a collector needs to call them. */
  @InjectManager()
  async listCollectionsQueue(
    input: { currency_code?: string | null; limit: number; offset: number },
    now = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ) {
    const settings = await this.retrieveSettings(sharedContext)
    return await receivableReports.collectionsQueue(sharedContext.manager as unknown as SqlManager, settings as any, input, now)
  }
}

export default BillingModuleService

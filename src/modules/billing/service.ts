import type { Context } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import {
  DEFAULT_NUMBER_SERIES,
  DocumentType,
  formatDocumentNumber,
  numberPeriod,
  NumberReset,
} from "./domain/numbering"
import { addDays } from "./domain/dates"
import { Activity } from "./models/activity"
import { Invoice, InvoiceStatus, InvoiceType } from "./models/invoice"
import { InvoiceLine } from "./models/invoice-line"
import { NumberCounter } from "./models/number-counter"
import { NumberSeries } from "./models/number-series"
import type { ActivityInput, CreateDraftInvoiceInput, IssueInvoiceInput } from "./types"

type SqlManager = { execute: (sql: string, params?: unknown[]) => Promise<any[]> }

class BillingModuleService extends MedusaService({
  Invoice,
  InvoiceLine,
  NumberSeries,
  NumberCounter,
  Activity,
}) {
  /** Creates a draft invoice with its lines, in one transaction. Drafts have no number. */
  @InjectTransactionManager()
  async createDraftInvoice(input: CreateDraftInvoiceInput, @MedusaContext() sharedContext: Context = {}) {
    const { lines, actor, ...invoiceData } = input
    const invoice = await this.createInvoices({ ...invoiceData, status: InvoiceStatus.DRAFT } as any, sharedContext)
    await this.createInvoiceLines(
      lines.map((line) => ({ ...line, invoice_id: invoice.id })) as any,
      sharedContext
    )
    await this.logActivity(
      { entity_type: "invoice", entity_id: invoice.id, action: "invoice.created", ...actor, data: { order_id: invoice.order_id } },
      sharedContext
    )
    return invoice
  }

  /**
   * Issues a draft: takes the next number of its series and freezes the document, all in one
   * transaction. If anything fails the counter increment rolls back too, so no number is lost.
   */
  @InjectTransactionManager()
  async issueInvoice(id: string, input: IssueInvoiceInput = {}, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlManager
    // Lock the draft so two concurrent issues of the same invoice cannot both take a number.
    const [row] = await manager.execute(
      `select id, type, status, number, payment_terms_days from billing_invoice where id = ? and deleted_at is null for update`,
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
    const issuedAt = input.issued_at ? new Date(input.issued_at) : new Date()
    const documentType = row.type === InvoiceType.CREDIT_NOTE ? DocumentType.CREDIT_NOTE : DocumentType.INVOICE
    const number = await this.takeNextNumber(documentType, issuedAt, manager)

    await this.updateInvoices(
      {
        id,
        number,
        status: InvoiceStatus.OPEN,
        issued_at: issuedAt,
        due_at: addDays(issuedAt, row.payment_terms_days ?? 0),
      },
      sharedContext
    )
    await this.logActivity(
      { entity_type: "invoice", entity_id: id, action: "invoice.issued", ...input.actor, data: { number } },
      sharedContext
    )
    return await this.retrieveInvoice(id, { relations: ["lines"] }, sharedContext)
  }

  /** Appends entries to the activity log. The log is never updated or deleted. */
  @InjectTransactionManager()
  async logActivity(entries: ActivityInput | ActivityInput[], @MedusaContext() sharedContext: Context = {}) {
    const list = (Array.isArray(entries) ? entries : [entries]).map((e) => ({
      ...e,
      actor_type: e.actor_type ?? "system",
      actor_id: e.actor_id ?? null,
    }))
    return await this.createActivities(list as any, sharedContext)
  }

  /** Next number of a document type's series; must run inside the issuing transaction. */
  protected async takeNextNumber(documentType: DocumentType, date: Date, manager: SqlManager): Promise<string> {
    const series = await this.ensureNumberSeries(documentType, manager)
    const period = numberPeriod(series.reset, date)
    const [{ last_value }] = await manager.execute(
      `insert into billing_number_counter (id, series_id, period, last_value, created_at, updated_at)
       values (?, ?, ?, 1, now(), now())
       on conflict (series_id, period) do update
         set last_value = billing_number_counter.last_value + 1, updated_at = now()
       returning last_value`,
      [generateEntityId(undefined, "bnc"), series.id, period]
    )
    return formatDocumentNumber(series.format, Number(last_value), date)
  }

  /** The series of a document type, created with the default format on first use. */
  protected async ensureNumberSeries(
    documentType: DocumentType,
    manager: SqlManager
  ): Promise<{ id: string; format: string; reset: NumberReset }> {
    const select = () =>
      manager.execute(
        `select id, format, reset from billing_number_series where document_type = ? and deleted_at is null`,
        [documentType]
      )
    let [series] = await select()
    if (!series) {
      const defaults = DEFAULT_NUMBER_SERIES.find((s) => s.document_type === documentType)!
      await manager.execute(
        `insert into billing_number_series (id, document_type, format, reset, created_at, updated_at)
         values (?, ?, ?, ?, now(), now()) on conflict do nothing`,
        [generateEntityId(undefined, "bns"), documentType, defaults.format, defaults.reset]
      )
      ;[series] = await select()
    }
    return series
  }
}

export default BillingModuleService

import type { Context } from "@medusajs/framework/types"
import { InjectManager, MedusaContext, MedusaError } from "@medusajs/framework/utils"
import { isKnownCurrency } from "../domain/currencies"
import { SqlManager } from "../utils/number-counter"
import { readCustomerBalances, readStatement } from "../utils/receivable"
import * as receivableReports from "../utils/receivable-reports"
import BooksLayer from "./books"

/**
 * What customers owe, read: a customer's balances and statement, the aging report, the
 * collections report and the collectors' queue.
 *
 * One layer of the billing module's service (see ../service.ts).
 */
export default class ReportsLayer extends BooksLayer {
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

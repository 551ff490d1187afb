import type { BigNumberInput, Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MathBN, MedusaContext, MedusaError } from "@medusajs/framework/utils"
import { assertPaymentAmount } from "../domain/allocation"
import { isKnownCurrency } from "../domain/currencies"
import { formatAmount } from "../domain/money"
import { localDay, promiseStatus, reminderPause } from "../domain/collections"
import { insertReminderClaims, markReminderRowsSent, PENDING_PROMISE_UNTIL, readReminderCandidates, ReminderClaim } from "../utils/reminders"
import { totalsOfLines } from "../domain/invoice-from-order"
import type { BillingActor } from "../types"
import { SqlManager } from "../utils/number-counter"
import { bind } from "../utils/receivable"
import PaymentsLayer from "./payments"

/**
 * Collecting what stays unpaid: overdue invoices, promises to pay, contact notes, reminders (and
 * their late fees), paused reminders, small balances and unpaid orders.
 *
 * One layer of the billing module's service (see ../service.ts).
 */
export default class CollectionsLayer extends PaymentsLayer {
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
}

import type { BigNumberInput, Context } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MathBN,
  MedusaContext,
  MedusaError,
} from "@medusajs/framework/utils"
import {
  AllocationError,
  assertAllocation,
  assertPaymentAmount,
  assertRefund,
  invoiceAmountDue,
  invoicePaymentStatus,
  planOldestDueFirst,
  paymentHeld,
  planRefund,
  planRestore,
} from "../domain/allocation"
import { disputeMovements, disputeOutcome, disputeTargets, isNewerDisputeStatus, mergeDisputeTransactions } from "../domain/disputes"
import { isKnownCurrency } from "../domain/currencies"
import { fromMinorUnits } from "../domain/money"
import { DocumentType } from "../domain/numbering"
import { rebookedDate } from "../domain/periods"
import { PaymentMethod } from "../models/payment"
import type { ApplyPaymentDisputeInput, BillingActor, RecordPaymentInput, RefundPaymentInput } from "../types"
import { SqlManager, takeNextNumber } from "../utils/number-counter"
import { newEntityIds } from "../utils/ids"
import DocumentsLayer from "./documents"

/** The `raw_…` JSON Medusa keeps beside a bigNumber column, for rows written with SQL. */
const rawBigNumber = (value: string) => JSON.stringify({ value, precision: 20 })

/**
 * Payments, their allocations to invoices and refunds; receipts; Stripe events, balance
 * transactions and payouts; disputes.
 *
 * One layer of the billing module's service (see ../service.ts).
 */
export default class PaymentsLayer extends DocumentsLayer {
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

  /**
   * A provider's refund that failed before billing recorded it: kept as made and failed (as
   * Stripe's balance shows a refund and its refund_failure), nothing moved on the payment. Like
   * every late fact, a day in a closed period is booked on the first open day after it.
   */
  @InjectTransactionManager()
  async recordFailedRefund(
    input: { payment_id: string; amount: BigNumberInput; source: string; external_id: string; provider_refund_id: string; reason?: string | null; refunded_at: Date },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlManager
    const refundedAt = await this.bookingDate(manager, input.refunded_at, input.source, "The refund")
    const canceledAt = new Date(Math.max(Date.now(), refundedAt.getTime()))
    return await this.createPaymentRefunds({ ...input, refunded_at: refundedAt, canceled_at: canceledAt } as any, sharedContext)
  }

  /**
   * A refund the provider failed or canceled: it did not happen after all. The payment has that
   * money again: it pays the invoices the refund had taken it from again (what they still owe),
   * and the rest is the customer's credit. The refund stays on its day; the ledger and the journal
   * book the money back on the day it failed (today: never in a closed period).
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
    // Stripe's dates, booked like any late fact: never into a closed period, never out of one.
    const closed = await this.closedPeriods(manager)
    const withdrawnAt = rebookedDate(closed, dispute.withdrawn_at, moved.withdrawn_at)
    const reinstatedAt = rebookedDate(closed, dispute.reinstated_at, moved.reinstated_at)
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
        withdrawnAt, reinstatedAt, moved.fee, rawBigNumber(moved.fee), moved.fee_currency_code,
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
}

import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../modules/billing"
import { roundAmount } from "../../modules/billing/domain/money"
import { tolerances as withDefaults, withinTolerance } from "../../modules/billing/domain/matching"
import { awaitsInvoiceTrigger, FoundException, FoundMatch, OrderFacts } from "../../modules/billing/domain/reconciliation"
import type BillingModuleService from "../../modules/billing/service"
import type { BillingActor } from "../../modules/billing/types"
import { createInvoiceForOrderWorkflow } from "../create-invoice-for-order"
import { BillingEvents } from "../events"
import { recordPaymentWorkflow } from "../payments"
import { syncOrderDocumentsWorkflow } from "../sync-order-documents"
import { ORDER_FIELDS_FOR_INVOICE, invoiceDraftFromOrder } from "./invoice-draft-from-order"
import { syncOrderPayments } from "./order-payments"

type Run = { id: string; kind: string; params: Record<string, any> }
type Summary = Record<string, unknown>

/** Orders read from Medusa per batch in the three-way run. */
const ORDER_BATCH = 200
const THREE_WAY_FIELDS = [
  ...ORDER_FIELDS_FOR_INVOICE,
  "status",
  "created_at",
  "items.detail.*",
  "payment_collections.payments.captures.id",
  "payment_collections.payments.captures.amount",
  "payment_collections.payments.captures.created_by",
  "payment_collections.payments.refunds.id",
  "payment_collections.payments.refunds.amount",
]

const paymentsOf = (order: any) => (order.payment_collections ?? []).flatMap((c: any) => c.payments ?? [])

const billingOf = (container: MedusaContainer) => container.resolve<BillingModuleService>(BILLING_MODULE)

/**
 * Runs a reconciliation run to its end: reads what it compares, saves matches and exceptions as
 * it goes (with its progress), then clears what a re-run no longer finds. A failure marks the run
 * failed with its error; running it again picks up from the start and changes only what differs.
 */
export async function runReconciliation(container: MedusaContainer, runId: string) {
  const billing = billingOf(container)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const run = (await billing.retrieveReconciliationRun(runId)) as unknown as Run
  const seenAt = new Date()
  try {
    const summary =
      run.kind === "stripe_payout"
        ? await runStripePayouts(container, run, seenAt)
        : run.kind === "three_way"
        ? await runThreeWay(container, run, seenAt)
        : await runBankStatement(container, run, seenAt)
    const finished = await billing.finishReconciliationRun(run.id, seenAt, summary, run.kind === "bank_statement" ? { clear_types: ["bank_line_unmatched"] } : {})
    await container.resolve(Modules.EVENT_BUS).emit({
      name: BillingEvents.RECONCILIATION_COMPLETED,
      data: { id: run.id, kind: run.kind, status: finished.status, matched_count: finished.matched_count, exception_count: finished.exception_count },
    })
    return finished
  } catch (e) {
    logger.error(`[billing] Reconciliation run ${run.id} failed: ${(e as Error).message}`)
    await billing.failReconciliationRun(run.id, (e as Error).message)
    throw e
  }
}

/** The payouts of the run: the one named, or those that arrived in `[from, to)`. */
async function runStripePayouts(container: MedusaContainer, run: Run, seenAt: Date): Promise<Summary> {
  const billing = billingOf(container)
  const payouts = run.params.payout_id
    ? await billing.listStripePayouts({ external_id: run.params.payout_id })
    : await billing.listStripePayouts({ arrival_date: { $gte: new Date(run.params.from), $lt: new Date(run.params.to) } } as any)
  const ids = payouts.map((p) => p.external_id)
  const total = payouts.reduce((n, p) => n + (p.transaction_count ?? 0), 0)
  await billing.recordReconciliationProgress(run.id, 0, total)
  const result = await billing.reconcileStripePayouts(run.id, ids, seenAt)
  let withoutLines = 0
  if (run.params.from && run.params.to) {
    withoutLines = await billing.reconcileStripePaymentsWithoutLines(run.id, new Date(run.params.from), new Date(run.params.to), seenAt)
  }
  await billing.recordReconciliationProgress(run.id, result.lines, Math.max(total, result.lines))
  return {
    payouts: result.payouts,
    balance_transactions: result.lines,
    matched_lines: result.matched,
    // The match rate: lines that found their record with nothing different, of all lines.
    items: result.lines,
    matched_items: result.matched,
    payments_without_stripe_line: withoutLines,
    payout_amount: payouts.reduce((sum, p) => MathBN.add(sum, p.amount as any), MathBN.convert(0)).toString(),
    currency_codes: [...new Set(payouts.map((p) => p.currency_code))],
  }
}

/** Orders created in `[from, to)`, a batch at a time: documents, payments and refunds against Medusa's. */
async function runThreeWay(container: MedusaContainer, run: Run, seenAt: Date): Promise<Summary> {
  const billing = billingOf(container)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const filters = { created_at: { $gte: new Date(run.params.from), $lt: new Date(run.params.to) } }
  const { metadata } = await query.graph({ entity: "order", fields: ["id"], filters, pagination: { skip: 0, take: 1 } })
  const total = metadata?.count ?? 0
  await billing.recordReconciliationProgress(run.id, 0, total)
  const { invoice_trigger: trigger } = await billing.retrieveSettings()
  let done = 0
  let matched = 0
  let exceptions = 0
  let clean = 0
  while (done < total) {
    const { data } = await query.graph({
      entity: "order",
      fields: THREE_WAY_FIELDS,
      filters,
      pagination: { skip: done, take: ORDER_BATCH, order: { created_at: "ASC", id: "ASC" } as any },
    })
    if (!data.length) break
    const facts: OrderFacts[] = data.map((order: any) => {
      const expected = order.status === "canceled" ? "0" : roundAmount(invoiceDraftFromOrder(order).total as any, order.currency_code).toString()
      // Billing records Medusa's amounts rounded to the currency (29.6786 → 29.68), as its documents are.
      const captures = paymentsOf(order).flatMap((p: any) => p.captures ?? []).map((c: any) => ({ id: c.id, amount: roundAmount(c.amount, order.currency_code).toString(), created_by: c.created_by ?? null }))
      return {
        id: order.id,
        display_id: order.display_id ?? null,
        currency_code: order.currency_code,
        expected_total: expected,
        awaiting_invoice: awaitsInvoiceTrigger(trigger, {
          fulfilled: (order.items ?? []).some((i: any) => MathBN.gt(i.detail?.fulfilled_quantity ?? 0, 0)),
          captured: MathBN.sum(0, ...captures.map((c: { amount: string }) => c.amount)),
          total: expected,
        }),
        captures,
        refunds: paymentsOf(order).flatMap((p: any) => p.refunds ?? []).map((r: any) => ({ id: r.id, amount: roundAmount(r.amount, order.currency_code).toString() })),
      }
    })
    const result = await billing.reconcileOrders(run.id, facts, seenAt)
    matched += result.matched
    exceptions += result.exceptions
    clean += result.clean_orders
    done += data.length
    await billing.recordReconciliationProgress(run.id, done, total)
  }
  // The match rate: orders whose documents, payments and refunds all agree, of all orders.
  return { orders: done, matched, exceptions, items: done, matched_items: clean }
}

/**
 * A collection account's unmatched bank lines (of one statement, or all): lines that are money
 * already recorded are matched to their payment; lines that name open invoices become payments
 * of those invoices; the rest are exceptions to resolve.
 */
async function runBankStatement(container: MedusaContainer, run: Run, seenAt: Date): Promise<Summary> {
  const billing = billingOf(container)
  const settings = await billing.retrieveSettings()
  const t = withDefaults({ ...(settings.reconciliation as any), ...run.params.tolerances })
  const accountId = run.params.collection_account_id as string
  const { lines, plan, invoiceCustomers } = await billing.planBankReconciliation({ collection_account_id: accountId, statement_id: run.params.bank_statement_id, tolerances: t })
  await billing.recordReconciliationProgress(run.id, 0, lines.length)
  const lineById = new Map<string, any>(lines.map((l: any) => [l.id as string, l] as [string, any]))
  const matches: FoundMatch[] = []
  const exceptions: FoundException[] = []
  const pairs: { line_id: string; payment_id: string }[] = []
  let recorded = 0
  for (const m of plan.matches) {
    const line = lineById.get(m.line_id) as any
    if (m.kind === "payment") {
      pairs.push({ line_id: line.id, payment_id: m.payment_id })
      matches.push({ key: `line:${line.id}`, source_type: "bank_statement_line", source_id: line.id, target_type: "payment", target_id: m.payment_id, currency_code: line.currency_code, amount: m.amount })
      if (!MathBN.eq(m.difference, 0)) {
        exceptions.push(differenceException(line, MathBN.sub(line.amount, m.difference).toString(), m.difference, { payment_id: m.payment_id }))
      }
      continue
    }
    const customers = new Set(m.invoices.map((i) => invoiceCustomers!.get(i.invoice_id)))
    if (customers.size !== 1 || !m.invoices.length) {
      exceptions.push(unmatchedException(line, customers.size > 1 ? "names invoices of several customers" : "names invoices that are already paid"))
      continue
    }
    try {
      const { result: payment } = await recordPaymentWorkflow(container).run({
        input: {
          customer_id: [...customers][0]!,
          currency_code: line.currency_code,
          amount: line.amount,
          method: "bank_transfer",
          collection_account_id: accountId,
          received_at: line.booked_at,
          reference: String(line.text ?? "").slice(0, 200) || null,
          external_id: `bank:${line.id}`,
          allocate: m.invoices,
          actor: { actor_type: "system", actor_id: `reconciliation:${run.id}` },
        },
      })
      recorded++
      pairs.push({ line_id: line.id, payment_id: payment.id })
      matches.push({ key: `line:${line.id}`, source_type: "bank_statement_line", source_id: line.id, target_type: "payment", target_id: payment.id, currency_code: line.currency_code, amount: MathBN.convert(line.amount).toString() })
      const short = MathBN.lt(m.difference, 0)
      if (short && withinTolerance(m.expected, line.amount, t)) {
        const last = m.invoices[m.invoices.length - 1]
        exceptions.push(differenceException(line, m.expected, m.difference, { payment_id: payment.id, invoice_id: last?.invoice_id }))
      } else if (MathBN.gt(m.difference, 0)) {
        exceptions.push({
          key: `overpayment:${line.id}`,
          type: "bank_overpayment",
          currency_code: line.currency_code,
          expected_amount: m.expected,
          actual_amount: MathBN.convert(line.amount).toString(),
          difference: m.difference,
          description: `A bank line pays ${MathBN.convert(line.amount).toString()} for invoices that owed ${m.expected}; ${m.difference} is the customer's credit now.`,
          links: { bank_statement_line_id: line.id, payment_id: payment.id },
        })
      }
    } catch (e) {
      exceptions.push(unmatchedException(line, (e as Error).message))
    }
  }
  let outgoing = 0
  for (const id of plan.unmatched) {
    const line = lineById.get(id) as any
    if (MathBN.gt(line.amount, 0)) exceptions.push(unmatchedException(line, null))
    else outgoing++
  }
  await billing.matchBankLines(pairs)
  await billing.saveReconciliationFindings(run.id, { matches, exceptions }, seenAt)
  await billing.recordReconciliationProgress(run.id, lines.length, lines.length)
  // The match rate: lines that found their payment, of the lines looked at.
  return { lines: lines.length, matched: pairs.length, payments_recorded: recorded, unmatched: plan.unmatched.length - outgoing, outgoing_lines: outgoing, items: lines.length, matched_items: pairs.length }
}

function unmatchedException(line: any, why: string | null): FoundException {
  const amount = MathBN.convert(line.amount).toString()
  return {
    key: `line:${line.id}`,
    type: "bank_line_unmatched",
    currency_code: line.currency_code,
    expected_amount: null,
    actual_amount: amount,
    difference: amount,
    description: `Bank line of ${new Date(line.booked_at).toISOString().slice(0, 10)}, ${amount} ${String(line.currency_code).toUpperCase()}: "${String(line.text ?? "").slice(0, 120)}"${why ? ` — ${why}` : " matches no payment or invoice"}.`,
    links: { bank_statement_line_id: line.id },
  }
}

function differenceException(line: any, expected: string, difference: string, links: Record<string, string | undefined>): FoundException {
  return {
    key: `difference:${line.id}`,
    type: "bank_amount_difference",
    currency_code: line.currency_code,
    expected_amount: MathBN.convert(expected).toString(),
    actual_amount: MathBN.convert(line.amount).toString(),
    difference: MathBN.convert(difference).toString(),
    description: `A bank line brought ${MathBN.convert(line.amount).toString()} where ${MathBN.convert(expected).toString()} was expected (difference ${MathBN.convert(difference).toString()}).`,
    links: { bank_statement_line_id: line.id, ...links },
  }
}

export type ResolveExceptionInput = {
  action: "create_invoice" | "record_payment" | "link" | "write_off" | "explain"
  note?: string | null
  customer_id?: string
  invoice_ids?: string[]
  payment_id?: string
  reason?: "fee" | "fx" | "rounding"
}

/**
 * Resolves an exception by doing what the action says, then marks it resolved with the result:
 * create the missing invoice (or correct the order's documents), record the payment (from a bank
 * line, or Medusa's missing capture or refund), link a bank line or Stripe line to a payment,
 * write off the difference as a fee, FX or rounding, or explain it with a note.
 */
export async function resolveException(container: MedusaContainer, id: string, input: ResolveExceptionInput, actor: BillingActor) {
  const billing = billingOf(container)
  const exception = (await billing.retrieveReconciliationException(id)) as any
  if (exception.status === "resolved") {
    // The service refuses it with the reason; nothing is done twice.
    return await billing.resolveReconciliationException(id, { action: input.action, note: input.note, actor })
  }
  billing.assertResolution(exception.type, input.action, input.note)
  const links = (exception.links ?? {}) as Record<string, string>
  let result: Record<string, unknown> = {}
  if (input.action === "create_invoice") {
    if (exception.type === "order_not_invoiced") {
      const { result: invoice } = await createInvoiceForOrderWorkflow(container).run({ input: { order_id: links.order_id, issue: true, actor } })
      result = { invoice_id: invoice.id, number: invoice.number }
    } else {
      const { result: synced } = await syncOrderDocumentsWorkflow(container).run({ input: { order_id: links.order_id, reason: "Reconciliation" } })
      result = { issued: synced.issued.map((d: any) => d.id) }
    }
  } else if (input.action === "record_payment") {
    if (exception.type === "bank_line_unmatched") {
      result = await recordPaymentFromLine(container, exception, input, actor)
    } else {
      await syncOrderPayments(container, links.order_id)
      result = { synced_order_id: links.order_id }
    }
  } else if (input.action === "link") {
    result = await linkToPayment(container, exception, input)
  } else if (input.action === "write_off") {
    if (!links.invoice_id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Exception ${id} names no invoice to write the difference off on.`)
    }
    const invoice = await billing.retrieveInvoice(links.invoice_id, { select: ["id", "amount_due", "currency_code"] })
    const amount = MathBN.min(MathBN.abs(exception.difference ?? 0), invoice.amount_due as any)
    const writeOff = await billing.writeOffInvoice({
      invoice_id: invoice.id,
      amount: amount.toString(),
      reason: input.reason ?? "fee",
      note: input.note ?? exception.description,
      exception_id: id,
      actor,
    })
    await container.resolve(Modules.EVENT_BUS).emit({
      name: BillingEvents.WRITE_OFF_CREATED,
      data: { id: writeOff.id, invoice_id: invoice.id, amount: writeOff.amount, currency_code: writeOff.currency_code, reason: writeOff.reason },
    })
    result = { write_off_id: writeOff.id, invoice_id: invoice.id, amount: amount.toString() }
  }
  const resolved = await billing.resolveReconciliationException(id, { action: input.action, note: input.note, result, actor })
  await container.resolve(Modules.EVENT_BUS).emit({
    name: BillingEvents.EXCEPTION_RESOLVED,
    data: { id, run_id: exception.run_id, type: exception.type, action: input.action },
  })
  return resolved
}

/** One click on an unmatched bank line: a bank-transfer payment of its amount for the customer, paying the invoices named. */
async function recordPaymentFromLine(container: MedusaContainer, exception: any, input: ResolveExceptionInput, actor: BillingActor) {
  const billing = billingOf(container)
  if (!input.customer_id) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Say which customer paid: customer_id is required to record a payment from a bank line.`)
  }
  const line = (await billing.retrieveBankStatementLine(exception.links.bank_statement_line_id)) as any
  if (line.status !== "unmatched") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `This bank line is already ${line.status}${line.payment_id ? ` (payment ${line.payment_id})` : ""}.`)
  }
  if (!MathBN.gt(line.amount, 0)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `An outgoing bank line (${line.amount}) is not a payment from a customer.`)
  }
  let left = MathBN.convert(line.amount)
  const allocations: { invoice_id: string; amount: string }[] = []
  for (const invoiceId of input.invoice_ids ?? []) {
    const invoice = await billing.retrieveInvoice(invoiceId, { select: ["id", "amount_due"] })
    const take = MathBN.min(left, invoice.amount_due as any)
    if (MathBN.gt(take, 0)) allocations.push({ invoice_id: invoiceId, amount: take.toString() })
    left = MathBN.sub(left, take)
  }
  const { result: payment } = await recordPaymentWorkflow(container).run({
    input: {
      customer_id: input.customer_id,
      currency_code: line.currency_code,
      amount: MathBN.convert(line.amount).toString(),
      method: "bank_transfer",
      collection_account_id: line.collection_account_id,
      received_at: line.booked_at,
      reference: [line.description, line.reference].filter(Boolean).join(" ").slice(0, 200) || null,
      note: input.note ?? null,
      external_id: `bank:${line.id}`,
      allocate: allocations.length ? allocations : "none",
      actor,
    },
  })
  await billing.matchBankLines([{ line_id: line.id, payment_id: payment.id }])
  return { payment_id: payment.id }
}

/** Links a bank line or a Stripe line to a payment billing already has. */
async function linkToPayment(container: MedusaContainer, exception: any, input: ResolveExceptionInput) {
  const billing = billingOf(container)
  if (!input.payment_id) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Say which payment it is: payment_id is required to link.`)
  }
  const [payment] = await billing.listBillingPayments({ id: input.payment_id }, { select: ["id", "amount", "currency_code"] })
  if (!payment) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment with id: ${input.payment_id} was not found`)
  }
  if (payment.currency_code !== exception.currency_code) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `The payment is in ${payment.currency_code.toUpperCase()}; the line is in ${String(exception.currency_code).toUpperCase()}.`)
  }
  if (exception.type === "bank_line_unmatched") {
    const [taken] = await billing.listBankStatementLines({ payment_id: payment.id }, { select: ["id"] })
    if (taken) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Payment ${input.payment_id} is already the money of another bank line.`)
    }
    await billing.matchBankLines([{ line_id: exception.links.bank_statement_line_id, payment_id: payment.id }])
  }
  const source = exception.links.bank_statement_line_id
    ? { source_type: "bank_statement_line", source_id: exception.links.bank_statement_line_id }
    : { source_type: "stripe_balance_transaction", source_id: exception.links.balance_transaction_id }
  await billing.saveReconciliationFindings(
    exception.run_id,
    { matches: [{ key: `link:${exception.id}`, ...source, target_type: "payment", target_id: payment.id, currency_code: payment.currency_code, amount: MathBN.convert(payment.amount as any).toString() }], exceptions: [] },
    new Date()
  )
  return { payment_id: payment.id }
}

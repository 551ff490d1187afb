// Run by bench/run.js with `medusa exec` on a fresh database (`npm run bench reconcile`).
// Data from bench/reconciliation-data.ts; Stripe is the local fake API (integration-tests/helpers/fake-stripe.js).
// 1. A payout of TXNS balance transactions against PAYMENTS recorded card payments, end to end:
//    the payout stored and its transactions fetched through the Stripe SDK, 100 a page, and stored
//    (applyStripePayout, what `payout.paid` runs), then a reconciliation run of it (runReconciliation).
//    Baseline: the same pages fetched with the SDK alone, the rows inserted in plain SQL, one hash join.
// 2. The matching step alone (reconcileStripePayouts on the stored rows, a fresh run each time)
//    against one SQL hash join of the same rows; one warm-up each, median of RUNS.
// 3. A bank statement of LINES lines: CSV read, imported, run (matched to recorded payments by
//    receipt number or amount and date, invoices paid by number). Baseline: the same rows inserted
//    into a scratch table in one statement and one join.
// Counts found are checked against what the generator planted; a difference fails the bench.
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateEntityId } from "@medusajs/framework/utils"
import { FAKE_STRIPE_API_KEY, startFakeStripe } from "../integration-tests/helpers/fake-stripe"
import { BILLING_MODULE } from "../src/modules/billing"
import { readCsvStatement } from "../src/modules/billing/domain/bank-statement"
import { compareStripeLine } from "../src/modules/billing/domain/reconciliation"
import type BillingModuleService from "../src/modules/billing/service"
import { readStripeLines, saveFindings } from "../src/modules/billing/utils/reconciliation"
import { stripeClient, stripeSettings } from "../src/modules/billing/utils/stripe-webhook"
import { runReconciliation } from "../src/workflows/utils/reconciliation"
import { balanceRow, applyStripePayout } from "../src/workflows/utils/stripe-settlements"
import { bankStatement, stripePayout, type PaymentRow } from "./reconciliation-data"

const TXNS = Number(process.env.BENCH_RECON_TXNS || 100_000)
const PAYMENTS = Number(process.env.BENCH_RECON_PAYMENTS || 100_000)
const LINES = Number(process.env.BENCH_RECON_BANK_LINES || 50_000)
const RUNS = 3

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6
const median = (l: number[]) => [...l].sort((a, b) => a - b)[Math.floor(l.length / 2)]

async function insertPayments(pg: any, rows: PaymentRow[]) {
  for (let i = 0; i < rows.length; i += 20_000) {
    const c = rows.slice(i, i + 20_000)
    const col = <K extends keyof PaymentRow>(k: K) => c.map((r) => r[k] ?? null)
    await pg.raw(
      `insert into billing_payment (id, customer_id, currency_code, amount, raw_amount, method, received_at, source, external_id,
                                    stripe_payment_intent_id, receipt_number, collection_account_id)
       select x.id, x.customer_id, 'eur', x.amount::numeric, jsonb_build_object('value', x.amount, 'precision', 20), x.method, x.received_at, x.source,
              x.external_id, x.pi, x.receipt_number, x.account
         from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
              as x(id, customer_id, amount, method, received_at, source, external_id, pi, receipt_number, account)`,
      [col("id"), col("customer_id"), col("amount"), col("method"), col("received_at"), col("source"), col("external_id"),
        col("stripe_payment_intent_id"), col("receipt_number"), col("collection_account_id")]
    )
  }
}

export default async function benchReconciliation({ container }: ExecArgs) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const sql = { execute: async (q: string, p: unknown[] = []) => (await pg.raw(q, p as any)).rows }
  await billing.updateSettings({ email_receipts: false } as any)

  // ---- 1. The payout, end to end
  const data = stripePayout(TXNS, PAYMENTS)
  let t0 = process.hrtime.bigint()
  await insertPayments(pg, data.payments)
  await pg.raw(
    `insert into billing_payment_refund (id, payment_id, amount, raw_amount, reason, source, refunded_at, provider_refund_id)
     select x.id, x.payment_id, x.amount::numeric, jsonb_build_object('value', x.amount, 'precision', 20), 'requested_by_customer', 'stripe', x.at, x.re
       from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[]) as x(id, payment_id, amount, at, re)`,
    [data.refunds.map((r) => r.id), data.refunds.map((r) => r.payment_id), data.refunds.map((r) => r.amount), data.refunds.map((r) => r.refunded_at), data.refunds.map((r) => r.provider_refund_id)]
  )
  await pg.raw(
    `update billing_payment p set amount_refunded = r.amount, raw_amount_refunded = jsonb_build_object('value', r.amount::text, 'precision', 20)
       from (select payment_id, sum(amount) as amount from billing_payment_refund group by payment_id) r where r.payment_id = p.id`
  )
  // What charge.succeeded stored before the payout (for some charges, with a fee Stripe later reports otherwise).
  await billing.upsertStripeBalanceTransactions(data.storedEarlier.map((t) => balanceRow(t as any, { charge_id: t.charge_id, payment_intent_id: t.payment_intent_id })))
  await pg.raw(`analyze`)
  console.log(
    `[bench] generated and inserted ${data.payments.length} card payments, ${data.refunds.length} refunds, ${data.storedEarlier.length} balance txns stored earlier in ${(ms(t0) / 1000).toFixed(1)} s`
  )

  const fake = await startFakeStripe({ apiKey: FAKE_STRIPE_API_KEY })
  // Newest first, as the fake lists them (already sorted, so its sort per page stays linear).
  fake.state.balanceTransactions.push(...[...data.balanceTransactions].sort((a, b) => b.created - a.created))
  fake.state.payouts.push(data.payout)
  Object.assign(process.env, fake.env())
  const stripe = stripeClient(stripeSettings())!

  // Baseline, part 1: the same pages through the SDK, nothing done with them.
  t0 = process.hrtime.bigint()
  const fetched: any[] = []
  await stripe.balanceTransactions.list({ payout: data.payout.id, limit: 100, expand: ["data.source"] }).autoPagingEach(async (t) => {
    fetched.push(t)
  })
  const baseFetchMs = ms(t0)
  const pagesServed = fake.requests.length
  console.log(`[bench] baseline: ${fetched.length} balance txns fetched in ${pagesServed} pages by the SDK alone in ${(baseFetchMs / 1000).toFixed(1)} s`)

  // Ours: payout.paid → fetch + store, then the run.
  t0 = process.hrtime.bigint()
  const outcome = await applyStripePayout(container, "payout.paid", data.payout, data.payout.created + 86400)
  const storeMs = ms(t0)
  const t1 = process.hrtime.bigint()
  const run = await billing.startReconciliationRun({ kind: "stripe_payout", params: { payout_id: data.payout.id }, actor: { actor_type: "system", actor_id: "bench" } })
  // A run that fails is reported (and fails the bench) instead of ending it: the other figures still say something.
  let runError: string | null = null
  const finished: any = await runReconciliation(container, run.id).catch((err: Error) => {
    runError = err.message
    return null
  })
  const runMs = ms(t1)
  const e2eMs = storeMs + runMs
  console.log(`[bench] ours: ${outcome.detail}: fetched + stored in ${(storeMs / 1000).toFixed(1)} s, run ${runError ? `FAILED after` : "in"} ${(runMs / 1000).toFixed(1)} s`)
  await fake.close()

  // Baseline, part 2: the fetched rows inserted in plain SQL (one statement per 10,000) and one hash join.
  await pg.raw(`create table bench_balance_transaction (like billing_stripe_balance_transaction including defaults)`)
  t0 = process.hrtime.bigint()
  const rows = fetched.map((t) => balanceRow(t, { payout_id: data.payout.id }))
  for (let i = 0; i < rows.length; i += 10_000) {
    const c = rows.slice(i, i + 10_000)
    await pg.raw(
      `insert into bench_balance_transaction (id, external_id, type, source_id, charge_id, payment_intent_id, currency_code, amount, raw_amount, fee, raw_fee, net, raw_net, stripe_created_at, payout_id)
       select 'x' || x.external_id, x.external_id, x.type, x.source_id, x.charge_id, x.payment_intent_id, 'eur', x.amount::numeric, '{}', x.fee::numeric, '{}', x.net::numeric, '{}', x.at, x.payout_id
         from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
              as x(external_id, type, source_id, charge_id, payment_intent_id, amount, fee, net, at, payout_id)`,
      [c.map((r) => r.external_id), c.map((r) => r.type), c.map((r) => r.source_id), c.map((r) => r.charge_id), c.map((r) => r.payment_intent_id),
        c.map((r) => r.amount), c.map((r) => r.fee), c.map((r) => r.net), c.map((r) => r.stripe_created_at), c.map((r) => r.payout_id)]
    )
  }
  await pg.raw(`create index on bench_balance_transaction (payout_id)`)
  await pg.raw(`analyze bench_balance_transaction`)
  const baseInsertMs = ms(t0)
  // The store step of ours alone (the fake's paging hides it in fetch + store): the same rows as a copy payout, then removed.
  const copy = rows.map((r) => ({ ...r, external_id: `${r.external_id}_copy`, payout_id: "po_bench_copy" }))
  t0 = process.hrtime.bigint()
  await billing.upsertStripeBalanceTransactions(copy)
  const storeAloneMs = ms(t0)
  await pg.raw(`delete from billing_stripe_balance_transaction where payout_id = 'po_bench_copy'`)
  // What each row's id costs (generateEntityId, a ULID from 16 calls of crypto.randomBytes(1)), as the plugin makes one per row stored or found.
  t0 = process.hrtime.bigint()
  for (let i = 0; i < 20_000; i++) generateEntityId(undefined, "bench")
  const idMicros = (ms(t0) * 1000) / 20_000
  console.log(`[bench] store alone: ${rows.length} rows by upsertStripeBalanceTransactions in ${(storeAloneMs / 1000).toFixed(1)} s (plain SQL insert ${(baseInsertMs / 1000).toFixed(1)} s); generateEntityId ${idMicros.toFixed(0)} µs per id`)
  const join = (table: string) =>
    pg.raw(
      `select count(*) filter (where p.amount = t.amount)::int as same, count(*) filter (where p.amount <> t.amount)::int as different
         from ${table} t join billing_payment p on p.external_id = t.charge_id and p.deleted_at is null
        where t.payout_id = ? and t.type = 'charge' and t.deleted_at is null`,
      [data.payout.id]
    )
  t0 = process.hrtime.bigint()
  await join("bench_balance_transaction")
  const baseJoinE2eMs = ms(t0)
  const baseE2eMs = baseFetchMs + baseInsertMs + baseJoinE2eMs

  // ---- 2. The matching step alone, on the stored rows
  await join("billing_stripe_balance_transaction")
  const joinRuns: number[] = []
  let joined: any
  for (let i = 0; i < RUNS; i++) {
    t0 = process.hrtime.bigint()
    joined = (await join("billing_stripe_balance_transaction")).rows[0]
    joinRuns.push(ms(t0))
  }
  // The same join with the planner held to a hash join (as in the peer baseline), in a transaction of its own.
  const hashJoin = () =>
    pg.transaction(async (trx: any) => {
      await trx.raw(`set local enable_nestloop = off`)
      await trx.raw(`set local enable_mergejoin = off`)
      const t = process.hrtime.bigint()
      const result = (
        await trx.raw(
          `select count(*) filter (where p.amount = t.amount)::int as same, count(*) filter (where p.amount <> t.amount)::int as different
             from billing_stripe_balance_transaction t join billing_payment p on p.external_id = t.charge_id and p.deleted_at is null
            where t.payout_id = ? and t.type = 'charge' and t.deleted_at is null`,
          [data.payout.id]
        )
      ).rows[0]
      return { ms: ms(t), result }
    })
  await hashJoin()
  const hashRuns: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const h = await hashJoin()
    hashRuns.push(h.ms)
    if (h.result.same !== joined.same || h.result.different !== joined.different) throw new Error(`hash join found ${JSON.stringify(h.result)}, planner's join ${JSON.stringify(joined)}`)
  }
  const plan = (
    await pg.raw(
      `explain (analyze, format json)
       select count(*) filter (where p.amount = t.amount), count(*) filter (where p.amount <> t.amount)
         from billing_stripe_balance_transaction t join billing_payment p on p.external_id = t.charge_id and p.deleted_at is null
        where t.payout_id = ? and t.type = 'charge' and t.deleted_at is null`,
      [data.payout.id]
    )
  ).rows[0]["QUERY PLAN"][0]
  const joinNode = (function find(n: any): string {
    return /Join|Nested Loop/.test(n["Node Type"]) ? n["Node Type"] : (n.Plans ?? []).map(find).find(Boolean) ?? n["Node Type"]
  })(plan.Plan)

  const matchRuns: number[] = []
  const readRuns: number[] = []
  const compareRuns: number[] = []
  const saveRuns: number[] = []
  let step: any = null
  let stepError: string | null = null
  let planted = { matches: 0, exceptions: {} as Record<string, number> }
  for (let i = 0; i <= RUNS; i++) {
    const r = await billing.startReconciliationRun({ kind: "stripe_payout", params: { payout_id: data.payout.id, bench: i }, actor: { actor_type: "system", actor_id: "bench" } })
    t0 = process.hrtime.bigint()
    step = await billing.reconcileStripePayouts(r.id, [data.payout.id], new Date()).catch((err: Error) => {
      stepError = err.message
      return null
    })
    const took = ms(t0)
    await billing.finishReconciliationRun(r.id, new Date(), {})
    // Where the time goes: the read (readStripeLines' SQL) and the comparison, each alone.
    t0 = process.hrtime.bigint()
    const lines = await readStripeLines(sql, [data.payout.id])
    const readMs = ms(t0)
    t0 = process.hrtime.bigint()
    const found = { matches: [] as any[], exceptions: [] as any[] }
    for (const line of lines) {
      if (line.type === "payout") continue
      const c = compareStripeLine(line)
      if (c.match) found.matches.push(c.match)
      found.exceptions.push(...c.exceptions)
    }
    const compareMs = ms(t0)
    planted = { matches: found.matches.length, exceptions: {} }
    for (const x of found.exceptions) planted.exceptions[x.type] = (planted.exceptions[x.type] ?? 0) + 1
    // …and saving what it found (saveFindings' statements) into another fresh run.
    const other = await billing.startReconciliationRun({ kind: "stripe_payout", params: { payout_id: data.payout.id, bench: `${i}-save` } })
    t0 = process.hrtime.bigint()
    await saveFindings(sql, other.id, found, new Date(), (prefix) => generateEntityId(undefined, prefix))
    const saveMs = ms(t0)
    await billing.finishReconciliationRun(other.id, new Date(), {})
    if (i === 0) continue // warm-up
    if (step) matchRuns.push(took)
    readRuns.push(readMs)
    compareRuns.push(compareMs)
    saveRuns.push(saveMs)
  }
  console.log(
    `[bench] matching step, median of ${RUNS}: ${stepError ? `FAILED (${stepError})` : `${median(matchRuns).toFixed(0)} ms`} (its read SQL ${median(readRuns).toFixed(0)} ms, comparison ${median(compareRuns).toFixed(0)} ms, saving findings ${median(saveRuns).toFixed(0)} ms, each alone); ` +
      `planner's join ${median(joinRuns).toFixed(1)} ms (${joinNode}, ${plan["Execution Time"].toFixed(1)} ms in the server), hash join ${median(hashRuns).toFixed(1)} ms`
  )

  // Found against planted.
  const byType = Object.fromEntries(
    (await pg.raw(`select type, count(*)::int as n from billing_reconciliation_exception where run_id = ? group by type`, [run.id])).rows.map((r: any) => [r.type, r.n])
  )
  const e = data.expected
  const stripeProblems: string[] = []
  const check = (what: string, found: number, planted: number) => found !== planted && stripeProblems.push(`${what}: found ${found}, planted ${planted}`)
  check("stored balance txns of the payout", Number((await pg.raw(`select count(*)::int as n from billing_stripe_balance_transaction where payout_id = ?`, [data.payout.id])).rows[0].n), TXNS + 1)
  if (runError) stripeProblems.push(`the payout's reconciliation run failed: ${runError}`)
  if (stepError) stripeProblems.push(`reconcileStripePayouts failed: ${stepError}`)
  if (finished && step) {
    check("lines", step.lines, e.lines)
    check("matches", finished.matched_count, e.matches)
    check("clean matches", step.matched, e.clean)
    check("exceptions", finished.exception_count, Object.values(e.exceptions).reduce((a, b) => a + b, 0))
    for (const [type, n] of Object.entries(e.exceptions)) check(type, byType[type] ?? 0, n)
  }
  // The comparison alone (compareStripeLine over readStripeLines' rows), whatever happened to the run.
  check("comparison alone: matches", planted.matches, e.matches)
  for (const [type, n] of Object.entries(e.exceptions)) if (type !== "payout_total_mismatch") check(`comparison alone: ${type}`, planted.exceptions[type] ?? 0, n)
  check("hash join: same amount", joined.same, e.join.same)
  check("hash join: another amount", joined.different, e.join.different)
  for (const p of stripeProblems) console.log(`[bench] MISMATCH ${p}`)

  // ---- 3. The bank statement
  const bank = bankStatement(LINES)
  const [account] = await billing.createCollectionAccounts([{ name: "Bench Bank EUR", type: "bank", currency_code: "eur" }] as any)
  await insertPayments(pg, bank.payments.map((p) => ({ ...p, collection_account_id: account.id })))
  await pg.raw(
    `insert into billing_invoice (id, type, status, number, origin, currency_code, customer_id, total, raw_total, amount_due, raw_amount_due, issued_at, due_at, payment_terms_days)
     select x.id, 'invoice', 'open', x.number, 'manual', 'eur', x.customer_id, x.amount::numeric, jsonb_build_object('value', x.amount, 'precision', 20),
            x.amount::numeric, jsonb_build_object('value', x.amount, 'precision', 20), '2026-01-15', '2026-01-29', 14
       from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as x(id, number, customer_id, amount)`,
    [bank.invoices.map((i) => i.id), bank.invoices.map((i) => i.number), bank.invoices.map((i) => i.customer_id), bank.invoices.map((i) => i.amount)]
  )
  await pg.raw(`analyze`)
  console.log(`[bench] bank: ${LINES} lines (${(bank.csv.length / 1e6).toFixed(1)} MB CSV), ${bank.payments.length} recorded transfers, ${bank.invoices.length} open invoices named`)

  // Baseline: the rows split naively, inserted in one statement, one join (receipt number or amount in the window; invoice number).
  t0 = process.hrtime.bigint()
  const cells = bank.csv.split("\r\n").slice(1).map((l) => l.split(";"))
  await pg.raw(`create table bench_bank_line (row_number int, booked_at date, amount numeric, description text, reference text, counterparty text)`)
  await pg.raw(
    `insert into bench_bank_line select x.n, to_date(x.d, 'DD.MM.YYYY'), replace(x.a, ',', '.')::numeric, x.t, x.r, x.c
       from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as x(n, d, a, t, r, c)`,
    [cells.map((_, i) => i + 2), ...[0, 1, 2, 3, 4].map((k) => cells.map((c) => c[k]))]
  )
  const baseBank = (
    await pg.raw(
      `select count(*) filter (where coalesce(pr.id, pa.id, i.id) is not null)::int as matched
         from bench_bank_line l
         left join billing_payment pr on pr.receipt_number = substring(l.description from 'RB-\\d{4}-\\d{6}') and pr.collection_account_id = ?
         left join billing_payment pa on pr.id is null and pa.amount = l.amount and pa.collection_account_id = ?
                                        and pa.received_at between l.booked_at - 3 and l.booked_at + 4
         left join billing_invoice i on i.number = substring(l.description from 'INV-RB-\\d{6}') and i.status = 'open'`,
      [account.id, account.id]
    )
  ).rows[0]
  const baseBankMs = ms(t0)

  t0 = process.hrtime.bigint()
  const parsed = readCsvStatement(bank.csv, bank.mapping, "eur")
  const parseMs = ms(t0)
  t0 = process.hrtime.bigint()
  const imported = await billing.importBankStatement({
    collection_account_id: account.id, file_name: "bench-statement.csv", format: "csv", content: bank.csv, lines: parsed, mapping: bank.mapping,
    actor: { actor_type: "user", actor_id: "bench" },
  } as any)
  const importMs = ms(t0)
  // The planning alone (reads lines, payments and open invoices; plans; writes nothing), before the run.
  t0 = process.hrtime.bigint()
  const planned = await billing.planBankReconciliation({
    collection_account_id: account.id, statement_id: imported.statement.id, tolerances: { amount_tolerance: 0, amount_tolerance_percent: 0, date_tolerance_days: 3 },
  })
  const planMs = ms(t0)
  console.log(`[bench] bank planning alone (planBankReconciliation): ${planned.plan.matches.length} matches planned in ${planMs.toFixed(0)} ms`)
  t0 = process.hrtime.bigint()
  const bankRun = await billing.startReconciliationRun({
    kind: "bank_statement", params: { collection_account_id: account.id, bank_statement_id: imported.statement.id }, actor: { actor_type: "system", actor_id: "bench" },
  })
  const bankFinished: any = await runReconciliation(container, bankRun.id)
  const bankRunMs = ms(t0)
  const bankMs = parseMs + importMs + bankRunMs
  const s = bankFinished.summary ?? {}
  console.log(
    `[bench] bank ours: parsed ${parsed.length} lines in ${parseMs.toFixed(0)} ms, imported in ${importMs.toFixed(0)} ms, run in ${(bankRunMs / 1000).toFixed(1)} s: ` +
      `${s.matched} matched (${s.payments_recorded} payments recorded), ${s.unmatched} unmatched, ${s.outgoing_lines} outgoing; baseline ${baseBank.matched} matched in ${baseBankMs.toFixed(0)} ms`
  )
  const bankProblems: string[] = []
  const checkBank = (what: string, found: number, planted: number) => found !== planted && bankProblems.push(`${what}: found ${found}, planted ${planted}`)
  checkBank("bank lines", s.lines, bank.expected.lines)
  checkBank("bank lines matched", s.matched, bank.expected.matched)
  checkBank("payments recorded from bank lines", s.payments_recorded, bank.expected.payments_recorded)
  checkBank("bank lines unmatched", s.unmatched, bank.expected.unmatched)
  checkBank("outgoing bank lines", s.outgoing_lines, bank.expected.outgoing)
  checkBank("bank exceptions", bankFinished.exception_count, bank.expected.unmatched)
  checkBank("baseline join: lines matched", baseBank.matched, bank.expected.matched)
  for (const p of bankProblems) console.log(`[bench] MISMATCH ${p}`)

  console.log(
    `BENCH_RESULT ${JSON.stringify({
      txns: TXNS,
      payments: PAYMENTS,
      pages: pagesServed,
      e2e: { ours: { storeMs, runMs, totalMs: e2eMs }, storeAloneMs, idMicros, baseline: { fetchMs: baseFetchMs, insertMs: baseInsertMs, joinMs: baseJoinE2eMs, totalMs: baseE2eMs } },
      matching: { ours: matchRuns, read: readRuns, compare: compareRuns, save: saveRuns, join: joinRuns, hash: hashRuns, joinNode, joinServerMs: plan["Execution Time"] },
      runError,
      stepError,
      stripe: {
        expected: e,
        found: finished && step ? { lines: step.lines, matches: finished.matched_count, clean: step.matched, exceptions: finished.exception_count, byType } : null,
        compared: planted,
        joined,
      },
      bank: {
        lines: LINES,
        ours: { parseMs, importMs, runMs: bankRunMs, totalMs: bankMs, planMs },
        baselineMs: baseBankMs,
        expected: bank.expected,
        found: { matched: s.matched, payments_recorded: s.payments_recorded, unmatched: s.unmatched, outgoing: s.outgoing_lines, exceptions: bankFinished.exception_count },
        baselineMatched: baseBank.matched,
      },
      problems: [...stripeProblems, ...bankProblems],
    })}`
  )
  // run.js fails the bench when `problems` is not empty (a failing exec would hide the table).
}

// Data of bench/reconciliation.ts, generated from a seed (the same on every run), as plain rows:
// 1. one Stripe payout of TXNS balance transactions and the 100,000 card payments billing recorded,
//    with what a reconciliation of them must find;
// 2. a bank statement (CSV, German bank style) of LINES lines, the bank-transfer payments and open
//    invoices it pays, with what a bank run must find.
// Amounts of the Stripe side are minor units (as Stripe sends them); billing's rows are major units.

/** A small seeded PRNG (mulberry32). */
export function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const major = (cents: number) => (cents / 100).toFixed(2)
const DAY = 86400

export type PaymentRow = {
  id: string
  customer_id: string
  amount: string
  received_at: Date
  external_id: string | null
  stripe_payment_intent_id: string | null
  method: "card" | "bank_transfer"
  source: "stripe" | "manual"
  receipt_number: string | null
  collection_account_id?: string | null
}

export type RefundRow = { id: string; payment_id: string; amount: string; provider_refund_id: string; refunded_at: Date }

/** What a Stripe payout run must find, by how the generator planted it. */
export type StripeExpected = {
  lines: number
  matches: number
  clean: number
  exceptions: Record<string, number>
  /** What a plain join of lines and payments on the charge id sees: same amount, another amount. */
  join: { same: number; different: number }
}

/**
 * A payout of `txns` balance transactions (plus its own `payout` line, as Stripe lists it) and
 * `payments` recorded card payments. Of the lines: 2 % refunds of older payments (5 % of them
 * unknown to billing), 0.1 % Stripe fees billing does not book (unclassified), the rest charges:
 * 0.3 % unknown to billing, 1 % whose payment is recorded without the charge id (found by its
 * PaymentIntent), 0.2 % recorded with 1.00 more than Stripe moved, 0.2 % whose fee billing stored
 * earlier (from `charge.succeeded`) 0.05 lower than the payout shows. Payments beyond the payout's
 * charges are older ones (those the refunds give money back from).
 */
export function stripePayout(txns: number, payments: number, seed = 20260105) {
  const rand = random(seed)
  const payoutId = "po_bench_recon"
  const start = Math.floor(Date.UTC(2026, 0, 5) / 1000)
  const lines: Record<string, any>[] = []
  const paymentRows: PaymentRow[] = []
  const refundRows: RefundRow[] = []
  const storedEarlier: Record<string, any>[] = []
  const exceptions: Record<string, number> = {
    stripe_line_unrecorded: 0,
    stripe_amount_mismatch: 0,
    stripe_fee_mismatch: 0,
    stripe_line_unclassified: 0,
    payout_total_mismatch: 0,
  }
  let matches = 0
  let withException = 0
  const join = { same: 0, different: 0 }
  const refundsPlanned: number[] = []
  for (let i = 0; i < txns; i++) {
    const r = rand()
    const created = start + i * 7
    const txn = { id: `txn_rb_${i}`, object: "balance_transaction", currency: "eur", created, available_on: created + 2 * DAY, status: "available", exchange_rate: null, payout: payoutId }
    if (r < 0.02) {
      refundsPlanned.push(i)
      lines.push({ ...txn, type: "refund", reporting_category: "refund" })
    } else if (r < 0.021) {
      lines.push({ ...txn, type: "stripe_fee", reporting_category: "fee", amount: -200, fee: 0, net: -200, source: null, description: "Billing - usage fee" })
      exceptions.stripe_line_unclassified++
    } else {
      const amount = 500 + Math.floor(rand() * 49500)
      const fee = Math.round(amount * 0.015) + 25
      const [ch, pi] = [`ch_rb_${i}`, `pi_rb_${i}`]
      lines.push({
        ...txn, type: "charge", reporting_category: "charge", amount, fee, net: amount - fee,
        source: { id: ch, object: "charge", amount, currency: "eur", payment_intent: pi, created },
        fee_details: [{ amount: fee, currency: "eur", type: "stripe_fee" }],
      })
      const k = rand()
      if (k < 0.003) {
        exceptions.stripe_line_unrecorded++
        continue
      }
      matches++
      const byIntentOnly = k < 0.013
      const recordedMore = k >= 0.013 && k < 0.015
      const feeEarlier = k >= 0.015 && k < 0.017
      if (recordedMore) exceptions.stripe_amount_mismatch++
      if (feeEarlier) {
        exceptions.stripe_fee_mismatch++
        const stored = fee - 5
        storedEarlier.push({ ...txn, payout: undefined, type: "charge", amount, fee: stored, net: amount - stored, source: ch, charge_id: ch, payment_intent_id: pi })
      }
      if (recordedMore || feeEarlier) withException++
      if (!byIntentOnly) join[recordedMore ? "different" : "same"]++
      paymentRows.push({
        id: `bpay_rb_${i}`, customer_id: `cus_rb_${i % 5000}`, amount: major(recordedMore ? amount + 100 : amount), received_at: new Date(created * 1000),
        external_id: byIntentOnly ? null : ch, stripe_payment_intent_id: pi, method: "card", source: "stripe", receipt_number: null,
      })
    }
  }
  // Older card payments (of earlier payouts), up to `payments` in all; the refunds give money back from them.
  const older = payments - paymentRows.length
  if (older < refundsPlanned.length) throw new Error(`${payments} payments leave ${older} older ones for ${refundsPlanned.length} refunds`)
  const olderRows: PaymentRow[] = []
  for (let j = 0; j < older; j++) {
    const amount = 2000 + Math.floor(rand() * 48000)
    const created = start - (j + 1) * 600
    olderRows.push({
      id: `bpay_rb_old_${j}`, customer_id: `cus_rb_${j % 5000}`, amount: major(amount), received_at: new Date(created * 1000),
      external_id: `ch_rb_old_${j}`, stripe_payment_intent_id: `pi_rb_old_${j}`, method: "card", source: "stripe", receipt_number: null,
    })
  }
  refundsPlanned.forEach((i, n) => {
    const line = lines[i]
    const payment = olderRows[n]
    const cents = Math.round(Number(payment.amount) * 100)
    const refunded = n % 3 === 0 ? cents : Math.max(100, Math.round(cents / 4))
    const re = `re_rb_${i}`
    Object.assign(line, {
      amount: -refunded, fee: 0, net: -refunded,
      source: { id: re, object: "refund", amount: refunded, charge: payment.external_id, payment_intent: payment.stripe_payment_intent_id, currency: "eur" },
    })
    if (n % 20 === 19) {
      exceptions.stripe_line_unrecorded++
      return
    }
    matches++
    refundRows.push({ id: `bref_rb_${i}`, payment_id: payment.id, amount: major(refunded), provider_refund_id: re, refunded_at: new Date(line.created * 1000) })
  })
  const payoutCents = lines.reduce((n, l) => n + l.net, 0)
  const arrival = start + txns * 7 + 2 * DAY
  const payout = { id: payoutId, object: "payout", amount: payoutCents, currency: "eur", status: "paid", arrival_date: arrival, created: arrival - DAY, method: "standard", type: "bank_account" }
  // The payout's own balance transaction, which Stripe lists with the payout's transactions.
  const payoutLine = {
    id: "txn_rb_payout", object: "balance_transaction", type: "payout", reporting_category: "payout", currency: "eur",
    amount: -payoutCents, fee: 0, net: -payoutCents, source: payoutId, created: start + txns * 7, available_on: start + txns * 7, status: "available", exchange_rate: null, payout: payoutId,
  }
  // Billing keeps the net it stored first and Stripe's later figures in `reported`; the payout's
  // total is checked against Stripe's current figures, so a changed fee is a fee exception only.
  const expected: StripeExpected = { lines: txns, matches, clean: matches - withException, exceptions, join }
  return { payout, balanceTransactions: [...lines, payoutLine], payments: [...paymentRows, ...olderRows], refunds: refundRows, storedEarlier, expected }
}

export type BankExpected = { lines: number; matched: number; payments_recorded: number; unmatched: number; outgoing: number }

/**
 * A bank statement of `count` lines over 60 days, with the bank-transfer payments billing recorded
 * and the open invoices customers pay. Of the lines: 70 % name a recorded payment's receipt number
 * (often a day or two later than recorded), 25 % carry no number but the only recorded payment of
 * that amount in the date window, 0.5 % name an open invoice (billing records their payments), 1.5 %
 * are money nobody recorded (exceptions) and 3 % are outgoing (bank fees, transfers).
 */
export function bankStatement(count: number, seed = 20260301) {
  const rand = random(seed)
  const start = Date.UTC(2026, 1, 1)
  const payments: PaymentRow[] = []
  const invoices: { id: string; number: string; customer_id: string; amount: string }[] = []
  const rows: { booked: Date; cents: number; text: string; reference: string; counterparty: string }[] = []
  const expected: BankExpected = { lines: count, matched: 0, payments_recorded: 0, unmatched: 0, outgoing: 0 }
  let unique = 0
  for (let k = 0; k < count; k++) {
    const r = rand()
    const day = Math.floor(rand() * 58)
    const received = new Date(start + day * DAY * 1000 + 36000_000)
    const booked = new Date(start + (day + Math.floor(rand() * 3)) * DAY * 1000)
    const customer = `cus_bank_${k % 4000}`
    const counterparty = `Kunde ${k % 4000} GmbH`
    if (r < 0.7) {
      const cents = 500 + Math.floor(rand() * 199500)
      const receipt = `RB-2026-${String(k).padStart(6, "0")}`
      payments.push({ id: `bpay_bank_${k}`, customer_id: customer, amount: major(cents), received_at: received, external_id: null, stripe_payment_intent_id: null, method: "bank_transfer", source: "manual", receipt_number: receipt })
      rows.push({ booked, cents, text: `SEPA-Gutschrift Zahlung ${receipt} Kd.Nr. ${k % 4000}`, reference: "NOTPROVIDED", counterparty })
      expected.matched++
    } else if (r < 0.95) {
      // Amounts that no other payment of the window has: 3,000.00 and up, a cent apart.
      const cents = 300000 + unique++
      payments.push({ id: `bpay_bank_${k}`, customer_id: customer, amount: major(cents), received_at: received, external_id: null, stripe_payment_intent_id: null, method: "bank_transfer", source: "manual", receipt_number: `RB-2026-${String(k).padStart(6, "0")}` })
      rows.push({ booked, cents, text: `SEPA-Gutschrift Ueberweisung Kd.Nr. ${k % 4000}`, reference: "NOTPROVIDED", counterparty })
      expected.matched++
    } else if (r < 0.955) {
      const cents = 1000 + Math.floor(rand() * 99000)
      const number = `INV-RB-${String(k).padStart(6, "0")}`
      invoices.push({ id: `inv_bank_${k}`, number, customer_id: customer, amount: major(cents) })
      rows.push({ booked, cents, text: `Rechnung ${number}`, reference: "NOTPROVIDED", counterparty })
      expected.matched++
      expected.payments_recorded++
    } else if (r < 0.97) {
      const cents = 600000 + unique++
      rows.push({ booked, cents, text: `Gutschrift ohne Angabe`, reference: "NOTPROVIDED", counterparty: `Unbekannt ${k}` })
      expected.unmatched++
    } else {
      const cents = -(100 + Math.floor(rand() * 5000))
      rows.push({ booked, cents, text: `Kontofuehrung / Lastschrift`, reference: "NOTPROVIDED", counterparty: "Bank" })
      expected.outgoing++
    }
  }
  rows.sort((a, b) => a.booked.getTime() - b.booked.getTime())
  const date = (d: Date) => `${String(d.getUTCDate()).padStart(2, "0")}.${String(d.getUTCMonth() + 1).padStart(2, "0")}.${d.getUTCFullYear()}`
  const amount = (cents: number) => `${cents < 0 ? "-" : ""}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, "0")}`
  const csv = [
    "Buchungstag;Betrag;Verwendungszweck;Referenz;Auftraggeber",
    ...rows.map((r) => [date(r.booked), amount(r.cents), r.text, r.reference, r.counterparty].join(";")),
  ].join("\r\n")
  const mapping = {
    delimiter: ";",
    date_column: "Buchungstag",
    date_format: "DD.MM.YYYY" as const,
    amount_column: "Betrag",
    decimal_separator: "," as const,
    description_columns: ["Verwendungszweck"],
    reference_column: "Referenz",
    counterparty_column: "Auftraggeber",
  }
  return { csv, mapping, payments, invoices, expected }
}

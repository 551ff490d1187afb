import { awaitsInvoiceTrigger, compareOrder, comparePayoutTotal, compareStripeLine, resolutionsFor, StripeLine } from "../reconciliation"

const order = (extra: Partial<Parameters<typeof compareOrder>[0]> = {}) => ({
  id: "order_1",
  display_id: 7,
  currency_code: "eur",
  expected_total: "29.6786",
  captures: [{ id: "capt_1", amount: "29.68" }],
  refunds: [],
  ...extra,
})
const invoice = (extra: Record<string, string> = {}) => ({ id: "inv_1", number: "INV-1", type: "invoice", origin: "order", total: "29.68", amount_paid: "29.68", allocated: "29.68", ...extra })

describe("three-way comparison of an order", () => {
  it("agrees when documents, payments and refunds say what Medusa says (totals rounded as documents are)", () => {
    const found = compareOrder(order(), { invoices: [invoice()], payments: [{ id: "bpay_1", external_id: "capt_1", source: "medusa", amount: "29.68" }], refunds: [] })
    expect(found.exceptions).toEqual([])
    expect(found.matches.map((m) => m.key)).toEqual(["order:order_1", "capture:capt_1"])
  })

  it("finds documents that do not add up, a paid amount its allocations do not explain, and money on one side only", () => {
    const found = compareOrder(
      order({ expected_total: "20", captures: [{ id: "capt_1", amount: "29.68" }, { id: "capt_2", amount: "5" }], refunds: [{ id: "ref_1", amount: "9.68" }] }),
      {
        invoices: [invoice({ allocated: "20" }), invoice({ id: "cn_1", number: "CN-1", type: "credit_note", origin: "order_change", total: "5", amount_paid: "0", allocated: "0" })],
        payments: [
          { id: "bpay_1", external_id: "capt_1", source: "medusa", amount: "29.60" },
          { id: "bpay_old", external_id: "capt_gone", source: "medusa", amount: "3" },
        ],
        refunds: [{ id: "bref_1", payment_id: "bpay_1", external_id: "ref_other", source: "medusa", amount: "1" }],
      }
    )
    expect(found.exceptions.map((e) => [e.type, e.expected_amount, e.actual_amount, e.difference])).toEqual([
      ["order_invoice_mismatch", "20", "24.68", "4.68"],
      ["invoice_paid_mismatch", "20", "29.68", "9.68"],
      ["capture_amount_mismatch", "29.68", "29.6", "-0.08"],
      ["capture_not_recorded", "5", "0", "-5"],
      ["payment_without_capture", "0", "3", "3"],
      ["refund_not_recorded", "9.68", "0", "-9.68"],
      ["refund_without_medusa_refund", "0", "1", "1"],
    ])
  })

  it("expects nothing of a canceled order without documents, and an invoice of one that has none", () => {
    expect(compareOrder(order({ expected_total: "0", captures: [] }), { invoices: [], payments: [], refunds: [] }).exceptions).toEqual([])
    const missing = compareOrder(order({ captures: [] }), { invoices: [], payments: [], refunds: [] })
    expect(missing.exceptions).toEqual([expect.objectContaining({ type: "order_not_invoiced", expected_amount: "29.68", links: { order_id: "order_1" } })])
    expect(resolutionsFor("order_not_invoiced")).toEqual(["create_invoice", "explain"])
  })

  it("expects no invoice yet of an order that has not reached the store's invoice trigger", () => {
    const unfulfilled = { fulfilled: false, captured: "0", total: "29.68" }
    expect(awaitsInvoiceTrigger("first_fulfillment", unfulfilled)).toBe(true)
    expect(awaitsInvoiceTrigger("first_fulfillment", { ...unfulfilled, fulfilled: true })).toBe(false)
    expect(awaitsInvoiceTrigger("fully_paid", { ...unfulfilled, captured: "29.67" })).toBe(true)
    expect(awaitsInvoiceTrigger("fully_paid", { ...unfulfilled, captured: "29.68" })).toBe(false)
    // On "order placed", and on "manual only" (invoices the merchant owes), every order expects one.
    expect(awaitsInvoiceTrigger("order_placed", unfulfilled)).toBe(false)
    expect(awaitsInvoiceTrigger("manual", unfulfilled)).toBe(false)
    expect(compareOrder(order({ captures: [], awaiting_invoice: true }), { invoices: [], payments: [], refunds: [] }).exceptions).toEqual([])
    // Waiting for its trigger excuses only the missing invoice, not a capture billing missed.
    expect(compareOrder(order({ awaiting_invoice: true }), { invoices: [], payments: [], refunds: [] }).exceptions.map((e) => e.type)).toEqual(["capture_not_recorded"])
  })

  it("counts a capture billing asked Medusa for (an order marked paid) as that billing payment", () => {
    const found = compareOrder(order({ captures: [{ id: "capt_9", amount: "29.68", created_by: "bpay_manual" }] }), {
      invoices: [invoice()],
      payments: [{ id: "bpay_manual", external_id: null, source: "manual", amount: "29.68" }],
      refunds: [],
    })
    expect(found.exceptions).toEqual([])
  })
})

describe("Stripe lines", () => {
  const line = (extra: Partial<StripeLine> = {}): StripeLine => ({
    id: "bsbt_1", external_id: "txn_1", type: "charge", source_id: "ch_1", currency_code: "eur", amount: "10", fee: "0.5", net: "9.5", payout_id: "po_1",
    reported: null, payment_id: "bpay_1", payment_amount: "10", payment_currency: "eur", refund_id: null, refund_amount: null, dispute_id: null, dispute_amount: null,
    ...extra,
  })

  it("matches a charge, a refund (negative at Stripe) and a dispute withdrawal to their records", () => {
    expect(compareStripeLine(line()).exceptions).toEqual([])
    expect(compareStripeLine(line({ type: "refund", source_id: "re_1", amount: "-4", fee: "0", net: "-4", refund_id: "bref_1", refund_amount: "4" })).match?.target_type).toBe("refund")
    expect(compareStripeLine(line({ type: "dispute", source_id: "dp_1", amount: "-10", fee: "15", net: "-25", dispute_id: "bdsp_1", dispute_amount: "10" })).exceptions).toEqual([])
  })

  it("matches a failed refund's money back to the refund billing has as failed, and reports one billing still counts as refunded", () => {
    const failure = (canceled: boolean) =>
      compareStripeLine(line({ type: "refund_failure", source_id: "re_1", amount: "4", fee: "0", net: "4", refund_id: "bref_1", refund_amount: "4", refund_canceled: canceled }))
    expect(failure(true)).toEqual({ match: expect.objectContaining({ target_type: "refund", target_id: "bref_1" }), exceptions: [] })
    expect(failure(false).exceptions.map((e) => [e.type, e.expected_amount, e.actual_amount])).toEqual([["stripe_amount_mismatch", "0", "4"]])
    const unknown = compareStripeLine(line({ type: "refund_failure", source_id: "re_9", amount: "4", fee: "0", net: "4", payment_id: null }))
    expect(unknown.exceptions.map((e) => [e.type, e.description])).toEqual([["stripe_line_unrecorded", "Stripe refund_failure re_9 (4 EUR) has no refund in billing."]])
  })

  it("does not compare amounts across currencies (an exchange rate applies), and sees a net that does not add up", () => {
    expect(compareStripeLine(line({ currency_code: "usd", amount: "11.2", fee: "0.6", net: "10.6" })).exceptions).toEqual([])
    expect(compareStripeLine(line({ net: "9.4" })).exceptions.map((e) => [e.type, e.actual_amount])).toEqual([["stripe_fee_mismatch", "0.6"]])
  })

  it("checks a payout's amount against its lines, the payout line itself aside", () => {
    const lines = [{ type: "charge", net: "9.5" }, { type: "refund", net: "-4" }, { type: "payout", net: "-5.5" }]
    expect(comparePayoutTotal({ external_id: "po_1", amount: "5.5", currency_code: "eur" }, lines)).toBeNull()
    expect(comparePayoutTotal({ external_id: "po_1", amount: "6", currency_code: "eur" }, lines)).toEqual(expect.objectContaining({ type: "payout_total_mismatch", difference: "-0.5" }))
  })
})

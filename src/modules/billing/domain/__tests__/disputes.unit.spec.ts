import fc from "fast-check"
import { MathBN } from "@medusajs/framework/utils"
import { planRefund, planRestore } from "../allocation"
import {
  DisputeTransaction,
  disputeMovements,
  disputeOutcome,
  disputeTargets,
  isNewerDisputeStatus,
  mergeDisputeTransactions,
} from "../disputes"

const withdrawal: DisputeTransaction = { id: "txn_w", amount: -2000, fee: 1500, currency: "eur", created: 1_700_000_100 }
const reinstatement: DisputeTransaction = { id: "txn_r", amount: 2000, fee: -1500, currency: "eur", created: 1_700_000_900 }

describe("dispute outcomes and statuses", () => {
  it("maps Stripe's statuses to open, won or lost", () => {
    expect(["warning_needs_response", "needs_response", "under_review", "warning_under_review"].map(disputeOutcome)).toEqual(["open", "open", "open", "open"])
    expect(["won", "warning_closed", "lost"].map(disputeOutcome)).toEqual(["won", "won", "lost"])
  })

  it("keeps the newest status; at the same second a closing status wins, so a dispute never reopens by delivery order", () => {
    const at = (s: number) => new Date(s * 1000)
    expect(isNewerDisputeStatus({ status: "needs_response", at: at(10) }, { status: "under_review", at: at(11) })).toBe(true)
    expect(isNewerDisputeStatus({ status: "won", at: at(11) }, { status: "under_review", at: at(10) })).toBe(false)
    expect(isNewerDisputeStatus({ status: "under_review", at: at(10) }, { status: "lost", at: at(10) })).toBe(true)
    expect(isNewerDisputeStatus({ status: "lost", at: at(10) }, { status: "under_review", at: at(10) })).toBe(false)
  })
})

describe("dispute movements", () => {
  it("adds up withdrawn and reinstated funds and the net fee from every transaction seen", () => {
    expect(disputeMovements({ amount: 2000, currency: "eur" }, {})).toEqual(
      expect.objectContaining({ withdrawn_at: null, reinstated_at: null, fee: "0", fee_currency_code: null })
    )
    const lost = disputeMovements({ amount: 2000, currency: "eur" }, mergeDisputeTransactions(null, [withdrawal]))
    expect([lost.withdrawn.toString(), lost.reinstated.toString(), lost.fee, lost.fee_currency_code]).toEqual(["20", "0", "15", "eur"])
    const won = disputeMovements({ amount: 2000, currency: "eur" }, mergeDisputeTransactions({ txn_r: reinstatement }, [withdrawal]))
    expect([won.withdrawn.toString(), won.reinstated.toString(), won.fee]).toEqual(["20", "20", "0"])
    expect(won.withdrawn_at).toEqual(new Date(withdrawal.created * 1000))
    expect(won.reinstated_at).toEqual(new Date(reinstatement.created * 1000))
  })

  it("uses the disputed amount in the charge's currency when Stripe settles in another currency", () => {
    const usdBalance = { txn_w: { ...withdrawal, amount: -1850, fee: 1500, currency: "usd" }, txn_r: { ...reinstatement, amount: 925, fee: 0, currency: "usd" } }
    const moved = disputeMovements({ amount: 1999, currency: "jpy" }, usdBalance)
    expect([moved.withdrawn.toString(), moved.reinstated.toString(), moved.fee, moved.fee_currency_code]).toEqual(["1999", "1000", "15", "usd"])
  })

  it("ends with the same amounts whatever the order and repetition of deliveries", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom([], [withdrawal], [withdrawal, reinstatement], [reinstatement]), { minLength: 1, maxLength: 6 }), (deliveries) => {
        let seen: Record<string, DisputeTransaction> = {}
        for (const txns of deliveries) seen = mergeDisputeTransactions(seen, txns)
        const all = mergeDisputeTransactions(null, deliveries.flat())
        expect(disputeMovements({ amount: 2000, currency: "eur" }, seen)).toEqual(disputeMovements({ amount: 2000, currency: "eur" }, all))
      })
    )
  })

  it("never withdraws more than the payment holds, nor less than before, and never reinstates more than was withdrawn", () => {
    expect(Object.values(disputeTargets({ withdrawn: 0, reinstated: 0 }, { withdrawn: 20, reinstated: 0 }, 12)).map(String)).toEqual(["12", "0"])
    expect(Object.values(disputeTargets({ withdrawn: 12, reinstated: 0 }, { withdrawn: 20, reinstated: 20 }, 0)).map(String)).toEqual(["12", "12"])
    expect(Object.values(disputeTargets({ withdrawn: 20, reinstated: 0 }, { withdrawn: 20, reinstated: 0 }, 0)).map(String)).toEqual(["20", "0"])
  })
})

describe("restoring allocations", () => {
  const allocation = (id: string, invoice: string, amount: string, original: string, created: string) => ({
    id, invoice_id: invoice, amount, original_amount: original, created_at: new Date(created),
  })

  it("refills what was taken, the oldest allocation first, at most what each invoice owes; the rest stays credit", () => {
    const allocations = [
      allocation("a_new", "inv_b", "0", "30", "2026-02-01"),
      allocation("a_old", "inv_a", "10", "50", "2026-01-01"),
    ]
    const owes = (id: string) => ({ inv_a: "25", inv_b: "30" } as Record<string, string>)[id]
    expect(planRestore(allocations, "60", owes)).toEqual([
      { allocation_id: "a_old", invoice_id: "inv_a", amount: "25" },
      { allocation_id: "a_new", invoice_id: "inv_b", amount: "30" },
    ])
    expect(planRestore(allocations, "10", owes)).toEqual([{ allocation_id: "a_old", invoice_id: "inv_a", amount: "10" }])
  })

  it("undoes a release exactly when nothing else changed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 30000 }),
        (amounts, credit, take) => {
          const allocations = amounts.map((a, i) => allocation(`a_${i}`, `inv_${i}`, String(a / 100), String(a / 100), `2026-01-0${i + 1}`))
          const payment = {
            id: "p", customer_id: "c", currency_code: "eur",
            amount: MathBN.sum(credit / 100, ...amounts.map((a) => a / 100)), amount_allocated: MathBN.sum(0, ...amounts.map((a) => a / 100)), amount_refunded: 0,
          }
          const taken = planRefund(payment, allocations, take / 100)
          const after = allocations.map((a) => {
            const t = taken.find((r) => r.allocation_id === a.id)
            return { ...a, amount: t ? MathBN.sub(a.amount, t.amount).toString() : a.amount }
          })
          const owes = (invoiceId: string) => {
            const a = after.find((x) => x.invoice_id === invoiceId)!
            return MathBN.sub(a.original_amount, a.amount)
          }
          const total = MathBN.sum(0, ...taken.map((t) => t.amount))
          const given = planRestore(after, total, owes)
          expect(given.map((g) => [g.allocation_id, g.amount]).sort()).toEqual(taken.map((t) => [t.allocation_id, t.amount]).sort())
        }
      )
    )
  })
})

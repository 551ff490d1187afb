import { agingBuckets, bucketOf } from "../collections"
import {
  bucketThresholds,
  checkAsOf,
  daysSalesOutstanding,
  lastDayOfMonth,
  monthsOf,
  parseAgingBounds,
  ratio,
  reportBounds,
  reportPeriod,
} from "../reports"

describe("aging bounds of a report", () => {
  it("reads ascending whole days from a query string", () => {
    expect(parseAgingBounds("30,60,90")).toEqual([30, 60, 90])
    expect(parseAgingBounds(" 15, 45 ")).toEqual([15, 45])
  })

  it("refuses bounds out of order, zero, fractions, words or none, saying what it got", () => {
    for (const bad of ["60,30", "0,30", "30,30", "7.5", "thirty", "", "30,,60", "-30"]) {
      expect(() => parseAgingBounds(bad)).toThrow(`Aging buckets are whole days in ascending order, e.g. 30,60,90; got ${bad || "none"}.`)
    }
  })

  it("takes the query's bounds, else the store's, else 30, 60, 90 (ignoring a broken stored list)", () => {
    expect(reportBounds([10], { collections: { aging_buckets: [30] } })).toEqual([10])
    expect(reportBounds(undefined, { collections: { aging_buckets: [15, 45] } })).toEqual([15, 45])
    expect(reportBounds(undefined, { collections: { aging_buckets: [45, 15] } })).toEqual([30, 60, 90])
    expect(reportBounds(undefined, null)).toEqual([30, 60, 90])
  })

  it("gives SQL's width_bucket the lower bound of each overdue bucket, so index i is bucket i", () => {
    const buckets = agingBuckets([30, 60, 90])
    const thresholds = bucketThresholds(buckets)
    expect(thresholds).toEqual([1, 31, 61, 91])
    // width_bucket(d, thresholds) = how many thresholds are ≤ d.
    const widthBucket = (d: number) => thresholds.filter((t) => t <= d).length
    for (const days of [-10, 0, 1, 30, 31, 60, 61, 90, 91, 400]) {
      expect(buckets[widthBucket(days)]).toBe(bucketOf(days, buckets))
    }
  })
})

describe("report days and periods", () => {
  it("refuses an as-of day after today", () => {
    expect(() => checkAsOf("2026-07-01", "2026-06-30", "Asia/Shanghai")).toThrow("The as-of date 2026-07-01 is in the future (today is 2026-06-30 in Asia/Shanghai).")
    expect(() => checkAsOf("2026-06-30", "2026-06-30", "UTC")).not.toThrow()
  })

  it("defaults to twelve months up to today, the current one to date", () => {
    expect(reportPeriod({}, "2026-11-29")).toEqual({ from: "2025-12-01", to: "2026-11-29", clamped: false, days: 364 })
    expect(reportPeriod({}, "2026-01-15").from).toBe("2025-02-01")
  })

  it("cuts a period ending after today at today, and refuses one that ends before it starts", () => {
    expect(reportPeriod({ from: "2026-11-01", to: "2026-12-31" }, "2026-11-29")).toEqual({ from: "2026-11-01", to: "2026-11-29", clamped: true, days: 29 })
    expect(() => reportPeriod({ from: "2026-03-01", to: "2026-02-01" }, "2026-11-29")).toThrow("The period ends (2026-02-01) before it starts (2026-03-01).")
    expect(() => reportPeriod({ from: "2026-12-01" }, "2026-11-29")).toThrow(/after today/)
  })

  it("lists the months a period touches, across a year end", () => {
    expect(monthsOf("2025-11-15", "2026-02-03")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"])
    expect(monthsOf("2026-02-01", "2026-02-28")).toEqual(["2026-02"])
    expect(lastDayOfMonth("2024-02")).toBe("2024-02-29")
    expect(lastDayOfMonth("2026-12")).toBe("2026-12-31")
  })
})

describe("ratios", () => {
  it("computes DSO exactly, null when nothing was invoiced", () => {
    expect(daysSalesOutstanding("50", "100", 30)).toBe("15")
    expect(daysSalesOutstanding("0.1", "0.3", 90)).toBe("30")
    expect(daysSalesOutstanding("10", "0", 30)).toBeNull()
    expect(daysSalesOutstanding("10", "-5", 30)).toBeNull()
  })

  it("gives a share to four places, null without a whole", () => {
    expect(ratio("1", "3")).toBe("0.3333")
    expect(ratio("2", "2")).toBe("1")
    expect(ratio("1", "0")).toBeNull()
  })
})

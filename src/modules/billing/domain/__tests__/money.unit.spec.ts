import {
  currencyDecimals,
  formatAmount,
  fromMinorUnits,
  roundAmount,
  stripeChargeableMinorUnits,
  toMinorUnits,
} from "../money"

describe("money", () => {
  it("knows the minor unit of two-, zero- and three-decimal currencies", () => {
    expect(currencyDecimals("eur")).toBe(2)
    expect(currencyDecimals("USD")).toBe(2)
    expect(currencyDecimals("jpy")).toBe(0)
    expect(currencyDecimals("krw")).toBe(0)
    expect(currencyDecimals("kwd")).toBe(3)
    expect(currencyDecimals("bhd")).toBe(3)
  })

  it("rounds half away from zero to the currency's minor unit", () => {
    expect(formatAmount(29.6786, "eur")).toBe("29.68")
    expect(formatAmount(109.956, "eur")).toBe("109.96")
    expect(formatAmount(0.005, "eur")).toBe("0.01")
    expect(formatAmount(-0.005, "eur")).toBe("-0.01")
    expect(formatAmount(0.0049, "eur")).toBe("0.00")
    expect(formatAmount(2748.5, "jpy")).toBe("2749")
    expect(formatAmount(6981.7, "jpy")).toBe("6982")
    expect(formatAmount("1.2345", "kwd")).toBe("1.235")
  })

  it("keeps exact decimals where floating point would drift", () => {
    // 0.1 + 0.2 in floating point is 0.30000000000000004
    expect(roundAmount("0.1", "eur").plus("0.2").toFixed(2)).toBe("0.30")
    expect(formatAmount("12345678901234.565", "eur")).toBe("12345678901234.57")
  })

  it("converts to and from Stripe's minor units per currency", () => {
    expect(toMinorUnits(19.99, "eur")).toBe(1999)
    expect(toMinorUnits(500, "jpy")).toBe(500)
    expect(toMinorUnits("1.250", "kwd")).toBe(1250)
    expect(toMinorUnits(29.6786, "eur")).toBe(2968)
    expect(fromMinorUnits(1999, "eur")).toBe("19.99")
    expect(fromMinorUnits(500, "jpy")).toBe("500")
    expect(fromMinorUnits(1250, "kwd")).toBe("1.250")
  })

  it("charges through Stripe what Stripe can charge: three-decimal currencies in steps of 10 minor units, rounded up", () => {
    expect(stripeChargeableMinorUnits("17.78", "eur")).toBe(1778)
    expect(stripeChargeableMinorUnits("6982", "jpy")).toBe(6982)
    expect(stripeChargeableMinorUnits("7.625", "kwd")).toBe(7630)
    expect(stripeChargeableMinorUnits("7.620", "kwd")).toBe(7620)
    expect(stripeChargeableMinorUnits("0.001", "bhd")).toBe(10)
    expect(fromMinorUnits(7630, "kwd")).toBe("7.630")
  })
})

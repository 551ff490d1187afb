import fc from "fast-check"
import { formatDocumentNumber, numberPeriod, validateNumberFormat } from "../numbering"

describe("document numbering", () => {
  const date = new Date("2026-03-09T10:00:00Z")

  it("formats year, month and a padded sequence", () => {
    expect(formatDocumentNumber("INV-{YYYY}-{SEQ:6}", 123, date)).toBe("INV-2026-000123")
    expect(formatDocumentNumber("CN/{YY}{MM}/{SEQ:4}", 7, date)).toBe("CN/2603/0007")
    expect(formatDocumentNumber("R{SEQ}", 1234567, date)).toBe("R1234567")
  })

  it("never pads a sequence shorter than it is", () => {
    expect(formatDocumentNumber("INV-{SEQ:3}", 12345, date)).toBe("INV-12345")
  })

  it("refuses a sequence below 1", () => {
    expect(() => formatDocumentNumber("INV-{SEQ}", 0, date)).toThrow("starts at 1")
  })

  it("gives each period its own counter key", () => {
    expect(numberPeriod("yearly", date)).toBe("2026")
    expect(numberPeriod("monthly", date)).toBe("2026-03")
    expect(numberPeriod("never", date)).toBe("all")
  })

  it("accepts the default formats and explains bad ones", () => {
    expect(validateNumberFormat("INV-{YYYY}-{SEQ:6}", "yearly")).toBeNull()
    expect(validateNumberFormat("INV-{SEQ:6}", "never")).toBeNull()
    expect(validateNumberFormat("INV-{YYYY}", "yearly")).toMatch(/exactly one \{SEQ\}/)
    expect(validateNumberFormat("INV-{SEQ}-{SEQ}", "never")).toMatch(/exactly one/)
    expect(validateNumberFormat("INV-{DD}-{SEQ}", "never")).toMatch(/Unknown placeholder \{DD\}/)
    expect(validateNumberFormat("INV-{SEQ}", "yearly")).toMatch(/restarts every year/)
    expect(validateNumberFormat("INV-{YYYY}-{SEQ}", "monthly")).toMatch(/restarts every month/)
    expect(validateNumberFormat("INV<{SEQ}>", "never")).toMatch(/may only contain/)
  })

  it("gives distinct numbers to distinct sequences of the same period (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (a, b) => {
        fc.pre(a !== b)
        return formatDocumentNumber("INV-{YYYY}-{SEQ:6}", a, date) !== formatDocumentNumber("INV-{YYYY}-{SEQ:6}", b, date)
      })
    )
  })
})

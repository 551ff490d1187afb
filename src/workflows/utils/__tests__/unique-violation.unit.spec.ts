import { isUniqueViolation } from "../unique-violation"

describe("isUniqueViolation", () => {
  it("recognises a unique constraint's refusal however it is worded, and nothing else", () => {
    expect(isUniqueViolation({ code: "23505", message: "x" })).toBe(true)
    expect(isUniqueViolation(new Error('duplicate key value violates unique constraint "IDX_billing_payment_refund_external_id"'))).toBe(true)
    expect(isUniqueViolation(new Error("PaymentRefund with external_id: re_123, already exists."))).toBe(true)
    expect(isUniqueViolation(new Error("Payment pay_1 was not found"))).toBe(false)
    expect(isUniqueViolation({ code: "40001", message: "could not serialize access" })).toBe(false)
    expect(isUniqueViolation(null)).toBe(false)
  })
})

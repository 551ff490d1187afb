/**
 * The chart of accounts the journal export books to: one code per role. Merchants set their own
 * codes in Settings → Billing (`account_codes`); missing ones take these defaults, which follow
 * a common numbering (assets 1xxx, liabilities 2xxx, revenue 4xxx, expenses 6xxx).
 */
export const DEFAULT_ACCOUNT_CODES = {
  /** Trade receivables: what customers owe (debit) net of their unapplied credit. */
  receivable: "1200",
  /** Money on a collection account without its own code (bank, cash, Alipay…). */
  cash: "1000",
  /** The Stripe balance: card payments land here before a payout moves them to the bank. */
  stripe_clearing: "1010",
  /** Sales of goods, net of discounts and tax. */
  revenue: "4000",
  /** Shipping charged to customers, net of tax. */
  shipping: "4010",
  /** Output tax (VAT, sales tax) collected for the tax authority. */
  tax: "2200",
  /** The rounding line of documents, and rounding write-offs. */
  rounding: "6990",
  /** Stripe's fees (charges, disputes). */
  stripe_fees: "6100",
  /** Bank charges a customer's transfer arrived short of (write-offs with reason "fee"). */
  bank_fees: "6110",
  /** Exchange differences (write-offs with reason "fx"). */
  fx: "6900",
  /** Bad debt, small balances and settlements written off. */
  write_off: "6800",
} as const

export type AccountRole = keyof typeof DEFAULT_ACCOUNT_CODES
export const ACCOUNT_ROLES = Object.keys(DEFAULT_ACCOUNT_CODES) as AccountRole[]
export type AccountCodes = Record<AccountRole, string>

/** The merchant's codes over the defaults. */
export function accountCodes(custom?: Partial<Record<string, string | null>> | null): AccountCodes {
  const codes = { ...DEFAULT_ACCOUNT_CODES } as AccountCodes
  for (const role of ACCOUNT_ROLES) {
    const code = custom?.[role]
    if (code) codes[role] = code
  }
  return codes
}

/** The account a write-off is booked to, by its reason. */
export function writeOffAccount(reason: string): AccountRole {
  return reason === "fee" ? "bank_fees" : reason === "fx" ? "fx" : reason === "rounding" ? "rounding" : "write_off"
}

/**
 * Exact amounts in the admin's forms: decimal strings become whole numbers of the currency's
 * minor unit (BigInt), so checking "not above what is due" never goes through floating point.
 * The server rounds and checks again; this only keeps people from sending what it would refuse.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/

/** Decimals of the currency's minor unit from Intl's ISO 4217 data: EUR 2, JPY 0, KWD 3. */
export function currencyDecimals(currencyCode: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: currencyCode.toUpperCase() }).resolvedOptions()
      .maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/**
 * "12.5" EUR → 1250n. Null when the text is not a plain decimal or has more decimals than
 * the currency ("10.005" EUR, "1.5" JPY).
 */
export function toMinor(value: string | number | null | undefined, currencyCode: string): bigint | null {
  const match = String(value ?? "").trim().match(DECIMAL)
  if (!match) return null
  const [, sign, whole, fraction = ""] = match
  const decimals = currencyDecimals(currencyCode)
  if (fraction.replace(/0+$/, "").length > decimals) return null
  const minor = BigInt(whole + fraction.padEnd(decimals, "0").slice(0, decimals))
  return sign ? -minor : minor
}

/** 1250n EUR → "12.50": the exact decimal string the API accepts. */
export function fromMinor(minor: bigint, currencyCode: string): string {
  const decimals = currencyDecimals(currencyCode)
  const negative = minor < 0n
  const digits = (negative ? -minor : minor).toString().padStart(decimals + 1, "0")
  const text = decimals ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits
  return negative ? `-${text}` : text
}

/** True when the amount is above zero. */
export const isPositive = (value: string | number | null | undefined, currencyCode: string) =>
  (toMinor(value, currencyCode) ?? 0n) > 0n

import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"

/**
 * Money rules shared by every billing document.
 *
 * Medusa stores amounts in major units (10.99 EUR), possibly with more decimals than the
 * currency has once taxes are computed (29.6786 EUR). Billing documents only ever hold
 * amounts in the currency's minor unit; this file is the one place that knows how many
 * decimals a currency has and how an amount is rounded to them.
 */

/** ISO 4217 currencies whose minor unit is not 1/100. Everything else has two decimals. */
const NON_TWO_DECIMAL_CURRENCIES: Record<string, number> = {
  // zero-decimal
  bif: 0, clp: 0, djf: 0, gnf: 0, isk: 0, jpy: 0, kmf: 0, krw: 0, pyg: 0,
  rwf: 0, ugx: 0, vnd: 0, vuv: 0, xaf: 0, xof: 0, xpf: 0,
  // three-decimal
  bhd: 3, iqd: 3, jod: 3, kwd: 3, lyd: 3, omr: 3, tnd: 3,
}

/** bignumber.js rounding mode 4: to the nearest neighbour, ties away from zero. */
const ROUND_HALF_UP = 4

export type Amount = ReturnType<typeof MathBN.convert>

/** Number of decimals of the currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyDecimals(currencyCode: string): number {
  return NON_TWO_DECIMAL_CURRENCIES[currencyCode.toLowerCase()] ?? 2
}

/**
 * Rounds an amount to the currency's minor unit, half away from zero
 * (29.6786 EUR → 29.68, -0.005 EUR → -0.01, 2748.5 JPY → 2749).
 */
export function roundAmount(value: BigNumberInput | Amount, currencyCode: string): Amount {
  return MathBN.convert(value as BigNumberInput).decimalPlaces(currencyDecimals(currencyCode), ROUND_HALF_UP)
}

/** Sum of amounts, exact. */
export function sumAmounts(values: (BigNumberInput | Amount)[]): Amount {
  // A loop, not MathBN.sum(...values): spreading a hundred thousand amounts overflows the stack.
  let sum = MathBN.convert(0)
  for (const value of values) sum = MathBN.add(sum, value as BigNumberInput)
  return sum
}

/** Amount in the currency's minor unit as an integer (19.99 EUR → 1999, 500 JPY → 500). */
export function toMinorUnits(value: BigNumberInput | Amount, currencyCode: string): number {
  const rounded = roundAmount(value, currencyCode)
  return rounded.shiftedBy(currencyDecimals(currencyCode)).toNumber()
}

/** Minor units back to major units as an exact decimal string (1999 EUR → "19.99"). */
export function fromMinorUnits(minor: number | string, currencyCode: string): string {
  const decimals = currencyDecimals(currencyCode)
  return MathBN.convert(minor).shiftedBy(-decimals).toFixed(decimals)
}

/**
 * What Stripe can charge for an amount due, in minor units: the amount itself, except that Stripe
 * charges three-decimal currencies (KWD, BHD, JOD, OMR, TND) only in multiples of 10 minor units,
 * so 7.625 KWD (7625) is charged as 7.630 (7630). Rounded up: the customer never pays less than
 * they owe; the difference becomes their credit.
 */
export function stripeChargeableMinorUnits(value: BigNumberInput | Amount, currencyCode: string): number {
  const minor = toMinorUnits(value, currencyCode)
  return currencyDecimals(currencyCode) === 3 ? Math.ceil(minor / 10) * 10 : minor
}

/** An amount as a fixed decimal string with exactly the currency's decimals ("29.68", "2749", "1.250"). */
export function formatAmount(value: BigNumberInput | Amount, currencyCode: string): string {
  return roundAmount(value, currencyCode).toFixed(currencyDecimals(currencyCode))
}

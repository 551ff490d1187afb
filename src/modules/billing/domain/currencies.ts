/** ISO 4217 codes this runtime knows (Intl's list), lower-case as Medusa stores them. */
const KNOWN = new Set(
  (Intl as unknown as { supportedValuesOf(key: "currency"): string[] }).supportedValuesOf("currency").map((c) => c.toLowerCase())
)

export function isKnownCurrency(code: string | null | undefined): boolean {
  return !!code && KNOWN.has(code.toLowerCase())
}

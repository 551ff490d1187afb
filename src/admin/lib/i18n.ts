import { useTranslation } from "react-i18next"

/**
 * The one translation layer of the billing screens: strings come from `src/admin/i18n`
 * (English and Simplified Chinese) and follow the admin user's language; amounts and
 * dates are formatted for that language too.
 */
export function useBillingTranslation() {
  const { t, i18n } = useTranslation()
  const locale = i18n.language?.startsWith("zh") ? "zh-CN" : "en-US"

  /** Formats an exact decimal string from the API; never does arithmetic on it. */
  const formatMoney = (amount: string | number | null | undefined, currencyCode: string) => {
    if (amount === null || amount === undefined) return "–"
    const formatter = new Intl.NumberFormat(locale, { style: "currency", currency: currencyCode.toUpperCase() })
    // Intl accepts decimal strings exactly (no float rounding on the way).
    return formatter.format(String(amount) as unknown as number)
  }

  const formatDate = (value: string | Date | null | undefined) =>
    value ? new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric" }).format(new Date(value)) : "–"

  /** The list footer ("1 — 20 of 45 results") in the dashboard's own words. */
  const pagination = {
    of: t("general.of"),
    results: t("general.results"),
    pages: t("general.pages"),
    prev: t("general.prev"),
    next: t("general.next"),
  }

  return { t, i18n, locale, formatMoney, formatDate, pagination }
}

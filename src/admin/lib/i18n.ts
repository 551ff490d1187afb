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

  /** A short amount for chart labels ("€1.2K", "¥3万"); the exact one is in the tables beside it. */
  const formatMoneyCompact = (amount: string | number | null | undefined, currencyCode: string) => {
    if (amount === null || amount === undefined) return "–"
    const formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: currencyCode.toUpperCase(),
      notation: "compact",
      maximumFractionDigits: 1,
    })
    return formatter.format(String(amount) as unknown as number)
  }

  /** A ratio from the API (0.25, or "0.25") as "25%"; null as "–". */
  const formatPercent = (ratio: string | number | null | undefined) =>
    ratio === null || ratio === undefined || ratio === ""
      ? "–"
      : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(Number(ratio))

  /** An aging bucket's name from its bounds: "Current", "1–30 days", "Over 90 days". */
  const bucketLabel = (bucket: { from: number | null; to: number | null }) => {
    if (bucket.to !== null && bucket.to <= 0) return t("billing.reports.aging.current")
    if (bucket.to === null) return t("billing.reports.aging.over", { days: (bucket.from ?? 1) - 1 })
    return t("billing.reports.aging.range", { from: bucket.from ?? 1, to: bucket.to })
  }

  /** "1 day" / "3 days": `key` for many, `${key}One` (or the given singular key) for one; {{days}} is the number. */
  const dayCount = (key: string, days: number, singular = `${key}One`) => t(days === 1 ? singular : key, { days })

  /** The list footer ("1 — 20 of 45 results") in the dashboard's own words. */
  const pagination = {
    of: t("general.of"),
    results: t("general.results"),
    pages: t("general.pages"),
    prev: t("general.prev"),
    next: t("general.next"),
  }

  return { t, i18n, locale, formatMoney, formatMoneyCompact, formatPercent, formatDate, bucketLabel, dayCount, pagination }
}

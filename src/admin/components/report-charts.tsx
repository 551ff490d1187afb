import { Container, Heading, Text } from "@medusajs/ui"
import { useBillingTranslation } from "../lib/i18n"
import type { AgingReport, CollectionsReport } from "../lib/reports"
import { agingColor, BarChart, CHART_COLORS, GroupedBarChart } from "./charts"

type AgingCurrency = AgingReport["currencies"][number]

/** One currency's receivables by age: total, credit, and a bar per bucket (a click opens that bucket). */
export const AgingCurrencyCard = ({
  report,
  currency,
  onBucketClick,
}: {
  report: Pick<AgingReport, "buckets">
  currency: AgingCurrency
  onBucketClick?: (bucket: string) => void
}) => {
  const { t, formatMoney, formatMoneyCompact, bucketLabel } = useBillingTranslation()
  const code = currency.currency_code
  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid={`aging-currency-${code}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Heading level="h2">{code.toUpperCase()}</Heading>
        <div className="flex gap-x-6">
          <div className="flex flex-col items-end">
            <Text size="xsmall" className="text-ui-fg-subtle">{t("billing.reports.aging.total")}</Text>
            <Text size="small" weight="plus" data-testid="aging-total">{formatMoney(currency.total, code)}</Text>
          </div>
          <div className="flex flex-col items-end">
            <Text size="xsmall" className="text-ui-fg-subtle">{t("billing.reports.aging.credit")}</Text>
            <Text size="small">{formatMoney(currency.credit, code)}</Text>
          </div>
        </div>
      </div>
      <BarChart
        testId={`aging-chart-${code}`}
        ariaLabel={t("billing.reports.aging.chart", { currency: code.toUpperCase() })}
        bars={report.buckets.map((bucket, i) => ({
          key: bucket.key,
          label: bucketLabel(bucket),
          value: currency.buckets[bucket.key] ?? 0,
          display: formatMoneyCompact(currency.buckets[bucket.key] ?? 0, code),
          color: agingColor(i, report.buckets.length),
          onClick: onBucketClick ? () => onBucketClick(bucket.key) : undefined,
        }))}
      />
    </Container>
  )
}

/** Months of one currency: what was invoiced and what was collected, side by side. */
export const TrendChart = ({ trend, currency }: { trend: CollectionsReport["trend"]; currency: string }) => {
  const { t, locale, formatMoney } = useBillingTranslation()
  const months = trend.filter((p) => p.currency_code === currency).sort((a, b) => a.month.localeCompare(b.month))
  const monthLabel = (month: string) =>
    new Intl.DateTimeFormat(locale, { month: "short", ...(month.slice(5, 7) === "01" ? { year: "2-digit" } : {}) }).format(
      new Date(`${month.slice(0, 7)}-01T00:00:00`)
    )
  return (
    <GroupedBarChart
      testId={`trend-chart-${currency}`}
      ariaLabel={t("billing.reports.collections.trend", { currency: currency.toUpperCase() })}
      series={[
        { name: t("billing.reports.collections.invoiced"), color: CHART_COLORS.blue },
        { name: t("billing.reports.collections.collected"), color: CHART_COLORS.green },
      ]}
      points={months.map((p) => ({
        key: p.month,
        label: monthLabel(p.month),
        series: [
          { value: p.invoiced, display: formatMoney(p.invoiced, currency) },
          { value: p.collected, display: formatMoney(p.collected, currency) },
        ],
      }))}
    />
  )
}

/** A labelled figure of a report ("DSO 34 days"). */
export const Stat = ({ label, value, testId, tone }: { label: string; value: string; testId?: string; tone?: "error" }) => (
  <div className="flex flex-col" data-testid={testId}>
    <Text size="xsmall" className="text-ui-fg-subtle">{label}</Text>
    <Text size="large" weight="plus" className={tone === "error" ? "text-ui-fg-error" : undefined}>{value}</Text>
  </div>
)

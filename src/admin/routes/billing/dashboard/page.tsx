import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowRight } from "@medusajs/icons"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useFormatDso } from "../../../components/collections-report"
import { NoAccess } from "../../../components/no-access"
import { AgingCurrencyCard, Stat, TrendChart } from "../../../components/report-charts"
import { TitleBlock } from "../../../components/section-header"
import { useCollectionsQueue } from "../../../lib/collections"
import { useBillingTranslation } from "../../../lib/i18n"
import { fromMinor, toMinor } from "../../../lib/money"
import { useBillingPermissions } from "../../../lib/permissions"
import { AgingReport, monthStart, todayDay, useAgingReport, useCollectionsReport } from "../../../lib/reports"

/** What is overdue of a currency's aging: every bucket but "not yet due", summed exactly. */
function overdueOf(report: AgingReport, currency: AgingReport["currencies"][number]) {
  const code = currency.currency_code
  const minor = report.buckets
    .filter((b) => !(b.to !== null && b.to <= 0))
    .reduce((sum, b) => sum + (toMinor(currency.buckets[b.key] ?? 0, code) ?? 0n), 0n)
  return fromMinor(minor, code)
}

/** A dashboard section's title, with the link to the report it summarises. */
const SectionHeading = ({ title, to, linkLabel, className = "" }: { title: string; to: string; linkLabel: string; className?: string }) => (
  <div className={`flex items-center justify-between ${className}`.trim()}>
    <Heading level="h2">{title}</Heading>
    <Link to={to} className="text-ui-fg-interactive text-sm">{linkLabel}</Link>
  </div>
)

/**
 * Billing → Dashboard: receivables at a glance — open and overdue per currency, days sales
 * outstanding, promises kept, aging as of today, the last twelve months collected, and the way to
 * the collections queue.
 */
const BillingDashboardPage = () => {
  const { t, formatMoney, formatPercent } = useBillingTranslation()
  const formatDso = useFormatDso()
  const today = todayDay()
  const aging = useAgingReport({ as_of: today, limit: 1, offset: 0 })
  const collections = useCollectionsReport({ from: monthStart(11), to: today })
  const queue = useCollectionsQueue({ limit: 1, offset: 0 })
  const error = aging.error ?? collections.error
  const currencies = [
    ...new Set([...(aging.data?.currencies ?? []).map((c) => c.currency_code), ...(collections.data?.currencies ?? []).map((c) => c.currency_code)]),
  ]
  const promises = collections.data?.promises
  const { canRead } = useBillingPermissions()

  if (!canRead("billing_report")) return <NoAccess what="dashboard" />

  return (
    <div className="flex flex-col gap-y-3" data-testid="billing-dashboard-page">
      <Container className="flex flex-col items-start justify-between gap-3 px-6 py-4 md:flex-row md:items-center">
        <TitleBlock title={t("billing.dashboard.title")} hint={t("billing.dashboard.subtitle")} />
        <Button size="small" variant="secondary" asChild>
          <Link to="/billing/collections" data-testid="dashboard-queue-link">
            {queue.data ? t("billing.dashboard.queue", { count: queue.data.count }) : t("billing.collections.nav")}
            <ArrowRight />
          </Link>
        </Button>
      </Container>
      {error && (
        <Container className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">{t("billing.errors.load", { message: error.message })}</Text>
        </Container>
      )}

      <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-4" data-testid="dashboard-headlines">
        {currencies.map((code) => {
          const a = aging.data?.currencies.find((c) => c.currency_code === code)
          const c = collections.data?.currencies.find((x) => x.currency_code === code)
          const overdue = a && aging.data ? overdueOf(aging.data, a) : null
          return (
            <Container key={code} className="flex flex-col gap-y-3 px-6 py-4" data-testid={`dashboard-figures-${code}`}>
              <Text size="small" weight="plus">{code.toUpperCase()}</Text>
              <div className="grid grid-cols-3 gap-3">
                <Stat label={t("billing.dashboard.open")} value={a ? formatMoney(a.total, code) : "–"} testId="dashboard-open" />
                <Stat
                  label={t("billing.dashboard.overdue")}
                  value={overdue !== null ? formatMoney(overdue, code) : "–"}
                  tone={overdue !== null && Number(overdue) > 0 ? "error" : undefined}
                  testId="dashboard-overdue"
                />
                <Stat label={t("billing.reports.collections.dso")} value={formatDso(c?.dso)} testId="dashboard-dso" />
              </div>
            </Container>
          )
        })}
        {promises && (
          <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="dashboard-promises">
            <Text size="small" weight="plus">{t("billing.dashboard.promises")}</Text>
            <div className="grid grid-cols-3 gap-3">
              <Stat label={t("billing.reports.collections.keptRatio")} value={formatPercent(promises.kept_ratio)} testId="dashboard-kept-ratio" />
              <Stat label={t("billing.dashboard.keptOfMade")} value={`${promises.kept} / ${promises.made}`} />
              <Stat label={t("billing.collections.promiseStatus.broken")} value={String(promises.broken)} tone={promises.broken ? "error" : undefined} />
            </div>
          </Container>
        )}
      </div>

      {aging.data && aging.data.currencies.length > 0 && (
        <div className="flex flex-col gap-y-2" data-testid="dashboard-aging">
          <SectionHeading title={t("billing.dashboard.agingToday")} to="/billing/reports" linkLabel={t("billing.dashboard.openAging")} className="px-1" />
          <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
            {aging.data.currencies.map((c) => (
              <AgingCurrencyCard key={c.currency_code} report={aging.data!} currency={c} />
            ))}
          </div>
        </div>
      )}

      {collections.data && collections.data.currencies.length > 0 && (
        <Container className="flex flex-col gap-y-4 px-6 py-4" data-testid="dashboard-trend">
          <SectionHeading title={t("billing.dashboard.trend")} to="/billing/reports?tab=collections" linkLabel={t("billing.dashboard.openCollections")} />
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            {collections.data.currencies.map((c) => (
              <div key={c.currency_code} className="flex flex-col gap-y-1">
                <Text size="small" weight="plus">{c.currency_code.toUpperCase()}</Text>
                <TrendChart trend={collections.data!.trend} currency={c.currency_code} />
              </div>
            ))}
          </div>
        </Container>
      )}
      {!aging.isLoading && !collections.isLoading && !error && !currencies.length && (
        <Container className="px-6 py-6">
          <Text size="small" className="text-ui-fg-subtle">{t("billing.dashboard.empty")}</Text>
        </Container>
      )}
    </div>
  )
}

export const config = defineRouteConfig({
  label: "billing.dashboard.nav",
  translationNs: "translation",
  rank: 0,
})

export default BillingDashboardPage

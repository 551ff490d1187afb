import { Container, Heading, Input, Text } from "@medusajs/ui"
import { useState } from "react"
import { useBillingTranslation } from "../lib/i18n"
import { monthStart, todayDay, useCollectionsReport } from "../lib/reports"
import { Field } from "./field"
import { Stat, TrendChart } from "./report-charts"
import { TitleBlock } from "./section-header"

/** DSO in whole days ("34 days"), or "–" when nothing was invoiced. */
export function useFormatDso() {
  const { dayCount } = useBillingTranslation()
  return (dso: number | string | null | undefined) =>
    dso === null || dso === undefined || dso === "" ? "–" : dayCount("billing.collections.days", Math.round(Number(dso)), "billing.collections.day")
}

/**
 * Billing → Reports → Collections: per currency what was invoiced and collected in a period, days
 * sales outstanding and the overdue share at its end; promises made, kept and broken; month by month.
 */
export const CollectionsReportTab = () => {
  const { t, formatMoney, formatPercent } = useBillingTranslation()
  const formatDso = useFormatDso()
  const [from, setFrom] = useState(monthStart(11))
  const [to, setTo] = useState(todayDay())
  const { data: report, error, isLoading } = useCollectionsReport({ from, to })
  const promises = report?.promises

  return (
    <div className="flex flex-col gap-y-3" data-testid="collections-report">
      <Container className="flex flex-col gap-y-3 px-6 py-4">
        <TitleBlock title={t("billing.reports.collections.title")} hint={t("billing.reports.collections.subtitle")} />
        <div className="flex flex-wrap items-end gap-3">
          <Field label={t("billing.reports.from")} htmlFor="report-from" size="xsmall">
            <Input id="report-from" size="small" type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} />
          </Field>
          <Field label={t("billing.reports.to")} htmlFor="report-to" size="xsmall">
            <Input id="report-to" size="small" type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} />
          </Field>
        </div>
        {error && <Text size="small" className="text-ui-fg-error">{t("billing.errors.load", { message: error.message })}</Text>}
      </Container>

      {promises && (
        <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="report-promises">
          <Heading level="h2">{t("billing.reports.collections.promises")}</Heading>
          <div className="grid grid-cols-2 gap-4 md:grid-cols-5">
            <Stat label={t("billing.reports.collections.made")} value={String(promises.made)} />
            <Stat label={t("billing.collections.promiseStatus.kept")} value={String(promises.kept)} />
            <Stat label={t("billing.collections.promiseStatus.broken")} value={String(promises.broken)} tone={promises.broken ? "error" : undefined} />
            <Stat label={t("billing.collections.promiseStatus.pending")} value={String(promises.pending)} />
            <Stat label={t("billing.reports.collections.keptRatio")} value={formatPercent(promises.kept_ratio)} />
          </div>
        </Container>
      )}

      {report && !report.currencies.length && !isLoading && (
        <Container className="px-6 py-6">
          <Text size="small" className="text-ui-fg-subtle">{t("billing.reports.collections.empty")}</Text>
        </Container>
      )}
      {report?.currencies.map((c) => {
        const money = (v: number | string) => formatMoney(v, c.currency_code)
        return (
          <Container key={c.currency_code} className="flex flex-col gap-y-4 px-6 py-4" data-testid={`report-currency-${c.currency_code}`}>
            <Heading level="h2">{c.currency_code.toUpperCase()}</Heading>
            <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
              <Stat label={t("billing.reports.collections.invoiced")} value={money(c.invoiced)} />
              <Stat label={t("billing.reports.collections.collected")} value={money(c.collected)} />
              <Stat label={t("billing.reports.collections.receivableEnd")} value={money(c.receivable_end)} />
              <Stat label={t("billing.reports.collections.overdue")} value={money(c.overdue)} tone={Number(c.overdue) > 0 ? "error" : undefined} />
              <Stat label={t("billing.reports.collections.dso")} value={formatDso(c.dso)} testId="report-dso" />
              <Stat label={t("billing.reports.collections.overdueRatio")} value={formatPercent(c.overdue_ratio)} />
            </div>
            <div className="flex flex-col gap-y-1">
              <Text size="small" weight="plus">{t("billing.reports.collections.byMonth")}</Text>
              <TrendChart trend={report.trend} currency={c.currency_code} />
            </div>
          </Container>
        )
      })}
    </div>
  )
}

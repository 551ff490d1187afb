import { ArrowDownTray } from "@medusajs/icons"
import { Button, Container, Drawer, Input, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { downloadFile } from "../lib/download"
import { useBillingTranslation } from "../lib/i18n"
import { agingExportUrl, AgingReport, todayDay, useAgingInvoices, useAgingReport } from "../lib/reports"
import { useBillingSettings } from "../lib/settings"
import { Field } from "./field"
import { AgingCurrencyCard } from "./report-charts"
import { SectionHeader, TitleBlock } from "./section-header"

const PAGE_SIZE = 50

type DrillDown = { customer_id?: string; name?: string; currency_code: string; bucket?: string }

/** "30, 60, 90" → "30,60,90" when the days are whole and ascending; null otherwise. */
export function parseBuckets(text: string): string | null {
  const parts = text.split(/[,\s]+/).filter(Boolean)
  if (!parts.length) return ""
  const days = parts.map(Number)
  if (days.some((d, i) => !Number.isInteger(d) || d < 1 || (i > 0 && d <= days[i - 1]))) return null
  return days.join(",")
}

/**
 * Billing → Reports → Aging: what customers owe by how late it is, as of a day, per currency and
 * per customer; a customer (or one of their buckets) opens the invoices behind the figure.
 */
export const AgingReportTab = () => {
  const { t, formatMoney, bucketLabel, pagination } = useBillingTranslation()
  const settings = useBillingSettings().data?.settings
  const [asOf, setAsOf] = useState(todayDay())
  const [bucketsText, setBucketsText] = useState<string | null>(null)
  const [currency, setCurrency] = useState("")
  const [q, setQ] = useState("")
  const [offset, setOffset] = useState(0)
  const [drill, setDrill] = useState<DrillDown | null>(null)
  const bucketsNow = bucketsText ?? settings?.collections?.aging_buckets?.join(", ") ?? ""
  const buckets = parseBuckets(bucketsNow)
  const query = {
    as_of: asOf,
    ...(buckets ? { buckets } : {}),
    ...(currency.trim().length === 3 ? { currency_code: currency.trim().toLowerCase() } : {}),
    ...(q.trim() ? { q: q.trim() } : {}),
  }
  const { data, isLoading, error } = useAgingReport({ ...query, limit: PAGE_SIZE, offset })
  const report = data
  const count = report?.count ?? 0
  const filter = (apply: () => void) => {
    apply()
    setOffset(0)
  }

  return (
    <div className="flex flex-col gap-y-3" data-testid="aging-report">
      <Container className="flex flex-col gap-y-3 px-6 py-4">
        <div className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
          <TitleBlock title={t("billing.reports.aging.title")} hint={report ? t("billing.reports.aging.subtitle", { timezone: report.timezone }) : t("billing.reports.aging.subtitleShort")} />
          <div className="flex gap-x-2">
            <Button size="small" variant="secondary" onClick={() => downloadFile(agingExportUrl(query, "csv"))} data-testid="aging-export-csv">
              <ArrowDownTray />
              {t("billing.reports.exportCsv")}
            </Button>
            <Button size="small" variant="secondary" onClick={() => downloadFile(agingExportUrl(query, "xlsx"))} data-testid="aging-export-xlsx">
              <ArrowDownTray />
              {t("billing.reports.exportXlsx")}
            </Button>
          </div>
        </div>
        <div className="flex flex-wrap items-end gap-3" data-testid="aging-filters">
          <Field label={t("billing.reports.aging.asOf")} htmlFor="aging-as-of" size="xsmall">
            <Input id="aging-as-of" size="small" type="date" value={asOf} onChange={(e) => filter(() => setAsOf(e.target.value || todayDay()))} />
          </Field>
          <Field label={t("billing.reports.aging.buckets")} htmlFor="aging-buckets" size="xsmall">
            <Input
              id="aging-buckets"
              size="small"
              className="w-36"
              placeholder="30, 60, 90"
              aria-invalid={buckets === null}
              value={bucketsNow}
              onChange={(e) => filter(() => setBucketsText(e.target.value))}
            />
          </Field>
          <Field label={t("billing.filters.currency")} htmlFor="aging-currency" size="xsmall">
            <Input id="aging-currency" size="small" className="w-20" placeholder="EUR" value={currency} onChange={(e) => filter(() => setCurrency(e.target.value))} />
          </Field>
          <Field label={t("billing.reports.aging.search")} htmlFor="aging-q" size="xsmall">
            <Input id="aging-q" size="small" type="search" value={q} onChange={(e) => filter(() => setQ(e.target.value))} />
          </Field>
        </div>
        {buckets === null && <Text size="xsmall" className="text-ui-fg-error">{t("billing.reports.aging.bucketsInvalid")}</Text>}
        {error && <Text size="small" className="text-ui-fg-error">{t("billing.errors.load", { message: error.message })}</Text>}
      </Container>

      {report && !report.currencies.length && !isLoading && (
        <Container className="px-6 py-6">
          <Text size="small" className="text-ui-fg-subtle">{t("billing.reports.aging.empty")}</Text>
        </Container>
      )}
      {report && report.currencies.length > 0 && (
        <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
          {report.currencies.map((c) => (
            <AgingCurrencyCard
              key={c.currency_code}
              report={report}
              currency={c}
              onBucketClick={(bucket) => setDrill({ currency_code: c.currency_code, bucket })}
            />
          ))}
        </div>
      )}

      {report && report.customers.length > 0 && (
        <Container className="divide-y overflow-x-auto p-0" data-testid="aging-customers">
          <SectionHeader title={t("billing.reports.aging.customers")} hint={t("billing.reports.aging.customersHint")} />
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("billing.invoices.customer")}</Table.HeaderCell>
                <Table.HeaderCell>{t("billing.filters.currency")}</Table.HeaderCell>
                {report.buckets.map((b) => (
                  <Table.HeaderCell key={b.key} className="whitespace-nowrap text-right">{bucketLabel(b)}</Table.HeaderCell>
                ))}
                <Table.HeaderCell className="text-right">{t("billing.reports.aging.total")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {report.customers.map((c) => {
                const open = (bucket?: string) =>
                  setDrill({ customer_id: c.customer_id, name: c.name || c.email || c.customer_id, currency_code: c.currency_code, bucket })
                return (
                  <Table.Row
                    key={`${c.customer_id}-${c.currency_code}`}
                    className="cursor-pointer"
                    onClick={() => open()}
                    data-testid={`aging-customer-${c.customer_id}`}
                  >
                    <Table.Cell>
                      <div className="flex flex-col py-1">
                        <Text size="small" weight="plus">{c.name || c.email || c.customer_id}</Text>
                        {c.name && c.email && <Text size="xsmall" className="text-ui-fg-subtle">{c.email}</Text>}
                      </div>
                    </Table.Cell>
                    <Table.Cell>{c.currency_code.toUpperCase()}</Table.Cell>
                    {report.buckets.map((b) => {
                      const amount = c.buckets[b.key] ?? 0
                      return (
                        <Table.Cell key={b.key} className="whitespace-nowrap text-right">
                          {Number(amount) ? (
                            <button
                              type="button"
                              className="text-ui-fg-interactive hover:underline"
                              data-testid={`aging-cell-${b.key}`}
                              onClick={(e) => {
                                e.stopPropagation()
                                open(b.key)
                              }}
                            >
                              {formatMoney(amount, c.currency_code)}
                            </button>
                          ) : (
                            <span className="text-ui-fg-muted">–</span>
                          )}
                        </Table.Cell>
                      )
                    })}
                    <Table.Cell className="whitespace-nowrap text-right">
                      <Text size="small" weight="plus">{formatMoney(c.total, c.currency_code)}</Text>
                    </Table.Cell>
                  </Table.Row>
                )
              })}
            </Table.Body>
          </Table>
          {count > PAGE_SIZE && (
            <div className="flex items-center justify-between px-6 py-3">
              <Text size="small" className="text-ui-fg-subtle">
                {offset + 1} — {Math.min(offset + PAGE_SIZE, count)} {pagination.of} {count} {pagination.results}
              </Text>
              <div className="flex gap-x-2">
                <Button size="small" variant="secondary" disabled={!offset} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>{pagination.prev}</Button>
                <Button size="small" variant="secondary" disabled={offset + PAGE_SIZE >= count} onClick={() => setOffset(offset + PAGE_SIZE)}>{pagination.next}</Button>
              </div>
            </div>
          )}
        </Container>
      )}
      {drill && report && <AgingDrillDown drill={drill} report={report} asOf={asOf} buckets={buckets || undefined} onClose={() => setDrill(null)} />}
    </div>
  )
}

/** The invoices behind one figure of the aging report. */
const AgingDrillDown = ({
  drill,
  report,
  asOf,
  buckets,
  onClose,
}: {
  drill: DrillDown
  report: AgingReport
  asOf: string
  buckets?: string
  onClose: () => void
}) => {
  const { t, formatMoney, formatDate, bucketLabel } = useBillingTranslation()
  const { data, isLoading, error } = useAgingInvoices(
    { as_of: asOf, currency_code: drill.currency_code, customer_id: drill.customer_id, bucket: drill.bucket, buckets },
    true
  )
  const bucketOf = (key: string) => {
    const bucket = report.buckets.find((b) => b.key === key)
    return bucket ? bucketLabel(bucket) : key
  }
  const invoices = data?.invoices ?? []
  const money = (v: number | string) => formatMoney(v, drill.currency_code)
  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="aging-drill-down" className="sm:max-w-[760px]">
        <Drawer.Header>
          <Drawer.Title>
            {[drill.name ?? t("billing.reports.aging.allCustomers"), drill.currency_code.toUpperCase(), drill.bucket ? bucketOf(drill.bucket) : null]
              .filter(Boolean)
              .join(" · ")}
          </Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-3 overflow-y-auto p-0">
          <Text size="small" className="text-ui-fg-subtle px-6 pt-4">{t("billing.reports.aging.asOfDay", { date: formatDate(`${asOf}T00:00:00`) })}</Text>
          {error && <Text size="small" className="text-ui-fg-error px-6">{t("billing.errors.load", { message: error.message })}</Text>}
          {!isLoading && !error && !invoices.length && <Text size="small" className="text-ui-fg-subtle px-6">{t("billing.reports.aging.noInvoices")}</Text>}
          {invoices.length > 0 && (
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t("billing.invoices.number")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("billing.invoices.dueAt")}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t("billing.collections.daysOverdue")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("billing.reports.aging.bucket")}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t("billing.invoices.total")}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t("billing.reports.aging.openAmount")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {invoices.map((invoice) => (
                  <Table.Row key={invoice.id} data-testid={`aging-invoice-${invoice.number ?? invoice.id}`}>
                    <Table.Cell className="whitespace-nowrap">
                      <Link className="text-ui-fg-interactive" to={`/billing/invoices/${invoice.id}`}>{invoice.number ?? invoice.id}</Link>
                    </Table.Cell>
                    <Table.Cell className="whitespace-nowrap">{formatDate(invoice.due_at)}</Table.Cell>
                    <Table.Cell className="text-right">{Math.max(0, invoice.days_overdue)}</Table.Cell>
                    <Table.Cell className="whitespace-nowrap">{bucketOf(invoice.bucket)}</Table.Cell>
                    <Table.Cell className="text-right">{money(invoice.total)}</Table.Cell>
                    <Table.Cell className="text-right">{money(invoice.open_amount)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>{t("billing.checkout.close")}</Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

import { Button, Container, createDataTableColumnHelper, DataTable, Drawer, Text, useDataTable } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { useFormatDateTime } from "../routes/billing/stripe/components"
import { useBillingTranslation } from "../lib/i18n"
import { useBillingPermissions } from "../lib/permissions"
import { EXCEPTION_TYPES_BY_KIND, ReconciliationException, RunKind, useRunExceptions } from "../lib/reconciliation"
import { DetailList, type DetailRow } from "./detail-list"
import { FilterSelect, useListFilters } from "./filter-select"
import { ListHeader, ListTable } from "./list-table"
import { ExceptionStatusBadge } from "./reconciliation-badges"
import { ResolveExceptionDrawer } from "./reconciliation-resolve-drawer"

const PAGE_SIZE = 20
const columnHelper = createDataTableColumnHelper<ReconciliationException>()

/** A run's exceptions, open first by default, filtered by status and type; each resolved by an action. */
export const RunExceptions = ({ runId, kind }: { runId: string; kind: RunKind }) => {
  const { t, formatMoney } = useBillingTranslation()
  const explain = useExplanation()
  const { filters, setFilter, pagination, setPagination, page } = useListFilters({ status: "open", type: "all" }, PAGE_SIZE)
  const [resolving, setResolving] = useState<ReconciliationException | null>(null)
  const mayResolve = useBillingPermissions().can("billing_reconciliation", "update")
  const [showing, setShowing] = useState<string | null>(null)
  const { data, isLoading, error } = useRunExceptions(runId, {
    ...page,
    ...(filters.status !== "all" ? { status: filters.status } : {}),
    ...(filters.type !== "all" ? { type: filters.type } : {}),
  })
  const exceptions = data?.exceptions ?? []
  const shown = exceptions.find((e) => e.id === showing) ?? null

  const columns = useMemo(
    () => [
      columnHelper.accessor("type", {
        header: t("billing.reconciliation.exceptions.type"),
        cell: ({ row }) => (
          <span className="flex max-w-[520px] flex-col py-1">
            <span className="font-medium">{t(`billing.reconciliation.types.${row.original.type}`, { defaultValue: row.original.type })}</span>
            <span className="text-ui-fg-subtle truncate text-xs" title={row.original.description ?? ""}>{explain(row.original)}</span>
          </span>
        ),
      }),
      columnHelper.accessor("difference", {
        header: t("billing.reconciliation.exceptions.difference"),
        cell: ({ row }) =>
          row.original.currency_code && row.original.difference !== null ? (
            <span className="whitespace-nowrap">{formatMoney(row.original.difference, row.original.currency_code)}</span>
          ) : (
            "–"
          ),
      }),
      columnHelper.accessor("status", {
        header: t("billing.invoices.status"),
        cell: ({ row }) => (
          <span className="flex flex-col items-start gap-y-0.5">
            <ExceptionStatusBadge status={row.original.status} />
            {row.original.resolution && (
              <span className="text-ui-fg-subtle text-xs">{t(`billing.reconciliation.actions.${row.original.resolution.action}`)}</span>
            )}
          </span>
        ),
      }),
      columnHelper.display({
        id: "resolve",
        cell: ({ row }) =>
          row.original.status === "open" && mayResolve ? (
            <Button
              size="small"
              variant="secondary"
              onClick={(e) => {
                e.stopPropagation()
                setResolving(row.original)
              }}
              data-testid={`exception-resolve-${row.original.id}`}
            >
              {t("billing.reconciliation.resolve.open")}
            </Button>
          ) : null,
      }),
    ],
    [t, formatMoney, explain, mayResolve]
  )

  const table = useDataTable({
    columns,
    data: exceptions,
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    onRowClick: (_, row) => setShowing(row.id),
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  return (
    <Container className="divide-y p-0" data-testid="run-exceptions">
      <DataTable instance={table}>
        <ListHeader title={t("billing.reconciliation.exceptions.title")} subtitle={t("billing.reconciliation.exceptions.subtitle")} level="h2" />
        <div className="flex flex-wrap items-end gap-3 px-6 py-3" data-testid="exception-filters">
          <FilterSelect
            label={t("billing.invoices.status")}
            value={filters.status}
            onChange={(status) => setFilter({ status })}
            options={(["open", "resolved"] as const).map((s) => ({ value: s, label: t(`billing.reconciliation.exceptionStatus.${s}`) }))}
            testId="filter-exception-status"
          />
          <FilterSelect
            label={t("billing.reconciliation.exceptions.type")}
            value={filters.type}
            onChange={(type) => setFilter({ type })}
            options={EXCEPTION_TYPES_BY_KIND[kind].map((type) => ({ value: type, label: t(`billing.reconciliation.types.${type}`) }))}
            className="w-64"
            testId="filter-exception-type"
          />
        </div>
        <ListTable error={error} empty={t(filters.status === "open" ? "billing.reconciliation.exceptions.noneOpen" : "billing.reconciliation.exceptions.empty")} />
      </DataTable>
      {shown && (
        <ExceptionDrawer
          exception={shown}
          onClose={() => setShowing(null)}
          onResolve={
            mayResolve
              ? () => {
                  setShowing(null)
                  setResolving(shown)
                }
              : undefined
          }
        />
      )}
      {resolving && <ResolveExceptionDrawer exception={resolving} onClose={() => setResolving(null)} />}
    </Container>
  )
}

/** Where each linked id leads in the admin (the rest are shown as ids). */
const LINK_PATHS: Record<string, (id: string) => string> = {
  order_id: (id) => `/orders/${id}`,
  invoice_id: (id) => `/billing/invoices/${id}`,
  payment_id: (id) => `/billing/payments/${id}`,
  payout_id: (id) => `/billing/stripe/payouts/${id}`,
}

/** What an exception means and what resolves it, in the admin's language, with its amounts. */
function useExplanation() {
  const { t, formatMoney } = useBillingTranslation()
  return (e: ReconciliationException) => {
    const money = (v: ReconciliationException["difference"]) =>
      v === null || v === undefined || !e.currency_code ? "–" : formatMoney(v, e.currency_code)
    return t(`billing.reconciliation.explanations.${e.type}`, {
      expected: money(e.expected_amount),
      actual: money(e.actual_amount),
      difference: money(e.difference),
      defaultValue: e.description ?? "",
    })
  }
}

/** One exception: what was expected and found, what it is about, how it was resolved, and its history. */
const ExceptionDrawer = ({ exception, onClose, onResolve }: { exception: ReconciliationException; onClose: () => void; onResolve?: () => void }) => {
  const { t, formatMoney } = useBillingTranslation()
  const explain = useExplanation()
  const formatDateTime = useFormatDateTime()
  const money = (v: ReconciliationException["difference"]) =>
    v === null || v === undefined || !exception.currency_code ? "–" : formatMoney(v, exception.currency_code)
  const links = { ...exception.links, ...(exception.resolution?.payment_id ? { payment_id: exception.resolution.payment_id } : {}) }
  const rows: DetailRow[] = [
    [t("billing.reconciliation.exceptions.expected"), money(exception.expected_amount), "expected"],
    [t("billing.reconciliation.exceptions.actual"), money(exception.actual_amount), "actual"],
    [t("billing.reconciliation.exceptions.difference"), money(exception.difference), "difference"],
    ...Object.entries(links)
      .filter(([, id]) => !!id)
      .map(([key, id]) => [
        t(`billing.reconciliation.links.${key}`, { defaultValue: key }),
        LINK_PATHS[key] ? (
          <Link to={LINK_PATHS[key](id as string)} className="text-ui-fg-interactive font-mono text-xs">{id}</Link>
        ) : (
          <span className="font-mono text-xs">{id}</span>
        ),
        `link-${key}`,
      ] as DetailRow),
  ]
  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="exception-drawer">
        <Drawer.Header>
          <Drawer.Title>{t(`billing.reconciliation.types.${exception.type}`, { defaultValue: exception.type })}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-5 overflow-y-auto">
          <div className="flex flex-col gap-y-2">
            <ExceptionStatusBadge status={exception.status} />
            <Text size="small">{explain(exception)}</Text>
            {/* The run's own sentence, with the numbers and texts it is about (in English). */}
            <Text size="xsmall" className="text-ui-fg-subtle" data-testid="exception-details">
              {t("billing.reconciliation.exceptions.details")}: {exception.description}
            </Text>
          </div>
          <DetailList rows={rows} className="gap-x-6 gap-y-2" valueClassName="break-all" testIdPrefix="exception" />
          {exception.resolution && (
            <div className="flex flex-col gap-y-1" data-testid="exception-resolution">
              <Text size="small" weight="plus">{t("billing.reconciliation.exceptions.resolution")}</Text>
              <Text size="small" as="div" className="flex gap-x-1">
                {t(`billing.reconciliation.actions.${exception.resolution.action}`)}
                {exception.resolved_at && <> · {formatDateTime(exception.resolved_at)}</>}
              </Text>
              {exception.resolution.note && <Text size="small" className="text-ui-fg-subtle">{exception.resolution.note}</Text>}
            </div>
          )}
          <div className="flex flex-col gap-y-2" data-testid="exception-history">
            <Text size="small" weight="plus">{t("billing.reconciliation.exceptions.history")}</Text>
            <ol className="flex flex-col gap-y-2">
              {(exception.history ?? []).map((h, i) => (
                <li key={i} className="flex items-start gap-x-3" data-testid={`exception-history-${h.event}`}>
                  <span className="bg-ui-fg-muted mt-1.5 size-1.5 shrink-0 rounded-full" />
                  <span className="flex flex-col">
                    <Text size="small">
                      {t(`billing.reconciliation.history.${h.event}`, { defaultValue: h.event })}
                      {h.action ? ` · ${t(`billing.reconciliation.actions.${h.action}`)}` : ""}
                    </Text>
                    <Text size="xsmall" className="text-ui-fg-subtle">{formatDateTime(h.at)}</Text>
                    {h.note && <Text size="xsmall" className="text-ui-fg-subtle">{h.note}</Text>}
                  </span>
                </li>
              ))}
            </ol>
          </div>
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>{t("billing.checkout.close")}</Button>
          {exception.status === "open" && onResolve && (
            <Button onClick={onResolve} data-testid="exception-drawer-resolve">{t("billing.reconciliation.resolve.open")}</Button>
          )}
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

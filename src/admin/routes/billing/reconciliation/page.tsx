import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowUpTray, Plus } from "@medusajs/icons"
import { Button, Container, createDataTableColumnHelper, DataTable, useDataTable } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useNavigate } from "react-router-dom"
import { FilterSelect, useListFilters } from "../../../components/filter-select"
import { ListHeader, ListTable } from "../../../components/list-table"
import { NoAccess } from "../../../components/no-access"
import { RunProgress, RunStatusBadge, useFormatRate } from "../../../components/reconciliation-badges"
import { BankImportModal } from "../../../components/reconciliation-import-modal"
import { NewRunDrawer } from "../../../components/reconciliation-new-run-drawer"
import { PeriodsSection } from "../../../components/reconciliation-periods"
import { useBillingTranslation } from "../../../lib/i18n"
import { useBillingPermissions } from "../../../lib/permissions"
import { useCollectionAccounts } from "../../../lib/payments"
import { ReconciliationRun, RUN_KINDS, RUN_STATUSES, useReconciliationRuns } from "../../../lib/reconciliation"
import { useFormatDateTime } from "../stripe/components"
import { useRunScope } from "./scope"

const PAGE_SIZE = 20
const columnHelper = createDataTableColumnHelper<ReconciliationRun>()

/**
 * Billing → Reconciliation: every run, newest first, with a progress bar while it runs and its
 * match rate once done; new runs, bank statement imports, and the months closed for good.
 */
const ReconciliationPage = () => {
  const { t } = useBillingTranslation()
  const navigate = useNavigate()
  const { can, canRead } = useBillingPermissions()
  const formatDateTime = useFormatDateTime()
  const formatRate = useFormatRate()
  const scope = useRunScope(useCollectionAccounts().data?.collection_accounts ?? [])
  const [dialog, setDialog] = useState<"new" | "import" | null>(null)
  const { filters, setFilter, pagination, setPagination, page } = useListFilters({ kind: "all", status: "all" }, PAGE_SIZE)
  const { data, isLoading, error } = useReconciliationRuns({
    ...page,
    ...(filters.kind !== "all" ? { kind: filters.kind } : {}),
    ...(filters.status !== "all" ? { status: filters.status } : {}),
  })

  const columns = useMemo(
    () => [
      columnHelper.accessor("started_at", {
        header: t("billing.reconciliation.startedAt"),
        cell: ({ getValue }) => formatDateTime(getValue()),
      }),
      columnHelper.accessor("kind", {
        header: t("billing.reconciliation.kind"),
        cell: ({ row }) => (
          <span className="flex flex-col">
            {t(`billing.reconciliation.kinds.${row.original.kind}`)}
            <span className="text-ui-fg-subtle text-xs">{scope(row.original)}</span>
          </span>
        ),
      }),
      columnHelper.accessor("status", {
        header: t("billing.invoices.status"),
        cell: ({ row }) => <RunStatusBadge status={row.original.status} />,
      }),
      columnHelper.accessor("progress_done", {
        header: t("billing.reconciliation.progressLabel"),
        cell: ({ row }) => <RunProgress run={row.original} />,
      }),
      columnHelper.accessor("match_rate", {
        header: t("billing.reconciliation.matchRate"),
        cell: ({ row }) => (row.original.status === "running" ? "–" : formatRate(row.original.match_rate)),
      }),
      columnHelper.accessor("exception_count", {
        // What the run found; the run's page counts those still open.
        header: t("billing.reconciliation.exceptions.title"),
        cell: ({ row }) => (row.original.status === "running" ? "–" : row.original.exception_count),
      }),
      columnHelper.accessor("started_by_type", {
        header: t("billing.reconciliation.startedBy"),
        cell: ({ getValue }) => t(`billing.reconciliation.startedByTypes.${getValue()}`),
      }),
    ],
    [t, formatDateTime, formatRate, scope]
  )

  const table = useDataTable({
    columns,
    data: data?.reconciliations ?? [],
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    onRowClick: (_, row) => navigate(`/billing/reconciliation/${row.id}`),
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  if (!canRead("billing_reconciliation")) return <NoAccess what="reconciliation" />
  // Importing a statement and starting a run both create reconciliation records.
  const mayCreate = can("billing_reconciliation", "create")

  return (
    <div className="flex flex-col gap-y-3" data-testid="billing-reconciliation-page">
      <Container className="divide-y p-0" data-testid="reconciliation-runs">
        <DataTable instance={table}>
          <ListHeader title={t("billing.reconciliation.title")} subtitle={t("billing.reconciliation.subtitle")}>
            {mayCreate && (
              <div className="flex items-center gap-x-2">
                <Button size="small" variant="secondary" onClick={() => setDialog("import")} data-testid="reconciliation-import">
                  <ArrowUpTray />
                  {t("billing.reconciliation.import.open")}
                </Button>
                <Button size="small" variant="secondary" onClick={() => setDialog("new")} data-testid="reconciliation-new">
                  <Plus />
                  {t("billing.reconciliation.new.open")}
                </Button>
              </div>
            )}
          </ListHeader>
          <div className="flex flex-wrap items-end gap-3 px-6 py-3" data-testid="reconciliation-filters">
            <FilterSelect
              label={t("billing.reconciliation.kind")}
              value={filters.kind}
              onChange={(kind) => setFilter({ kind })}
              options={RUN_KINDS.map((k) => ({ value: k, label: t(`billing.reconciliation.kinds.${k}`) }))}
              className="w-56"
              testId="filter-run-kind"
            />
            <FilterSelect
              label={t("billing.invoices.status")}
              value={filters.status}
              onChange={(status) => setFilter({ status })}
              options={RUN_STATUSES.map((s) => ({ value: s, label: t(`billing.reconciliation.status.${s}`) }))}
              testId="filter-run-status"
            />
          </div>
          <ListTable error={error} empty={t("billing.reconciliation.empty")} />
        </DataTable>
      </Container>
      <PeriodsSection />
      {dialog === "new" && <NewRunDrawer onClose={() => setDialog(null)} />}
      {dialog === "import" && <BankImportModal onClose={() => setDialog(null)} />}
    </div>
  )
}

export const config = defineRouteConfig({
  label: "billing.reconciliation.nav",
  translationNs: "translation",
  rank: 5,
})

export default ReconciliationPage

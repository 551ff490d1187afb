import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Receipt } from "@medusajs/icons"
import {
  Container,
  createDataTableColumnHelper,
  DataTable,
  DataTablePaginationState,
  Heading,
  Text,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useNavigate } from "react-router-dom"
import { InvoiceStatusBadge } from "../../components/invoice-status-badge"
import { useBillingTranslation } from "../../lib/i18n"
import { AdminInvoice, useInvoices } from "../../lib/invoices"

const PAGE_SIZE = 20
const columnHelper = createDataTableColumnHelper<AdminInvoice>()

/** Billing section: every invoice and credit note, searchable, newest first. */
const BillingPage = () => {
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const navigate = useNavigate()
  const [search, setSearch] = useState("")
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })

  const { data, isLoading, error } = useInvoices({
    limit: PAGE_SIZE,
    offset: pagination.pageIndex * PAGE_SIZE,
    ...(search ? { q: search } : {}),
  })

  const columns = useMemo(
    () => [
      columnHelper.accessor("number", {
        header: t("billing.invoices.number"),
        cell: ({ row }) => row.original.number ?? t("billing.invoices.draft"),
      }),
      columnHelper.accessor("order_display_id", {
        header: t("billing.invoices.order"),
        cell: ({ getValue }) => (getValue() ? `#${getValue()}` : "–"),
      }),
      columnHelper.accessor("email", {
        header: t("billing.invoices.customer"),
        cell: ({ row }) => row.original.buyer?.name || row.original.email || "–",
      }),
      columnHelper.accessor("issued_at", {
        header: t("billing.invoices.issuedAt"),
        cell: ({ getValue }) => formatDate(getValue()),
      }),
      columnHelper.accessor("due_at", {
        header: t("billing.invoices.dueAt"),
        cell: ({ getValue }) => formatDate(getValue()),
      }),
      columnHelper.accessor("status", {
        header: t("billing.invoices.status"),
        cell: ({ getValue }) => <InvoiceStatusBadge status={getValue()} />,
      }),
      columnHelper.accessor("total", {
        header: () => <div className="text-right">{t("billing.invoices.total")}</div>,
        cell: ({ row }) => (
          <div className="text-right">{formatMoney(row.original.total, row.original.currency_code)}</div>
        ),
      }),
    ],
    [t, formatMoney, formatDate]
  )

  const table = useDataTable({
    columns,
    data: data?.invoices ?? [],
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    onRowClick: (_, row) => navigate(`/billing/invoices/${row.id}`),
    search: { state: search, onSearchChange: setSearch },
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  return (
    <Container className="divide-y p-0" data-testid="billing-invoices-page">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 md:flex-row md:items-center">
          <div>
            <Heading>{t("billing.invoices.title")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t("billing.invoices.subtitle")}
            </Text>
          </div>
          <DataTable.Search placeholder={t("billing.invoices.search")} />
        </DataTable.Toolbar>
        {error ? (
          <Text className="text-ui-fg-error px-6 py-4">{t("billing.errors.load", { message: error.message })}</Text>
        ) : (
          <DataTable.Table emptyState={{ empty: { heading: t("billing.invoices.empty") } }} />
        )}
        <DataTable.Pagination />
      </DataTable>
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "billing.nav",
  translationNs: "translation",
  icon: Receipt,
})

export default BillingPage

import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Receipt } from "@medusajs/icons"
import {
  Checkbox,
  Container,
  createDataTableColumnHelper,
  DataTable,
  DataTablePaginationState,
  Heading,
  Input,
  Label,
  Select,
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
  const { t, formatMoney, formatDate, pagination: paginationText } = useBillingTranslation()
  const navigate = useNavigate()
  const [search, setSearch] = useState("")
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const [filters, setFilters] = useState({ status: "all", type: "all", currency: "", overdue: false, from: "", to: "" })
  const setFilter = (patch: Partial<typeof filters>) => {
    setFilters({ ...filters, ...patch })
    setPagination({ ...pagination, pageIndex: 0 })
  }

  // A number like "#12" or "12" finds the order; anything else searches numbers and emails.
  const orderNumber = search.trim().match(/^#?(\d+)$/)?.[1]
  const { data, isLoading, error } = useInvoices({
    limit: PAGE_SIZE,
    offset: pagination.pageIndex * PAGE_SIZE,
    ...(search && !orderNumber ? { q: search.trim() } : {}),
    ...(orderNumber ? { order_display_id: orderNumber } : {}),
    ...(filters.status !== "all" ? { status: filters.status } : {}),
    ...(filters.type !== "all" ? { type: filters.type } : {}),
    ...(filters.currency ? { currency_code: filters.currency.toLowerCase() } : {}),
    ...(filters.overdue ? { overdue: true } : {}),
    ...(filters.from || filters.to
      ? { issued_at: { ...(filters.from ? { $gte: filters.from } : {}), ...(filters.to ? { $lte: `${filters.to}T23:59:59.999Z` } : {}) } }
      : {}),
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
      columnHelper.accessor("type", {
        header: t("billing.invoices.type"),
        cell: ({ getValue }) => t(`billing.type.${getValue()}`),
      }),
      columnHelper.accessor("status", {
        header: t("billing.invoices.status"),
        cell: ({ getValue }) => <InvoiceStatusBadge status={getValue()} />,
      }),
      columnHelper.accessor("total", {
        header: t("billing.invoices.total"),
        cell: ({ row }) => formatMoney(row.original.total, row.original.currency_code),
      }),
      columnHelper.accessor("amount_due", {
        header: t("billing.invoices.amountDue"),
        cell: ({ row }) => (row.original.type === "invoice" ? formatMoney(row.original.amount_due, row.original.currency_code) : "–"),
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
        <div className="flex flex-wrap items-end gap-3 px-6 py-3" data-testid="billing-invoice-filters">
          <div className="flex flex-col gap-y-1">
            <Label size="xsmall">{t("billing.invoices.status")}</Label>
            <Select size="small" value={filters.status} onValueChange={(status) => setFilter({ status })}>
              <Select.Trigger className="w-40" data-testid="filter-status">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="all">{t("billing.filters.all")}</Select.Item>
                {["draft", "open", "partially_paid", "paid", "issued", "void", "uncollectible"].map((s) => (
                  <Select.Item key={s} value={s}>{t(`billing.status.${s}`)}</Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
          <div className="flex flex-col gap-y-1">
            <Label size="xsmall">{t("billing.invoices.type")}</Label>
            <Select size="small" value={filters.type} onValueChange={(type) => setFilter({ type })}>
              <Select.Trigger className="w-36">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="all">{t("billing.filters.all")}</Select.Item>
                <Select.Item value="invoice">{t("billing.type.invoice")}</Select.Item>
                <Select.Item value="credit_note">{t("billing.type.credit_note")}</Select.Item>
              </Select.Content>
            </Select>
          </div>
          <div className="flex flex-col gap-y-1">
            <Label size="xsmall">{t("billing.filters.currency")}</Label>
            <Input size="small" className="w-20" placeholder="EUR" value={filters.currency} onChange={(e) => setFilter({ currency: e.target.value })} />
          </div>
          <div className="flex flex-col gap-y-1">
            <Label size="xsmall">{t("billing.filters.issuedFrom")}</Label>
            <Input size="small" type="date" value={filters.from} onChange={(e) => setFilter({ from: e.target.value })} />
          </div>
          <div className="flex flex-col gap-y-1">
            <Label size="xsmall">{t("billing.filters.issuedTo")}</Label>
            <Input size="small" type="date" value={filters.to} onChange={(e) => setFilter({ to: e.target.value })} />
          </div>
          <div className="flex items-center gap-x-2 pb-1">
            <Checkbox id="filter-overdue" checked={filters.overdue} onCheckedChange={(v) => setFilter({ overdue: v === true })} />
            <Label htmlFor="filter-overdue" size="small">{t("billing.filters.overdue")}</Label>
          </div>
        </div>
        {error ? (
          <Text className="text-ui-fg-error px-6 py-4">{t("billing.errors.load", { message: error.message })}</Text>
        ) : (
          <DataTable.Table emptyState={{ empty: { heading: t("billing.invoices.empty") } }} />
        )}
        <DataTable.Pagination translations={paginationText} />
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

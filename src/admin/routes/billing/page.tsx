import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Receipt } from "@medusajs/icons"
import { Container, createDataTableColumnHelper, DataTable, Input, useDataTable } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useNavigate } from "react-router-dom"
import { Field } from "../../components/field"
import { FilterCheckbox, FilterSelect, useListFilters } from "../../components/filter-select"
import { InvoiceStatusBadge } from "../../components/invoice-status-badge"
import { ListHeader, ListTable } from "../../components/list-table"
import { NoAccess } from "../../components/no-access"
import { useBillingTranslation } from "../../lib/i18n"
import { AdminInvoice, useInvoices } from "../../lib/invoices"
import { useBillingPermissions } from "../../lib/permissions"

const PAGE_SIZE = 20
const columnHelper = createDataTableColumnHelper<AdminInvoice>()

/** Billing section: every invoice and credit note, searchable, newest first. */
const BillingPage = () => {
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const navigate = useNavigate()
  const { canRead } = useBillingPermissions()
  const [search, setSearch] = useState("")
  const { filters, setFilter, pagination, setPagination, page } = useListFilters(
    { status: "all", type: "all", currency: "", overdue: false, from: "", to: "" },
    PAGE_SIZE
  )

  // A number like "#12" or "12" finds the order; anything else searches numbers and emails.
  const orderNumber = search.trim().match(/^#?(\d+)$/)?.[1]
  const { data, isLoading, error } = useInvoices({
    ...page,
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
        cell: ({ getValue, row }) => <InvoiceStatusBadge status={getValue()} dispute={row.original.dispute_status} overdue={row.original.overdue_at} writtenOff={row.original.amount_written_off} />,
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

  if (!canRead("billing_invoice")) return <NoAccess what="invoices" />

  return (
    <Container className="divide-y p-0" data-testid="billing-invoices-page">
      <DataTable instance={table}>
        <ListHeader title={t("billing.invoices.title")} subtitle={t("billing.invoices.subtitle")}>
          <DataTable.Search placeholder={t("billing.invoices.search")} />
        </ListHeader>
        <div className="flex flex-wrap items-end gap-3 px-6 py-3" data-testid="billing-invoice-filters">
          <FilterSelect
            label={t("billing.invoices.status")}
            value={filters.status}
            onChange={(status) => setFilter({ status })}
            options={["draft", "open", "partially_paid", "paid", "issued", "void", "uncollectible"].map((s) => ({ value: s, label: t(`billing.status.${s}`) }))}
            testId="filter-status"
          />
          <FilterSelect
            label={t("billing.invoices.type")}
            value={filters.type}
            onChange={(type) => setFilter({ type })}
            options={["invoice", "credit_note"].map((type) => ({ value: type, label: t(`billing.type.${type}`) }))}
            className="w-36"
            testId="filter-type"
          />
          <Field label={t("billing.filters.currency")} size="xsmall">
            <Input size="small" className="w-20" placeholder="EUR" value={filters.currency} onChange={(e) => setFilter({ currency: e.target.value })} />
          </Field>
          <Field label={t("billing.filters.issuedFrom")} size="xsmall">
            <Input size="small" type="date" value={filters.from} onChange={(e) => setFilter({ from: e.target.value })} />
          </Field>
          <Field label={t("billing.filters.issuedTo")} size="xsmall">
            <Input size="small" type="date" value={filters.to} onChange={(e) => setFilter({ to: e.target.value })} />
          </Field>
          <FilterCheckbox id="filter-overdue" label={t("billing.filters.overdue")} checked={filters.overdue} onChange={(overdue) => setFilter({ overdue })} />
        </div>
        <ListTable error={error} empty={t("billing.invoices.empty")} />
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

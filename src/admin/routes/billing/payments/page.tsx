import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, createDataTableColumnHelper, DataTable, Input, useDataTable } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useNavigate } from "react-router-dom"
import { Field } from "../../../components/field"
import { FilterCheckbox, FilterSelect, useListFilters } from "../../../components/filter-select"
import { ListHeader, ListTable } from "../../../components/list-table"
import { NoAccess } from "../../../components/no-access"
import { PaymentSourceBadge } from "../../../components/payment-badges"
import { useBillingTranslation } from "../../../lib/i18n"
import { isPositive } from "../../../lib/money"
import { useBillingPermissions } from "../../../lib/permissions"
import { AdminPayment, PAYMENT_METHODS, useCollectionAccounts, useCustomerEmails, usePayments } from "../../../lib/payments"

const PAGE_SIZE = 20
const columnHelper = createDataTableColumnHelper<AdminPayment>()

/** Billing → Payments: money received, newest first, with what is still unapplied or was refunded. */
const PaymentsPage = () => {
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const navigate = useNavigate()
  const { canRead } = useBillingPermissions()
  const [search, setSearch] = useState("")
  const { filters, setFilter, pagination, setPagination, page } = useListFilters(
    { method: "all", account: "all", from: "", to: "", unapplied: false },
    PAGE_SIZE
  )
  const accounts = useCollectionAccounts().data?.collection_accounts ?? []

  const { data, isLoading, error } = usePayments({
    ...page,
    ...(search.trim() ? { q: search.trim() } : {}),
    ...(filters.method !== "all" ? { method: filters.method } : {}),
    ...(filters.account !== "all" ? { collection_account_id: filters.account } : {}),
    ...(filters.unapplied ? { unapplied: true } : {}),
    ...(filters.from || filters.to
      ? { received_at: { ...(filters.from ? { $gte: filters.from } : {}), ...(filters.to ? { $lte: `${filters.to}T23:59:59.999Z` } : {}) } }
      : {}),
  })
  const payments = data?.payments ?? []
  const emails = useCustomerEmails(payments.map((p) => p.customer_id))

  const columns = useMemo(
    () => [
      columnHelper.accessor("received_at", {
        header: t("billing.payments.receivedAt"),
        cell: ({ getValue }) => formatDate(getValue()),
      }),
      columnHelper.accessor("receipt_number", {
        header: t("billing.payments.receipt"),
        cell: ({ getValue }) => getValue() ?? "–",
      }),
      columnHelper.accessor("customer_id", {
        header: t("billing.invoices.customer"),
        cell: ({ getValue }) => emails[getValue()] ?? getValue(),
      }),
      columnHelper.accessor("method", {
        header: t("billing.payments.method"),
        cell: ({ getValue }) => t(`billing.methods.${getValue()}`),
      }),
      columnHelper.accessor("collection_account_id", {
        header: t("billing.payments.account"),
        cell: ({ getValue }) => accounts.find((a) => a.id === getValue())?.name ?? "–",
      }),
      columnHelper.accessor("amount", {
        header: t("billing.payments.amount"),
        cell: ({ row }) => formatMoney(row.original.amount, row.original.currency_code),
      }),
      columnHelper.accessor("amount_unapplied", {
        header: t("billing.payments.unapplied"),
        cell: ({ row }) =>
          isPositive(row.original.amount_unapplied, row.original.currency_code) ? (
            <span className="text-ui-fg-interactive">{formatMoney(row.original.amount_unapplied, row.original.currency_code)}</span>
          ) : (
            "–"
          ),
      }),
      columnHelper.accessor("amount_refunded", {
        header: t("billing.payments.refunded"),
        cell: ({ row }) =>
          isPositive(row.original.amount_refunded, row.original.currency_code)
            ? formatMoney(row.original.amount_refunded, row.original.currency_code)
            : "–",
      }),
      columnHelper.accessor("source", {
        header: t("billing.payments.source"),
        cell: ({ getValue }) => <PaymentSourceBadge source={getValue()} />,
      }),
    ],
    [t, formatMoney, formatDate, emails, accounts]
  )

  const table = useDataTable({
    columns,
    data: payments,
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    onRowClick: (_, row) => navigate(`/billing/payments/${row.id}`),
    search: { state: search, onSearchChange: setSearch },
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  if (!canRead("billing_payment")) return <NoAccess what="payments" />

  return (
    <Container className="divide-y p-0" data-testid="billing-payments-page">
      <DataTable instance={table}>
        <ListHeader title={t("billing.payments.title")} subtitle={t("billing.payments.subtitle")}>
          <DataTable.Search placeholder={t("billing.payments.search")} />
        </ListHeader>
        <div className="flex flex-wrap items-end gap-3 px-6 py-3" data-testid="billing-payment-filters">
          <FilterSelect
            label={t("billing.payments.method")}
            value={filters.method}
            onChange={(method) => setFilter({ method })}
            options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`billing.methods.${m}`) }))}
            testId="filter-method"
          />
          <FilterSelect
            label={t("billing.payments.account")}
            value={filters.account}
            onChange={(account) => setFilter({ account })}
            options={accounts.map((a) => ({ value: a.id, label: a.name }))}
            className="w-48"
            testId="filter-account"
          />
          <Field label={t("billing.filters.receivedFrom")} size="xsmall">
            <Input size="small" type="date" value={filters.from} onChange={(e) => setFilter({ from: e.target.value })} />
          </Field>
          <Field label={t("billing.filters.receivedTo")} size="xsmall">
            <Input size="small" type="date" value={filters.to} onChange={(e) => setFilter({ to: e.target.value })} />
          </Field>
          <FilterCheckbox id="filter-unapplied" label={t("billing.filters.unapplied")} checked={filters.unapplied} onChange={(unapplied) => setFilter({ unapplied })} />
        </div>
        <ListTable error={error} empty={t("billing.payments.empty")} />
      </DataTable>
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "billing.payments.title",
  translationNs: "translation",
  rank: 1,
})

export default PaymentsPage

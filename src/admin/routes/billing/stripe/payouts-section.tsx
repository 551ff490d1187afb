import { Container, createDataTableColumnHelper, DataTable, DataTablePaginationState, useDataTable } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useNavigate } from "react-router-dom"
import { ListHeader, ListTable } from "../../../components/list-table"
import { useBillingTranslation } from "../../../lib/i18n"
import { StripePayout, useStripePayouts } from "../../../lib/stripe"
import { PayoutStatusBadge, StripeId } from "./components"

const PAGE_SIZE = 10
const columnHelper = createDataTableColumnHelper<StripePayout>()

/** Billing → Stripe → Payouts: what Stripe moved to the bank, newest first; a row opens its balance transactions. */
export const PayoutsSection = () => {
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const navigate = useNavigate()
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const { data, isLoading, error } = useStripePayouts({ limit: PAGE_SIZE, offset: pagination.pageIndex * PAGE_SIZE })

  const columns = useMemo(
    () => [
      columnHelper.accessor("external_id", {
        header: t("billing.stripe.payouts.payout"),
        cell: ({ getValue }) => <StripeId value={getValue()} width="max-w-[200px]" />,
      }),
      columnHelper.accessor("status", {
        header: t("billing.stripe.statusLabel"),
        cell: ({ row }) => (
          <span className="flex flex-col items-start gap-y-0.5">
            <PayoutStatusBadge status={row.original.status} />
            {row.original.failure_message && (
              <span className="text-ui-fg-error block max-w-[220px] truncate text-xs" title={row.original.failure_message}>
                {row.original.failure_message}
              </span>
            )}
          </span>
        ),
      }),
      columnHelper.accessor("amount", {
        header: t("billing.stripe.payouts.amount"),
        cell: ({ row }) => <span className="whitespace-nowrap">{formatMoney(row.original.amount, row.original.currency_code)}</span>,
      }),
      columnHelper.accessor("arrival_date", {
        header: t("billing.stripe.payouts.arrival"),
        cell: ({ getValue }) => formatDate(getValue()),
      }),
      columnHelper.accessor("transaction_count", {
        header: t("billing.stripe.payouts.transactions"),
        // Balance transactions are fetched once the payout is paid; a failed or canceled payout carries none.
        cell: ({ row }) =>
          row.original.transactions_fetched_at
            ? row.original.transaction_count
            : ["failed", "canceled"].includes(row.original.status)
              ? "–"
              : t("billing.stripe.payouts.notFetched"),
      }),
    ],
    [t, formatMoney, formatDate]
  )

  const table = useDataTable({
    columns,
    data: data?.payouts ?? [],
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    onRowClick: (_, row) => navigate(`/billing/stripe/payouts/${row.id}`),
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  return (
    <Container className="divide-y p-0" data-testid="stripe-payouts">
      <DataTable instance={table}>
        <ListHeader title={t("billing.stripe.payouts.title")} subtitle={t("billing.stripe.payouts.subtitle")} level="h2" />
        <ListTable error={error} empty={t("billing.stripe.payouts.empty")} />
      </DataTable>
    </Container>
  )
}

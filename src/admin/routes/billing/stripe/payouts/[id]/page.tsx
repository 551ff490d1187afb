import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useParams } from "react-router-dom"
import { BackLink } from "../../../../../components/back-link"
import { DetailList, type DetailRow } from "../../../../../components/detail-list"
import { NoAccess } from "../../../../../components/no-access"
import { SectionHeader } from "../../../../../components/section-header"
import { useBillingTranslation } from "../../../../../lib/i18n"
import { useBillingPermissions } from "../../../../../lib/permissions"
import { useStripePayout, type StripeBalanceTransaction } from "../../../../../lib/stripe"
import { PayoutStatusBadge, StripeId, useFormatDateTime } from "../../components"

/** One Stripe payout and every balance transaction it carries: what was charged, what Stripe kept, what reached the bank. */
const PayoutDetailPage = () => {
  const { id } = useParams() as { id: string }
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const formatDateTime = useFormatDateTime()
  const { data, isLoading, error } = useStripePayout(id)
  const { canRead } = useBillingPermissions()

  if (!canRead("billing_stripe")) return <NoAccess what="stripe" />
  if (isLoading) return null
  if (error || !data) {
    return <Text className="text-ui-fg-error">{t("billing.errors.load", { message: error?.message ?? "" })}</Text>
  }
  const payout = data.payout
  const transactions = payout.balance_transactions
  const money = (txn: StripeBalanceTransaction, value: StripeBalanceTransaction["amount"]) => formatMoney(value, txn.currency_code)

  const summary: DetailRow[] = [
    [t("billing.stripe.payouts.amount"), formatMoney(payout.amount, payout.currency_code), "amount"],
    [t("billing.stripe.payouts.arrival"), formatDate(payout.arrival_date), "arrival"],
    [
      t("billing.stripe.payouts.transactions"),
      payout.transactions_fetched_at
        ? t("billing.stripe.payouts.fetchedAt", { count: payout.transaction_count, date: formatDate(payout.transactions_fetched_at) })
        : t("billing.stripe.payouts.notFetchedHint"),
      "transactions",
    ],
    ...(payout.failure_code || payout.failure_message
      ? ([[t("billing.stripe.payouts.failure"), <span className="text-ui-fg-error">{[payout.failure_code, payout.failure_message].filter(Boolean).join(": ")}</span>, "failure"]] as DetailRow[])
      : []),
  ]

  return (
    <div className="flex flex-col gap-y-3" data-testid="billing-payout-page">
      <BackLink to="/billing/stripe" label={t("billing.stripe.payouts.back")} />
      <Container className="divide-y p-0">
        <div className="flex items-center gap-x-3 px-6 py-4">
          <Heading>{t("billing.stripe.payouts.detailTitle", { id: payout.external_id })}</Heading>
          <PayoutStatusBadge status={payout.status} />
        </div>
        <DetailList rows={summary} className="gap-x-8 gap-y-2 px-6 py-4" testId="payout-summary" testIdPrefix="payout" />
      </Container>

      <Container className="divide-y p-0" data-testid="payout-transactions">
        <SectionHeader title={t("billing.stripe.payouts.balanceTransactions")} hint={t("billing.stripe.payouts.balanceTransactionsHint")} />
        {transactions.length === 0 ? (
          <Text size="small" className="text-ui-fg-subtle px-6 py-4">{t("billing.stripe.payouts.noTransactions")}</Text>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t("billing.stripe.payouts.created")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("billing.stripe.type")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("billing.stripe.payouts.transaction")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("billing.stripe.payouts.source")}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t("billing.stripe.payouts.gross")}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t("billing.stripe.payouts.fee")}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t("billing.stripe.payouts.net")}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t("billing.stripe.payouts.exchangeRate")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {transactions.map((txn) => (
                  <Table.Row key={txn.id} data-testid={`payout-transaction-${txn.external_id}`}>
                    <Table.Cell>{formatDateTime(txn.stripe_created_at)}</Table.Cell>
                    <Table.Cell>
                      <span title={txn.type}>{t(`billing.stripe.payouts.types.${txn.type}`, { defaultValue: txn.type })}</span>
                    </Table.Cell>
                    <Table.Cell>
                      <StripeId value={txn.external_id} width="max-w-[220px]" />
                    </Table.Cell>
                    <Table.Cell>
                      {/* What moved the money, and the charge behind it when that is another object (a refund's charge). */}
                      <span className="flex flex-col">
                        <StripeId value={txn.source_id} width="max-w-[220px]" />
                        {txn.charge_id && txn.charge_id !== txn.source_id && (
                          <span className="text-ui-fg-subtle flex items-center gap-x-1 text-xs">
                            {t("billing.stripe.payouts.ofCharge")} <StripeId value={txn.charge_id} width="max-w-[160px]" />
                          </span>
                        )}
                      </span>
                    </Table.Cell>
                    <Table.Cell className="whitespace-nowrap text-right">{money(txn, txn.amount)}</Table.Cell>
                    <Table.Cell className="whitespace-nowrap text-right">{money(txn, txn.fee)}</Table.Cell>
                    <Table.Cell className="whitespace-nowrap text-right">{money(txn, txn.net)}</Table.Cell>
                    <Table.Cell className="text-right font-mono text-xs">{txn.exchange_rate ?? "–"}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </Container>
    </div>
  )
}

export default PayoutDetailPage

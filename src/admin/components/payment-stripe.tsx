import { Container, StatusBadge, Table, Text } from "@medusajs/ui"
import { useBillingTranslation } from "../lib/i18n"
import type { AdminPaymentDetail } from "../lib/payments"
import { SectionHeader } from "./section-header"

const OUTCOME_COLORS = { open: "red", won: "green", lost: "red" } as const

/**
 * A payment's chargebacks (what each withdrew and reinstated, its fee, its deadline) and what
 * Stripe moved for it (gross, fee, net). Shown only for payments Stripe knows.
 */
export const PaymentStripeSections = ({ payment }: { payment: AdminPaymentDetail }) => {
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const disputes = payment.disputes ?? []
  const transactions = payment.stripe_balance_transactions ?? []
  const money = (v: number | string, currency = payment.currency_code) => formatMoney(v, currency)
  return (
    <>
      {disputes.length > 0 && (
        <Container className="divide-y p-0" data-testid="payment-disputes">
          <SectionHeader title={t("billing.dispute.title")} hint={t("billing.dispute.hint")} />
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("billing.dispute.dispute")}</Table.HeaderCell>
                <Table.HeaderCell>{t("billing.dispute.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("billing.dispute.evidenceDue")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("billing.dispute.withdrawn")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("billing.dispute.reinstated")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("billing.dispute.fee")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {disputes.map((d) => (
                <Table.Row key={d.id} data-testid={`dispute-${d.external_id}`}>
                  <Table.Cell>
                    <div className="flex flex-col">
                      <span className="font-mono text-xs">{d.external_id}</span>
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {d.reason ? t(`billing.dispute.reasons.${d.reason}`, { defaultValue: d.reason }) : "–"} · {money(d.amount)}
                      </Text>
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <StatusBadge color={OUTCOME_COLORS[d.outcome]}>{t(`billing.dispute.outcome.${d.outcome}`)}</StatusBadge>
                  </Table.Cell>
                  <Table.Cell>{d.outcome === "open" && d.evidence_due_by ? formatDate(d.evidence_due_by) : "–"}</Table.Cell>
                  <Table.Cell className="text-right">{money(d.amount_withdrawn)}</Table.Cell>
                  <Table.Cell className="text-right">{money(d.amount_reinstated)}</Table.Cell>
                  <Table.Cell className="text-right">{d.fee_currency_code ? money(d.fee, d.fee_currency_code) : "–"}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </Container>
      )}
      {transactions.length > 0 && (
        <Container className="divide-y p-0" data-testid="payment-stripe-transactions">
          <SectionHeader title={t("billing.dispute.stripeTitle")} />
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("billing.dispute.date")}</Table.HeaderCell>
                <Table.HeaderCell>{t("billing.dispute.type")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("billing.dispute.gross")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("billing.dispute.fee")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("billing.dispute.net")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {transactions.map((txn) => (
                <Table.Row key={txn.id}>
                  <Table.Cell>{formatDate(txn.stripe_created_at)}</Table.Cell>
                  <Table.Cell>
                    <span className="flex flex-col">
                      <span>{t(`billing.dispute.categories.${txn.type}`, { defaultValue: txn.type })}</span>
                      <span className="text-ui-fg-subtle font-mono text-xs">{txn.external_id}</span>
                    </span>
                  </Table.Cell>
                  <Table.Cell className="text-right">{money(txn.amount, txn.currency_code)}</Table.Cell>
                  <Table.Cell className="text-right">{money(txn.fee, txn.currency_code)}</Table.Cell>
                  <Table.Cell className="text-right">{money(txn.net, txn.currency_code)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </Container>
      )}
    </>
  )
}

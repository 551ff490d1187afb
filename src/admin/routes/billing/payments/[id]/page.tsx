import { ArrowDownTray, Envelope } from "@medusajs/icons"
import { Button, Container, Heading, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { BackLink } from "../../../../components/back-link"
import { DetailList, type DetailRow } from "../../../../components/detail-list"
import { NoAccess } from "../../../../components/no-access"
import { PaymentSourceBadge } from "../../../../components/payment-badges"
import { AllocateCreditDrawer, RefundDrawer } from "../../../../components/payment-drawers"
import { PaymentStripeSections } from "../../../../components/payment-stripe"
import { SectionHeader } from "../../../../components/section-header"
import { downloadFile } from "../../../../lib/download"
import { useBillingTranslation } from "../../../../lib/i18n"
import { isPositive, toMinor } from "../../../../lib/money"
import { useBillingPermissions } from "../../../../lib/permissions"
import { receiptUrl, useCollectionAccounts, useCustomerEmails, usePayment, usePaymentActions } from "../../../../lib/payments"

/** One payment: what it paid, what is left as credit, what was given back or disputed, and its receipt. */
const PaymentDetailPage = () => {
  const { id } = useParams() as { id: string }
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const { data, isLoading, error } = usePayment(id)
  const actions = usePaymentActions(id)
  const accounts = useCollectionAccounts().data?.collection_accounts ?? []
  const emails = useCustomerEmails(data ? [data.payment.customer_id] : [])
  const prompt = usePrompt()
  const [dialog, setDialog] = useState<"allocate" | "refund" | null>(null)
  const { can, canRead } = useBillingPermissions()

  if (!canRead("billing_payment")) return <NoAccess what="payments" />
  if (isLoading) return null
  if (error || !data) {
    return <Text className="text-ui-fg-error">{t("billing.errors.load", { message: error?.message ?? "" })}</Text>
  }
  const payment = data.payment
  const money = (v: number | string) => formatMoney(v, payment.currency_code)
  const account = accounts.find((a) => a.id === payment.collection_account_id)
  // Allocating, unapplying and sending the receipt change the payment (update); a refund is recorded (create).
  const mayUpdate = can("billing_payment", "update")
  const hasCredit = isPositive(payment.amount_unapplied, payment.currency_code) && mayUpdate
  const refundable =
    (toMinor(payment.amount, payment.currency_code) ?? 0n) > (toMinor(payment.amount_refunded, payment.currency_code) ?? 0n) &&
    can("billing_payment", "create")

  const unapply = async (allocationId: string, invoiceNumber: string | null) => {
    const confirmed = await prompt({
      title: t("billing.payment.unapplyTitle"),
      description: t("billing.payment.unapplyHint", { number: invoiceNumber ?? "" }),
      confirmText: t("billing.payment.unapply"),
      cancelText: t("billing.actions.cancel"),
    })
    if (!confirmed) return
    actions.unapply.mutate(allocationId, {
      onSuccess: () => toast.success(t("billing.payment.unapplied", { number: invoiceNumber ?? "" })),
      onError: (e) => toast.error(e.message),
    })
  }

  const send = () =>
    actions.send.mutate(undefined, {
      onSuccess: ({ sent_to }) => toast.success(t("billing.actions.sent", { email: sent_to })),
      onError: (e) => toast.error(e.message),
    })

  const summary: DetailRow[] = [
    [t("billing.invoices.customer"), <Link className="text-ui-fg-interactive" to={`/customers/${payment.customer_id}`}>{emails[payment.customer_id] ?? payment.customer_id}</Link>],
    [t("billing.payments.receivedAt"), formatDate(payment.received_at)],
    [t("billing.payments.method"), t(`billing.methods.${payment.method}`)],
    [t("billing.payments.account"), account?.name ?? "–"],
    [t("billing.payments.reference"), payment.reference ?? "–"],
    [t("billing.payments.note"), payment.note ?? "–"],
    [
      t("billing.payments.source"),
      <span className="flex flex-wrap items-center gap-x-2">
        <PaymentSourceBadge source={payment.source} />
        {payment.order_id && (
          <Link className="text-ui-fg-interactive" to={`/orders/${payment.order_id}`}>{t("billing.payment.openOrder")}</Link>
        )}
        {payment.external_id && <span className="text-ui-fg-subtle font-mono text-xs">{payment.external_id}</span>}
      </span>,
    ],
  ]
  const amounts: [string, number | string, string][] = [
    [t("billing.payments.amount"), payment.amount, "amount"],
    [t("billing.payment.allocated"), payment.amount_allocated, "allocated"],
    [t("billing.payments.unapplied"), payment.amount_unapplied, "unapplied"],
    [t("billing.payments.refunded"), payment.amount_refunded, "refunded"],
    ...(isPositive(payment.amount_disputed ?? 0, payment.currency_code)
      ? ([[t("billing.dispute.disputed"), payment.amount_disputed!, "disputed"]] as [string, number | string, string][])
      : []),
  ]

  return (
    <div className="flex flex-col gap-y-3" data-testid="billing-payment-page">
      <BackLink to="/billing/payments" label={t("billing.payments.back")} />
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
          <div>
            <Heading>
              {payment.receipt_number ? t("billing.payment.title", { number: payment.receipt_number }) : t("billing.payment.untitled")}
            </Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {money(payment.amount)} · {formatDate(payment.received_at)}
              {payment.receipt_sent_at ? ` · ${t("billing.payment.receiptSent", { date: formatDate(payment.receipt_sent_at) })}` : ""}
            </Text>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Button size="small" variant="secondary" onClick={() => downloadFile(receiptUrl(payment.id))}>
              <ArrowDownTray />
              {t("billing.payment.downloadReceipt")}
            </Button>
            {mayUpdate && (
              <Button size="small" variant="secondary" isLoading={actions.send.isPending} onClick={send}>
                <Envelope />
                {t("billing.payment.sendReceipt")}
              </Button>
            )}
            {hasCredit && (
              <Button size="small" variant="secondary" onClick={() => setDialog("allocate")}>
                {t("billing.payment.allocate")}
              </Button>
            )}
            {refundable && (
              <Button size="small" variant="secondary" onClick={() => setDialog("refund")}>
                {t("billing.payment.refund")}
              </Button>
            )}
          </div>
        </div>
        <div className={`grid grid-cols-2 gap-4 px-6 py-4 ${amounts.length > 4 ? "md:grid-cols-5" : "md:grid-cols-4"}`} data-testid="payment-amounts">
          {amounts.map(([label, value, key]) => (
            <div key={key} className="flex flex-col" data-testid={`payment-${key}`}>
              <Text size="small" className="text-ui-fg-subtle">{label}</Text>
              <Text size="large" weight="plus">{money(value)}</Text>
            </div>
          ))}
        </div>
        <DetailList rows={summary} className="gap-x-8 gap-y-2 px-6 py-4" />
      </Container>

      <Container className="divide-y p-0" data-testid="payment-allocations">
        <SectionHeader title={t("billing.payment.allocations")} />
        {payment.allocations.length ? (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("billing.type.invoice")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("billing.payments.amount")}</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {payment.allocations.map((allocation) => (
                <Table.Row key={allocation.id} data-testid={`allocation-${allocation.invoice_number}`}>
                  <Table.Cell>
                    <Link className="text-ui-fg-interactive" to={`/billing/invoices/${allocation.invoice_id}`}>
                      {allocation.invoice_number ?? allocation.invoice_id}
                    </Link>
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    {isPositive(allocation.amount, payment.currency_code) ? (
                      money(allocation.amount)
                    ) : (
                      <span className="flex justify-end gap-x-2">
                        <span className="text-ui-fg-muted line-through">{money(allocation.original_amount)}</span>
                        <span>{money(allocation.amount)}</span>
                      </span>
                    )}
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    {isPositive(allocation.amount, payment.currency_code) ? (
                      mayUpdate && <Button size="small" variant="transparent" onClick={() => unapply(allocation.id, allocation.invoice_number)}>
                        {t("billing.payment.unapply")}
                      </Button>
                    ) : allocation.unapplied_at ? (
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {t("billing.payment.unappliedOn", { date: formatDate(allocation.unapplied_at) })}
                      </Text>
                    ) : (
                      <Text size="xsmall" className="text-ui-fg-subtle">{t("billing.payment.takenBack")}</Text>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        ) : (
          <Text size="small" className="text-ui-fg-subtle px-6 py-4">{t("billing.payment.noAllocations")}</Text>
        )}
      </Container>

      <Container className="divide-y p-0" data-testid="payment-refunds">
        <SectionHeader title={t("billing.payment.refunds")} />
        {payment.refunds.length ? (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("billing.payment.refundedAt")}</Table.HeaderCell>
                <Table.HeaderCell>{t("billing.payment.refundReason")}</Table.HeaderCell>
                <Table.HeaderCell>{t("billing.payments.source")}</Table.HeaderCell>
                <Table.HeaderCell>{t("billing.type.credit_note")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("billing.payments.amount")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {payment.refunds.map((refund) => (
                <Table.Row key={refund.id}>
                  <Table.Cell>{formatDate(refund.refunded_at)}</Table.Cell>
                  <Table.Cell>{refund.reason ?? "–"}</Table.Cell>
                  <Table.Cell>
                    <span className="flex items-center gap-x-2">
                      <PaymentSourceBadge source={refund.source} />
                      {refund.external_id && <span className="text-ui-fg-subtle font-mono text-xs">{refund.external_id}</span>}
                    </span>
                  </Table.Cell>
                  <Table.Cell>
                    {refund.credit_note_id ? (
                      <Link className="text-ui-fg-interactive" to={`/billing/invoices/${refund.credit_note_id}`}>
                        {t("billing.payment.openCreditNote")}
                      </Link>
                    ) : (
                      "–"
                    )}
                  </Table.Cell>
                  <Table.Cell className="text-right">{money(refund.amount)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        ) : (
          <Text size="small" className="text-ui-fg-subtle px-6 py-4">{t("billing.payment.noRefunds")}</Text>
        )}
      </Container>
      <PaymentStripeSections payment={payment} />
      {dialog === "allocate" && <AllocateCreditDrawer payment={payment} onClose={() => setDialog(null)} />}
      {dialog === "refund" && <RefundDrawer payment={payment} onClose={() => setDialog(null)} />}
    </div>
  )
}

export default PaymentDetailPage

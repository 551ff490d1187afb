import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Button, Container, Heading, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { CustomerCollections } from "../components/customer-collections"
import { InvoiceStatusBadge } from "../components/invoice-status-badge"
import { PaymentSourceBadge } from "../components/payment-badges"
import { RecordPaymentDrawer } from "../components/record-payment-drawer"
import { StatementDrawer } from "../components/statement-drawer"
import { useCustomerBilling } from "../lib/customers"
import { useBillingTranslation } from "../lib/i18n"
import type { AdminInvoice } from "../lib/invoices"
import { isPositive } from "../lib/money"
import { useStoreCurrencies } from "../lib/payments"
import { useBillingPermissions } from "../lib/permissions"

/** Invoices that still ask for money. */
const OWING: AdminInvoice["status"][] = ["open", "partially_paid", "uncollectible"]

/**
 * The customer's Billing card: per currency what they owe, hold as credit and are late with;
 * their latest invoices and payments; "Record payment" and "Statement".
 */
const CustomerBillingWidget = ({ data: customer }: DetailWidgetProps<HttpTypes.AdminCustomer>) => {
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const { data, isLoading, error } = useCustomerBilling(customer.id)
  const storeCurrencies = useStoreCurrencies()
  const [dialog, setDialog] = useState<"payment" | "statement" | null>(null)
  const { can, canRead } = useBillingPermissions()
  const billing = data?.billing
  const balances = billing?.balances ?? []
  const invoices = billing?.recent_invoices ?? []
  const payments = billing?.recent_payments ?? []
  const currencies = [...new Set([...balances.map((b) => b.currency_code), ...storeCurrencies])]

  // A customer page is for many roles: without the right to read their billing the card stays out of the way.
  if (!canRead("billing_customer")) return null

  return (
    <Container className="divide-y p-0" data-testid="billing-customer-widget">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <Heading level="h2">{t("billing.widget.title")}</Heading>
        <div className="flex items-center gap-x-2">
          <Button size="small" variant="secondary" onClick={() => setDialog("statement")}>
            {t("billing.customer.statement")}
          </Button>
          {can("billing_payment", "create") && (
            <Button size="small" variant="secondary" onClick={() => setDialog("payment")}>
              {t("billing.customer.recordPayment")}
            </Button>
          )}
        </div>
      </div>
      {error && (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          {t("billing.errors.load", { message: error.message })}
        </Text>
      )}
      {!isLoading && !error && !balances.length && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">{t("billing.customer.nothingOwed")}</Text>
      )}
      {balances.length > 0 && (
        <Table data-testid="customer-balances">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("billing.filters.currency")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("billing.customer.balance")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("billing.customer.credit")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("billing.customer.overdue")}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {balances.map((b) => (
              <Table.Row key={b.currency_code} data-testid={`customer-balance-${b.currency_code}`}>
                <Table.Cell>{b.currency_code.toUpperCase()}</Table.Cell>
                <Table.Cell className="text-right">
                  <div className="flex flex-col items-end py-1">
                    <Text size="small" weight="plus">{formatMoney(b.balance, b.currency_code)}</Text>
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      {t("billing.customer.openInvoices", { count: b.open_invoices })}
                    </Text>
                  </div>
                </Table.Cell>
                <Table.Cell className="text-right">{formatMoney(b.unapplied_credit, b.currency_code)}</Table.Cell>
                <Table.Cell className={`text-right ${isPositive(b.overdue, b.currency_code) ? "text-ui-fg-error" : ""}`}>
                  {formatMoney(b.overdue, b.currency_code)}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="customer-recent-invoices">
        <Text size="small" weight="plus">{t("billing.customer.recentInvoices")}</Text>
        {!invoices.length && <Text size="small" className="text-ui-fg-subtle">{t("billing.customer.noInvoices")}</Text>}
        {invoices.slice(0, 5).map((invoice) => (
          <Link
            key={invoice.id}
            to={`/billing/invoices/${invoice.id}`}
            className="hover:bg-ui-bg-base-hover -mx-2 flex items-center justify-between gap-x-3 rounded-md px-2 py-1"
          >
            <div className="flex min-w-0 flex-col">
              <Text size="small" leading="compact" className="truncate">
                {t(`billing.type.${invoice.type ?? "invoice"}`)} {invoice.number ?? t("billing.invoices.draft")}
              </Text>
              <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
                {formatDate(invoice.issued_at)}
                {OWING.includes(invoice.status) ? ` · ${t("billing.invoices.amountDue")}: ${formatMoney(invoice.amount_due, invoice.currency_code)}` : ""}
              </Text>
            </div>
            <div className="flex shrink-0 items-center gap-x-2">
              <Text size="small" leading="compact">{formatMoney(invoice.total, invoice.currency_code)}</Text>
              <InvoiceStatusBadge status={invoice.status} dispute={invoice.dispute_status} overdue={invoice.overdue_at} writtenOff={invoice.amount_written_off} />
            </div>
          </Link>
        ))}
      </div>
      <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="customer-recent-payments">
        <Text size="small" weight="plus">{t("billing.customer.recentPayments")}</Text>
        {!payments.length && <Text size="small" className="text-ui-fg-subtle">{t("billing.customer.noPayments")}</Text>}
        {payments.slice(0, 5).map((payment) => (
          <Link
            key={payment.id}
            to={`/billing/payments/${payment.id}`}
            className="hover:bg-ui-bg-base-hover -mx-2 flex items-center justify-between gap-x-3 rounded-md px-2 py-1"
          >
            <div className="flex min-w-0 flex-col">
              <Text size="small" leading="compact" className="truncate">
                {payment.receipt_number ?? t(`billing.methods.${payment.method}`)}
              </Text>
              <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
                {formatDate(payment.received_at)} · {t(`billing.methods.${payment.method}`)}
                {isPositive(payment.amount_unapplied, payment.currency_code)
                  ? ` · ${t("billing.payments.unapplied")}: ${formatMoney(payment.amount_unapplied, payment.currency_code)}`
                  : ""}
                {isPositive(payment.amount_refunded, payment.currency_code)
                  ? ` · ${t("billing.payments.refunded")}: ${formatMoney(payment.amount_refunded, payment.currency_code)}`
                  : ""}
              </Text>
            </div>
            <div className="flex shrink-0 items-center gap-x-2">
              <Text size="small" leading="compact">{formatMoney(payment.amount, payment.currency_code)}</Text>
              <PaymentSourceBadge source={payment.source} />
            </div>
          </Link>
        ))}
      </div>
      {!isLoading && !error && <CustomerCollections customerId={customer.id} paused={billing?.reminders_paused} balances={balances} openInvoices={billing?.open_invoices} />}
      {dialog === "payment" && (
        <RecordPaymentDrawer
          customerId={customer.id}
          currencyCode={balances.find((b) => b.open_invoices > 0)?.currency_code ?? balances[0]?.currency_code}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === "statement" && (
        <StatementDrawer customerId={customer.id} currencies={currencies.length ? currencies : ["eur"]} onClose={() => setDialog(null)} />
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerBillingWidget

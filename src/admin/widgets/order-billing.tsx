import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { InvoiceStatusBadge } from "../components/invoice-status-badge"
import { useBillingTranslation } from "../lib/i18n"
import { useCreateInvoice, useInvoices } from "../lib/invoices"

/** The order's Billing card: its invoice(s) with status and amount, or a one-click "Create invoice". */
const OrderBillingWidget = ({ data: order }: DetailWidgetProps<HttpTypes.AdminOrder>) => {
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const { data, isLoading, error } = useInvoices({ order_id: order.id, limit: 50 })
  const createInvoice = useCreateInvoice()

  const onCreate = () =>
    createInvoice.mutate(order.id, {
      onSuccess: ({ invoice }) => toast.success(t("billing.widget.created", { number: invoice.number ?? "" })),
      onError: (e) => toast.error(e.message),
    })

  return (
    <Container className="divide-y p-0" data-testid="billing-order-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("billing.widget.title")}</Heading>
        {!isLoading && !data?.invoices.length && (
          <Button size="small" variant="secondary" onClick={onCreate} isLoading={createInvoice.isPending}>
            {t("billing.widget.createInvoice")}
          </Button>
        )}
      </div>
      {error && (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          {t("billing.errors.load", { message: error.message })}
        </Text>
      )}
      {!isLoading && !error && !data?.invoices.length && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          {t("billing.widget.noInvoice")}
        </Text>
      )}
      {data?.invoices.map((invoice) => (
        <Link
          key={invoice.id}
          to={`/billing/invoices/${invoice.id}`}
          className="hover:bg-ui-bg-base-hover flex items-center justify-between gap-x-4 px-6 py-4 transition-colors"
        >
          <div className="flex flex-col">
            <Text size="small" weight="plus" leading="compact">
              {t(`billing.type.${invoice.type}`)} {invoice.number ?? t("billing.invoices.draft")}
            </Text>
            <Text size="small" leading="compact" className="text-ui-fg-subtle">
              {t("billing.invoices.issuedAt")}: {formatDate(invoice.issued_at)} · {t("billing.invoices.dueAt")}:{" "}
              {formatDate(invoice.due_at)}
            </Text>
          </div>
          <div className="flex items-center gap-x-3">
            <Text size="small" leading="compact">
              {formatMoney(invoice.total, invoice.currency_code)}
            </Text>
            <InvoiceStatusBadge status={invoice.status} />
          </div>
        </Link>
      ))}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default OrderBillingWidget

import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { InvoiceActions } from "../components/invoice-actions"
import { InvoiceStatusBadge } from "../components/invoice-status-badge"
import { useBillingTranslation } from "../lib/i18n"
import { useCreateInvoice, useInvoices } from "../lib/invoices"
import { useBillingPermissions } from "../lib/permissions"

/**
 * The order's Billing card: its invoices and credit notes with status, number, due date and
 * amount due, each with its actions; "Create invoice" when the order has none yet.
 */
const OrderBillingWidget = ({ data: order }: DetailWidgetProps<HttpTypes.AdminOrder>) => {
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const { data, isLoading, error } = useInvoices({ order_id: order.id, limit: 50, order: "created_at", fields: "*lines" })
  const createInvoice = useCreateInvoice()
  const { can, canRead } = useBillingPermissions()
  const documents = data?.invoices ?? []
  const hasInvoice = documents.some((d) => d.type === "invoice" && d.origin === "order" && d.status !== "void")

  const onCreate = () =>
    createInvoice.mutate(order.id, {
      onSuccess: ({ invoice }) => toast.success(t("billing.widget.created", { number: invoice.number ?? "" })),
      onError: (e) => toast.error(e.message),
    })

  // An order page is for many roles: without the right to read invoices the card stays out of the way.
  if (!canRead("billing_invoice")) return null

  return (
    <Container className="divide-y p-0" data-testid="billing-order-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("billing.widget.title")}</Heading>
        {!isLoading && !hasInvoice && can("billing_invoice", "create") && (
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
      {!isLoading && !error && !documents.length && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          {t("billing.widget.noInvoice")}
        </Text>
      )}
      {documents.map((doc) => (
        <div key={doc.id} className="flex items-center justify-between gap-x-3 px-6 py-3" data-testid={`billing-document-${doc.number ?? doc.id}`}>
          <Link to={`/billing/invoices/${doc.id}`} className="hover:text-ui-fg-interactive flex min-w-0 flex-col">
            <Text size="small" weight="plus" leading="compact" className="truncate">
              {t(`billing.type.${doc.type}`)} {doc.number ?? t("billing.invoices.draft")}
            </Text>
            <Text size="small" leading="compact" className="text-ui-fg-subtle">
              {doc.type === "invoice" ? (
                <>
                  <span className="whitespace-nowrap">{t("billing.invoices.dueAtLabel", { date: formatDate(doc.due_at) })}</span>
                  {" · "}
                  <span className="whitespace-nowrap">{t("billing.invoices.amountDueLabel", { amount: formatMoney(doc.amount_due, doc.currency_code) })}</span>
                </>
              ) : (
                doc.reason ?? ""
              )}
            </Text>
            {/* Badges on their own line: the number stays readable beside two badges. */}
            <span className="mt-1">
              <InvoiceStatusBadge status={doc.status} dispute={doc.dispute_status} overdue={doc.overdue_at} writtenOff={doc.amount_written_off} />
            </span>
          </Link>
          <div className="flex shrink-0 items-center gap-x-2">
            <Text size="small" leading="compact">
              {formatMoney(doc.total, doc.currency_code)}
            </Text>
            <InvoiceActions invoice={doc} />
          </div>
        </div>
      ))}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default OrderBillingWidget

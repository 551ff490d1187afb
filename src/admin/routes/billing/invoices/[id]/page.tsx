import { Button, Container, Heading, StatusBadge, Table, Text, Tooltip, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { BackLink } from "../../../../components/back-link"
import { InvoiceActions } from "../../../../components/invoice-actions"
import { InvoiceActivity } from "../../../../components/invoice-activity"
import { InvoiceReminders } from "../../../../components/invoice-reminders"
import { InvoiceStatusBadge } from "../../../../components/invoice-status-badge"
import { NoAccess } from "../../../../components/no-access"
import { RecordPaymentDrawer } from "../../../../components/record-payment-drawer"
import { SectionHeader } from "../../../../components/section-header"
import { CollectWithStripeButton, StripePaymentLinkCard } from "../../../../components/stripe-payment-link"
import { useBillingTranslation } from "../../../../lib/i18n"
import { useCreditNotes, useInvoice, useInvoiceActions } from "../../../../lib/invoices"
import { useBillingPermissions } from "../../../../lib/permissions"

/** One invoice as the customer would read it: buyer, lines, totals, tax summary. */
const InvoiceDetailPage = () => {
  const { id } = useParams() as { id: string }
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const { data, isLoading, error } = useInvoice(id)
  const { issue } = useInvoiceActions(id)
  const creditNotes = useCreditNotes(id)
  const [recording, setRecording] = useState(false)
  const { can, canRead } = useBillingPermissions()

  if (!canRead("billing_invoice")) return <NoAccess what="invoices" />
  if (isLoading) return null
  if (error || !data) {
    return <Text className="text-ui-fg-error">{t("billing.errors.load", { message: error?.message ?? "" })}</Text>
  }
  const invoice = data.invoice
  const money = (v: number | string | null | undefined) => formatMoney(v, invoice.currency_code)
  // What is still owed can be collected: with a Stripe link, or recorded as paid (for a known customer).
  const collectable = invoice.type === "invoice" && ["open", "partially_paid"].includes(invoice.status)
  const payable = collectable && !!invoice.customer_id && can("billing_payment", "create")
  // A payment link is created (POST) on the invoice; reminders are sent on it too.
  const mayUpdate = can("billing_invoice", "update")
  const buyer = invoice.buyer ?? {}
  const address = buyer.address ?? {}

  const totals: [string, number | null | undefined][] = [
    [t("billing.invoice.subtotal"), invoice.subtotal],
    [t("billing.invoice.shipping"), invoice.shipping_total],
    [t("billing.invoice.discount"), invoice.discount_total],
    [t("billing.invoice.tax"), invoice.tax_total],
    ...(Number(invoice.rounding_total) !== 0
      ? ([[t("billing.invoice.rounding"), invoice.rounding_total]] as [string, number][])
      : []),
  ]

  return (
    <div className="flex flex-col gap-y-3" data-testid="billing-invoice-page">
      <BackLink to="/billing" label={t("billing.invoices.back")} />
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4" data-testid="invoice-header">
          <div className="flex items-center gap-x-3">
            <Heading>
              {invoice.number
                ? t(invoice.type === "credit_note" ? "billing.invoice.creditNoteTitle" : "billing.invoice.title", { number: invoice.number })
                : t("billing.invoice.draftTitle")}
            </Heading>
            <InvoiceStatusBadge status={invoice.status} dispute={invoice.dispute_status} overdue={invoice.overdue_at} writtenOff={invoice.amount_written_off} />
            {invoice.review_flagged_at && (
              <Tooltip content={t("billing.invoice.reviewHint", { date: formatDate(invoice.review_flagged_at) })}>
                <span>
                  <StatusBadge color="orange" data-testid="invoice-review">{t("billing.invoice.review")}</StatusBadge>
                </span>
              </Tooltip>
            )}
          </div>
          <div className="flex items-center gap-x-2">
          {invoice.status === "draft" && mayUpdate && (
            <Button
              size="small"
              isLoading={issue.isPending}
              onClick={() =>
                issue.mutate(undefined, {
                  onSuccess: ({ invoice }) => toast.success(t("billing.invoice.issued", { number: invoice.number })),
                  onError: (e) => toast.error(e.message),
                })
              }
            >
              {t("billing.invoice.issue")}
            </Button>
          )}
          {collectable && mayUpdate && <CollectWithStripeButton invoiceId={invoice.id} />}
          {payable && (
            <Button size="small" variant="secondary" onClick={() => setRecording(true)}>
              {t("billing.customer.recordPayment")}
            </Button>
          )}
          <InvoiceActions invoice={invoice} />
          </div>
        </div>
        {(invoice.void_reason || invoice.reason) && (
          <div className="px-6 py-3">
            <Text size="small" className="text-ui-fg-subtle">
              {invoice.void_reason
                ? `${t("billing.invoice.voidReason")}: ${invoice.void_reason}`
                : `${t("billing.invoice.reason")}: ${invoice.reason}`}
              {invoice.original_invoice_id && (
                <>
                  {" · "}
                  <Link className="text-ui-fg-interactive" to={`/billing/invoices/${invoice.original_invoice_id}`}>
                    {t("billing.invoice.originalInvoice")}
                  </Link>
                </>
              )}
            </Text>
          </div>
        )}
        <div className="grid grid-cols-1 gap-6 px-6 py-4 md:grid-cols-2">
          <div>
            <Text size="small" weight="plus">{t("billing.invoice.billTo")}</Text>
            {[buyer.company, buyer.name, address.address_1, address.address_2,
              [address.postal_code, address.city].filter(Boolean).join(" "), address.country_code?.toUpperCase(),
              buyer.tax_id, buyer.email]
              .filter(Boolean)
              .map((line, i) => (
                <Text key={i} size="small" className="text-ui-fg-subtle">{line}</Text>
              ))}
          </div>
          <div className="grid grid-cols-2 gap-y-1">
            <Text size="small" weight="plus">{t("billing.invoices.order")}</Text>
            <Text size="small">
              {invoice.order_id ? <Link className="text-ui-fg-interactive" to={`/orders/${invoice.order_id}`}>#{invoice.order_display_id}</Link> : "–"}
            </Text>
            <Text size="small" weight="plus">{t("billing.invoices.issuedAt")}</Text>
            <Text size="small">{formatDate(invoice.issued_at)}</Text>
            {invoice.type === "invoice" && (
              <>
                <Text size="small" weight="plus">{t("billing.invoices.dueAt")}</Text>
                <Text size="small">{formatDate(invoice.due_at)}</Text>
                <Text size="small" weight="plus">{t("billing.invoice.paymentTerms")}</Text>
                <Text size="small">
                  {invoice.payment_terms_days
                    ? t("billing.invoice.netDays", { count: invoice.payment_terms_days })
                    : t("billing.invoice.dueOnReceipt")}
                </Text>
              </>
            )}
            <Text size="small" weight="plus">{t("billing.invoice.currency")}</Text>
            <Text size="small">{invoice.currency_code.toUpperCase()}</Text>
          </div>
        </div>
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("billing.invoice.item")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("billing.invoice.quantity")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("billing.invoice.unitPrice")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("billing.invoice.discount")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("billing.invoice.tax")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("billing.invoice.lineTotal")}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {[...(invoice.lines ?? [])].sort((a, b) => a.rank - b.rank).map((line) => (
              <Table.Row key={line.id}>
                <Table.Cell>
                  <div className="flex flex-col py-2">
                    <Text size="small" weight="plus">
                      {line.kind === "rounding" ? t("billing.invoice.roundingLine") : line.title}
                    </Text>
                    {(line.subtitle || line.sku) && (
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {[line.subtitle, line.sku].filter(Boolean).join(" · ")}
                      </Text>
                    )}
                  </div>
                </Table.Cell>
                <Table.Cell className="text-right">{line.quantity}</Table.Cell>
                <Table.Cell className="text-right">{money(line.unit_price)}</Table.Cell>
                <Table.Cell className="text-right">{money(line.discount_total)}</Table.Cell>
                <Table.Cell className="text-right">
                  {money(line.tax_total)}
                  {line.tax_lines?.length ? (
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      {line.tax_lines.map((tl) => `${tl.rate}%`).join(" + ")}
                    </Text>
                  ) : null}
                </Table.Cell>
                <Table.Cell className="text-right">{money(line.total)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
        <div className="flex flex-col items-end gap-y-1 px-6 py-4">
          {totals.map(([label, value]) => (
            <div key={label} className="flex w-72 justify-between">
              <Text size="small" className="text-ui-fg-subtle">{label}</Text>
              <Text size="small">{money(value)}</Text>
            </div>
          ))}
          <div className="flex w-72 justify-between border-t pt-2">
            <Text weight="plus">{t("billing.invoice.total")}</Text>
            <Text weight="plus">{money(invoice.total)}</Text>
          </div>
          {invoice.type === "invoice" && invoice.status !== "draft" && (
            <>
              <div className="flex w-72 justify-between">
                <Text size="small" className="text-ui-fg-subtle">{t("billing.invoice.paid")}</Text>
                <Text size="small">{money(invoice.amount_paid)}</Text>
              </div>
              <div className="flex w-72 justify-between">
                <Text size="small" className="text-ui-fg-subtle">{t("billing.invoice.credited")}</Text>
                <Text size="small">{money(invoice.amount_credited)}</Text>
              </div>
              {Number(invoice.amount_written_off ?? 0) > 0 && (
                <div className="flex w-72 justify-between" data-testid="invoice-amount-written-off">
                  <Text size="small" className="text-ui-fg-subtle">{t("billing.invoice.writtenOff")}</Text>
                  <Text size="small">{money(invoice.amount_written_off)}</Text>
                </div>
              )}
              <div className="flex w-72 justify-between" data-testid="invoice-amount-due">
                <Text size="small" weight="plus">{t("billing.invoices.amountDue")}</Text>
                <Text size="small" weight="plus">{money(invoice.amount_due)}</Text>
              </div>
            </>
          )}
          {invoice.source_total !== null && String(invoice.source_total) !== String(invoice.total) && (
            <Text size="xsmall" className="text-ui-fg-muted">
              {t("billing.invoice.sourceTotal")}: {invoice.source_total}
            </Text>
          )}
        </div>
        {!!invoice.tax_summary?.length && (
          <div className="px-6 py-4">
            <Text size="small" weight="plus" className="mb-2">{t("billing.invoice.taxSummary")}</Text>
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t("billing.invoice.rate")}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t("billing.invoice.taxableAmount")}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t("billing.invoice.taxAmount")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {invoice.tax_summary.map((entry) => (
                  <Table.Row key={`${entry.code}-${entry.rate}`}>
                    <Table.Cell>{entry.rate}%{entry.code ? ` (${entry.code})` : ""}</Table.Cell>
                    <Table.Cell className="text-right">{money(entry.taxable_amount)}</Table.Cell>
                    <Table.Cell className="text-right">{money(entry.amount)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </Container>
      {collectable && <StripePaymentLinkCard invoiceId={invoice.id} />}
      {!!creditNotes.data?.credit_notes.length && (
        <Container className="divide-y p-0" data-testid="invoice-credit-notes">
          <SectionHeader title={t("billing.invoice.creditNotes")} />
          {creditNotes.data.credit_notes.map((cn) => (
            <Link key={cn.id} to={`/billing/invoices/${cn.id}`} className="hover:bg-ui-bg-base-hover flex justify-between px-6 py-3">
              <Text size="small" weight="plus">{cn.number ?? t("billing.invoices.draft")} · {cn.reason}</Text>
              <Text size="small">{money(cn.total)}</Text>
            </Link>
          ))}
        </Container>
      )}
      {invoice.type === "invoice" && invoice.status !== "draft" && (
        <InvoiceReminders invoiceId={invoice.id} currency={invoice.currency_code} canRemind={collectable && mayUpdate} />
      )}
      <InvoiceActivity id={invoice.id} currency={invoice.currency_code} />
      {recording && invoice.customer_id && (
        <RecordPaymentDrawer customerId={invoice.customer_id} invoice={invoice} onClose={() => setRecording(false)} />
      )}
    </div>
  )
}

export default InvoiceDetailPage

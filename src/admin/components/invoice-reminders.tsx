import { Button, Container, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useCollectionActions, useInvoiceReminders } from "../lib/collections"
import { useBillingTranslation } from "../lib/i18n"
import { useFormatDateTime } from "../routes/billing/stripe/components"
import { TitleBlock } from "./section-header"

/** "3 days before due", "On the due date", "7 days overdue": a reminder level in words. */
export function useLevelName() {
  const { t, dayCount } = useBillingTranslation()
  return (days: number) =>
    days === 0
      ? t("billing.settings.reminders.onDueDate")
      : days < 0
        ? dayCount("billing.settings.reminders.before", -days)
        : dayCount("billing.settings.reminders.after", days)
}

/** The invoice's Reminders card: every reminder sent (by schedule or by hand), and "Send reminder now". */
export const InvoiceReminders = ({ invoiceId, currency, canRemind }: { invoiceId: string; currency: string; canRemind: boolean }) => {
  const { t, formatMoney } = useBillingTranslation()
  const formatDateTime = useFormatDateTime()
  const levelName = useLevelName()
  const { data, error } = useInvoiceReminders(invoiceId)
  const { remind } = useCollectionActions()
  const reminders = data?.reminders ?? []

  const send = () =>
    remind.mutate(invoiceId, {
      onSuccess: ({ reminder }) =>
        toast.success(reminder?.to ? t("billing.reminders.sentTo", { to: reminder.to }) : t("billing.reminders.sent")),
      onError: (e) => toast.error(e.message),
    })

  return (
    <Container className="divide-y p-0" data-testid="invoice-reminders">
      <div className="flex items-center justify-between px-6 py-4">
        <TitleBlock title={t("billing.reminders.title")} hint={t("billing.reminders.hint")} level="h2" />
        {canRemind && (
          <Button size="small" variant="secondary" isLoading={remind.isPending} onClick={send} data-testid="send-reminder">
            {t("billing.reminders.sendNow")}
          </Button>
        )}
      </div>
      {error && <Text size="small" className="text-ui-fg-error px-6 py-4">{t("billing.errors.load", { message: error.message })}</Text>}
      {!error && !reminders.length && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">{t("billing.reminders.none")}</Text>
      )}
      {reminders.length > 0 && (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("billing.reminders.sentAt")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.reminders.level")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.reminders.to")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.reminders.subject")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("billing.invoices.amountDue")}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {reminders.map((r) => (
              <Table.Row key={r.id} data-testid="invoice-reminder">
                <Table.Cell>{formatDateTime(r.sent_at)}</Table.Cell>
                <Table.Cell>
                  <span className="flex items-center gap-x-1.5">
                    {/* A reminder sent by hand belongs to no level of the schedule. */}
                    {r.level === null || r.level === undefined ? null : levelName(r.level)}
                    <StatusBadge color={r.trigger === "manual" ? "blue" : "grey"}>{t(`billing.reminders.triggers.${r.trigger}`)}</StatusBadge>
                  </span>
                </Table.Cell>
                <Table.Cell>{r.to ?? "–"}</Table.Cell>
                <Table.Cell>
                  <span className="flex flex-col py-1">
                    <span className="line-clamp-1">{r.subject}</span>
                    {r.fee_invoice_id && (
                      <Link className="text-ui-fg-interactive text-xs" to={`/billing/invoices/${r.fee_invoice_id}`}>
                        {t("billing.reminders.feeInvoice")}
                      </Link>
                    )}
                  </span>
                </Table.Cell>
                <Table.Cell className="text-right">{formatMoney(r.amount_due, currency)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

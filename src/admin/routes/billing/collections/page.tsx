import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, Input, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { PromiseStatusBadge, RemindersPausedBadge, useFormatDay } from "../../../components/collections-badges"
import { ContactNoteDrawer, OwingInvoice, PauseRemindersDrawer, PromiseDrawer, WriteOffDrawer } from "../../../components/collections-drawers"
import { Field } from "../../../components/field"
import { NoAccess } from "../../../components/no-access"
import { RecordPaymentDrawer } from "../../../components/record-payment-drawer"
import { TitleBlock } from "../../../components/section-header"
import { CollectionCustomer, CollectionInvoice, useCollectionActions, useCollectionsQueue } from "../../../lib/collections"
import { useBillingTranslation } from "../../../lib/i18n"
import type { AdminInvoice } from "../../../lib/invoices"
import { useBillingPermissions } from "../../../lib/permissions"

const PAGE_SIZE = 20

type Dialog =
  | { kind: "promise" | "note" | "pause" | "payment"; customer: CollectionCustomer; invoice?: undefined }
  | { kind: "payment" | "write-off"; customer: CollectionCustomer; invoice: CollectionInvoice }

/**
 * Billing → Collections: customers with overdue invoices, the riskiest first, each with what is
 * overdue, the last contact, the next action and the promise to pay, and one click for each step of
 * collecting: remind, record a payment, note a promise or a call, write off, pause reminders.
 */
const CollectionsPage = () => {
  const { t, pagination: paginationText } = useBillingTranslation()
  const [currency, setCurrency] = useState("")
  const [offset, setOffset] = useState(0)
  const { data, isLoading, error } = useCollectionsQueue({
    limit: PAGE_SIZE,
    offset,
    ...(currency.trim().length === 3 ? { currency_code: currency.trim().toLowerCase() } : {}),
  })
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const customers = data?.customers ?? []
  const count = data?.count ?? 0
  const close = () => setDialog(null)
  const { canRead } = useBillingPermissions()

  // The queue is a receivables report (billing_report); each action below asks for its own right.
  if (!canRead("billing_report")) return <NoAccess what="collections" />

  return (
    <div className="flex flex-col gap-y-3" data-testid="billing-collections-page">
      <Container className="divide-y p-0">
        <div className="flex flex-col items-start justify-between gap-2 px-6 py-4 md:flex-row md:items-end">
          <TitleBlock title={t("billing.collections.title")} hint={t("billing.collections.subtitle")} />
          <Field label={t("billing.filters.currency")} htmlFor="collections-currency" size="xsmall">
            <Input
              id="collections-currency"
              size="small"
              className="w-20"
              placeholder="EUR"
              value={currency}
              onChange={(e) => {
                setCurrency(e.target.value)
                setOffset(0)
              }}
            />
          </Field>
        </div>
        {error && <Text className="text-ui-fg-error px-6 py-4">{t("billing.errors.load", { message: error.message })}</Text>}
        {!isLoading && !error && !customers.length && (
          <Text size="small" className="text-ui-fg-subtle px-6 py-6" data-testid="collections-empty">{t("billing.collections.empty")}</Text>
        )}
      </Container>
      {customers.map((customer) => (
        <CustomerCard key={`${customer.customer_id}-${customer.currency_code}`} customer={customer} onAction={setDialog} />
      ))}
      {count > PAGE_SIZE && (
        <div className="flex items-center justify-between px-2">
          <Text size="small" className="text-ui-fg-subtle">
            {offset + 1} — {Math.min(offset + PAGE_SIZE, count)} {paginationText.of} {count} {paginationText.results}
          </Text>
          <div className="flex gap-x-2">
            <Button size="small" variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              {paginationText.prev}
            </Button>
            <Button size="small" variant="secondary" disabled={offset + PAGE_SIZE >= count} onClick={() => setOffset(offset + PAGE_SIZE)}>
              {paginationText.next}
            </Button>
          </div>
        </div>
      )}
      {dialog?.kind === "promise" && (
        <PromiseDrawer
          customerId={dialog.customer.customer_id}
          currencyCode={dialog.customer.currency_code}
          invoices={dialog.customer.invoices.map((i) => owing(i, dialog.customer))}
          onClose={close}
        />
      )}
      {dialog?.kind === "note" && <ContactNoteDrawer customerId={dialog.customer.customer_id} onClose={close} />}
      {dialog?.kind === "pause" && <PauseRemindersDrawer customerId={dialog.customer.customer_id} onClose={close} />}
      {dialog?.kind === "write-off" && <WriteOffDrawer invoice={owing(dialog.invoice, dialog.customer)} onClose={close} />}
      {dialog?.kind === "payment" && (
        <RecordPaymentDrawer
          customerId={dialog.customer.customer_id}
          currencyCode={dialog.customer.currency_code}
          // The drawer needs only what the invoice owes, in which currency.
          invoice={dialog.invoice ? (owing(dialog.invoice, dialog.customer) as unknown as AdminInvoice) : undefined}
          onClose={close}
        />
      )}
    </div>
  )
}

const owing = (invoice: CollectionInvoice, customer: CollectionCustomer): OwingInvoice => ({
  id: invoice.id,
  number: invoice.number,
  amount_due: invoice.amount_due,
  currency_code: customer.currency_code,
})

const Figure = ({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) => (
  <div className="flex min-w-0 flex-col" data-testid={testId}>
    <Text size="xsmall" className="text-ui-fg-subtle">{label}</Text>
    <Text size="small" weight="plus" className="truncate">{children}</Text>
  </div>
)

/** One customer of the queue: figures, badges, actions, and the overdue invoices below. */
const CustomerCard = ({ customer, onAction }: { customer: CollectionCustomer; onAction: (dialog: Dialog) => void }) => {
  const { t, formatMoney, formatDate, dayCount } = useBillingTranslation()
  const formatDay = useFormatDay()
  const { remind, resume } = useCollectionActions()
  const { can } = useBillingPermissions()
  // Each button shows only when the route behind it would let this user through.
  const may = {
    addNotes: can("billing_customer", "create"),
    pause: can("billing_customer", "update"),
    pay: can("billing_payment", "create"),
    remind: can("billing_invoice", "update"),
    writeOff: can("billing_write_off", "create"),
  }
  const invoiceActions = may.remind || may.pay || may.writeOff
  const money = (v: number | string) => formatMoney(v, customer.currency_code)
  const contact = customer.last_contact
  const next = customer.next_action

  const sendReminder = (invoice: CollectionInvoice) =>
    remind.mutate(invoice.id, {
      onSuccess: ({ reminder }) =>
        toast.success(reminder?.to ? t("billing.reminders.sentTo", { to: reminder.to }) : t("billing.reminders.sent")),
      onError: (e) => toast.error(e.message),
    })

  return (
    <Container className="divide-y p-0" data-testid={`collections-customer-${customer.customer_id}-${customer.currency_code}`}>
      <div className="flex flex-col gap-3 px-6 py-4 lg:flex-row lg:items-start lg:justify-between">
        <div className="flex min-w-0 flex-col gap-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <Link to={`/customers/${customer.customer_id}`} className="text-ui-fg-base hover:text-ui-fg-interactive">
              <Heading level="h2">{customer.name || customer.email || customer.customer_id}</Heading>
            </Link>
            {customer.reminders_paused && <RemindersPausedBadge paused={customer.reminders_paused} />}
          </div>
          {customer.name && customer.email && <Text size="small" className="text-ui-fg-subtle">{customer.email}</Text>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {may.addNotes && (
            <>
              <Button size="small" variant="secondary" onClick={() => onAction({ kind: "promise", customer })}>
                {t("billing.collections.actions.promise")}
              </Button>
              <Button size="small" variant="secondary" onClick={() => onAction({ kind: "note", customer })}>
                {t("billing.collections.actions.note")}
              </Button>
            </>
          )}
          {may.pay && (
            <Button size="small" variant="secondary" onClick={() => onAction({ kind: "payment", customer })}>
              {t("billing.customer.recordPayment")}
            </Button>
          )}
          {!may.pause ? null : customer.reminders_paused?.reason === "manual" ? (
            <Button
              size="small"
              variant="secondary"
              isLoading={resume.isPending}
              onClick={() =>
                resume.mutate(customer.customer_id, {
                  onSuccess: () => toast.success(t("billing.collections.pause.resumed")),
                  onError: (e) => toast.error(e.message),
                })
              }
            >
              {t("billing.collections.actions.resume")}
            </Button>
          ) : (
            <Button size="small" variant="secondary" onClick={() => onAction({ kind: "pause", customer })}>
              {t("billing.collections.actions.pause")}
            </Button>
          )}
        </div>
      </div>
      <div className="grid grid-cols-2 gap-4 px-6 py-3 md:grid-cols-3 xl:grid-cols-6">
        <Figure label={t("billing.collections.overdue")} testId="collections-overdue">
          <span className="text-ui-fg-error">{money(customer.overdue_amount)}</span>
        </Figure>
        <Figure label={t("billing.collections.open")}>{money(customer.open_amount)}</Figure>
        <Figure label={t("billing.collections.oldest")}>{dayCount("billing.collections.days", customer.oldest_days_overdue, "billing.collections.day")}</Figure>
        <Figure label={t("billing.collections.lastContact")}>
          {contact ? `${formatDate(contact.created_at)} · ${t(`billing.collections.channels.${contact.channel}`)}` : "–"}
        </Figure>
        <Figure label={t("billing.collections.nextAction")}>
          {next ? `${next.action}${next.date ? ` · ${formatDay(next.date)}` : ""}` : "–"}
        </Figure>
        <div className="flex min-w-0 flex-col" data-testid="collections-promise">
          <Text size="xsmall" className="text-ui-fg-subtle">{t("billing.collections.promise.label")}</Text>
          {customer.promise ? (
            <span className="flex flex-wrap items-center gap-1.5">
              <Text size="small" weight="plus">{`${money(customer.promise.amount)} · ${formatDay(customer.promise.promised_date)}`}</Text>
              <PromiseStatusBadge status={customer.promise.status} />
            </span>
          ) : (
            <Text size="small" weight="plus">–</Text>
          )}
        </div>
      </div>
      {contact?.note && (
        <div className="px-6 py-2">
          <Text size="small" className="text-ui-fg-subtle line-clamp-2">“{contact.note}”</Text>
        </div>
      )}
      <Table className="table-fixed">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell className="w-[18%]">{t("billing.invoices.number")}</Table.HeaderCell>
            <Table.HeaderCell className="w-[14%]">{t("billing.invoices.dueAt")}</Table.HeaderCell>
            <Table.HeaderCell className="w-[11%] text-right">{t("billing.collections.daysOverdue")}</Table.HeaderCell>
            <Table.HeaderCell className="w-[12%] text-right">{t("billing.invoices.amountDue")}</Table.HeaderCell>
            <Table.HeaderCell className="w-[17%]">{t("billing.collections.lastReminder")}</Table.HeaderCell>
            {invoiceActions && <Table.HeaderCell className="text-right">{t("billing.collections.actions.title")}</Table.HeaderCell>}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {customer.invoices.map((invoice) => (
            <Table.Row key={invoice.id} data-testid={`collections-invoice-${invoice.number ?? invoice.id}`}>
              <Table.Cell>
                <Link className="text-ui-fg-interactive" to={`/billing/invoices/${invoice.id}`}>{invoice.number ?? invoice.id}</Link>
              </Table.Cell>
              <Table.Cell>{formatDate(invoice.due_at)}</Table.Cell>
              <Table.Cell className="text-right">{invoice.days_overdue}</Table.Cell>
              <Table.Cell className="text-right">{money(invoice.amount_due)}</Table.Cell>
              <Table.Cell>
                {invoice.last_reminder_at
                  ? `${formatDate(invoice.last_reminder_at)}${invoice.reminder_levels?.filter((l) => l !== null).length ? ` · ${t("billing.collections.levels", { levels: invoice.reminder_levels.filter((l) => l !== null).join(", ") })}` : ""}`
                  : "–"}
              </Table.Cell>
              {invoiceActions && (
                <Table.Cell>
                  <div className="flex justify-end gap-x-1.5 py-1">
                    {may.remind && (
                      <Button size="small" variant="transparent" isLoading={remind.isPending && remind.variables === invoice.id} onClick={() => sendReminder(invoice)}>
                        {t("billing.collections.actions.remind")}
                      </Button>
                    )}
                    {may.pay && (
                      <Button size="small" variant="transparent" onClick={() => onAction({ kind: "payment", customer, invoice })}>
                        {t("billing.collections.actions.pay")}
                      </Button>
                    )}
                    {may.writeOff && (
                      <Button size="small" variant="transparent" onClick={() => onAction({ kind: "write-off", customer, invoice })}>
                        {t("billing.collections.actions.writeOff")}
                      </Button>
                    )}
                  </div>
                </Table.Cell>
              )}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "billing.collections.nav",
  translationNs: "translation",
  rank: 2,
})

export default CollectionsPage

import { Button, Checkbox, Drawer, Input, Label, Select, Text, Textarea, toast } from "@medusajs/ui"
import { ReactNode, useState } from "react"
import { CONTACT_CHANNELS, ContactChannel, useCollectionActions, WRITE_OFF_REASONS, WriteOffReason } from "../lib/collections"
import { useBillingTranslation } from "../lib/i18n"
import { currencyDecimals, fromMinor, toMinor } from "../lib/money"
import { todayDay } from "../lib/reports"
import { Field } from "./field"

/** An invoice the drawers act on: what it is called and what it still owes. */
export type OwingInvoice = { id: string; number: string | null; amount_due: number | string; currency_code: string }

/** A drawer with a form: title, fields, Cancel and the action button. */
const FormDrawer = ({
  title,
  testId,
  onClose,
  submitLabel,
  onSubmit,
  pending,
  danger,
  children,
}: {
  title: string
  testId: string
  onClose: () => void
  submitLabel: string
  onSubmit: () => void
  pending: boolean
  danger?: boolean
  children: ReactNode
}) => {
  const { t } = useBillingTranslation()
  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid={testId}>
        <Drawer.Header>
          <Drawer.Title>{title}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">{children}</Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>{t("billing.actions.cancel")}</Button>
          <Button variant={danger ? "danger" : "primary"} isLoading={pending} onClick={onSubmit} data-testid={`${testId}-submit`}>
            {submitLabel}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

/** "12.50" checked against the currency: an error to show, or null. */
function useAmountError(amount: string, currency: string, max?: number | string) {
  const { t, formatMoney } = useBillingTranslation()
  const minor = toMinor(amount, currency)
  if (minor === null || minor <= 0n) {
    return t("billing.checkout.errors.amount", { currency: currency.toUpperCase(), decimals: currencyDecimals(currency) })
  }
  const maxMinor = max === undefined ? null : toMinor(max, currency)
  if (maxMinor !== null && minor > maxMinor) {
    return t("billing.collections.errors.aboveDue", { amount: formatMoney(fromMinor(maxMinor, currency), currency) })
  }
  return null
}

/** A promise to pay an amount by a day, about some of the customer's overdue invoices. */
export const PromiseDrawer = ({
  customerId,
  currencyCode,
  invoices,
  onClose,
}: {
  customerId: string
  currencyCode: string
  invoices: OwingInvoice[]
  onClose: () => void
}) => {
  const { t, formatMoney } = useBillingTranslation()
  const { promise } = useCollectionActions()
  const [chosen, setChosen] = useState<string[]>(invoices.map((i) => i.id))
  const total = invoices
    .filter((i) => chosen.includes(i.id))
    .reduce((sum, i) => sum + (toMinor(i.amount_due, currencyCode) ?? 0n), 0n)
  const [amount, setAmount] = useState<string | null>(null)
  const amountNow = amount ?? (total > 0n ? fromMinor(total, currencyCode) : "")
  const [date, setDate] = useState(todayDay())
  const [note, setNote] = useState("")
  const [submitted, setSubmitted] = useState(false)
  const amountError = useAmountError(amountNow, currencyCode)
  const dateError = !/^\d{4}-\d{2}-\d{2}$/.test(date) ? t("billing.collections.errors.date") : null

  const submit = () => {
    setSubmitted(true)
    if (amountError || dateError) return
    promise.mutate(
      {
        customerId,
        currency_code: currencyCode,
        amount: Number(amountNow.trim()),
        promised_date: date,
        ...(chosen.length ? { invoice_ids: chosen } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: () => {
          toast.success(t("billing.collections.promise.saved", { amount: formatMoney(amountNow.trim(), currencyCode) }))
          onClose()
        },
        onError: (e) => toast.error(e.message),
      }
    )
  }

  return (
    <FormDrawer
      title={t("billing.collections.promise.title")}
      testId="promise-drawer"
      onClose={onClose}
      submitLabel={t("billing.collections.promise.submit")}
      onSubmit={submit}
      pending={promise.isPending}
    >
      <Text size="small" className="text-ui-fg-subtle">{t("billing.collections.promise.hint")}</Text>
      {invoices.length > 0 && (
        <div className="flex flex-col gap-y-2">
          <Label size="small">{t("billing.collections.promise.invoices")}</Label>
          {invoices.map((invoice) => (
            <div key={invoice.id} className="flex items-center justify-between gap-x-2">
              <div className="flex items-center gap-x-2">
                <Checkbox
                  id={`promise-invoice-${invoice.id}`}
                  checked={chosen.includes(invoice.id)}
                  onCheckedChange={(v) => setChosen(v === true ? [...chosen, invoice.id] : chosen.filter((id) => id !== invoice.id))}
                />
                <Label size="small" htmlFor={`promise-invoice-${invoice.id}`}>{invoice.number ?? invoice.id}</Label>
              </div>
              <Text size="small">{formatMoney(invoice.amount_due, currencyCode)}</Text>
            </div>
          ))}
        </div>
      )}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <Field label={t("billing.collections.promise.amount", { currency: currencyCode.toUpperCase() })} htmlFor="promise-amount" error={submitted ? amountError : null}>
          <Input id="promise-amount" name="amount" inputMode="decimal" value={amountNow} onChange={(e) => setAmount(e.target.value)} />
        </Field>
        <Field label={t("billing.collections.promise.date")} htmlFor="promise-date" error={submitted ? dateError : null}>
          <Input id="promise-date" name="promised_date" type="date" min={todayDay()} value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
      </div>
      <Field label={t("billing.collections.note")} htmlFor="promise-note">
        <Textarea id="promise-note" name="note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
    </FormDrawer>
  )
}

/** A note of a call, email, visit… with the next action and its day. */
export const ContactNoteDrawer = ({ customerId, onClose }: { customerId: string; onClose: () => void }) => {
  const { t } = useBillingTranslation()
  const { note: save } = useCollectionActions()
  const [channel, setChannel] = useState<ContactChannel>("call")
  const [note, setNote] = useState("")
  const [nextAction, setNextAction] = useState("")
  const [nextDate, setNextDate] = useState("")
  const [submitted, setSubmitted] = useState(false)
  const noteError = note.trim() ? null : t("billing.collections.errors.note")

  const submit = () => {
    setSubmitted(true)
    if (noteError) return
    save.mutate(
      {
        customerId,
        channel,
        note: note.trim(),
        ...(nextAction.trim() ? { next_action: nextAction.trim() } : {}),
        ...(nextDate ? { next_action_date: nextDate } : {}),
      },
      {
        onSuccess: () => {
          toast.success(t("billing.collections.contact.saved"))
          onClose()
        },
        onError: (e) => toast.error(e.message),
      }
    )
  }

  return (
    <FormDrawer
      title={t("billing.collections.contact.title")}
      testId="contact-note-drawer"
      onClose={onClose}
      submitLabel={t("billing.collections.contact.submit")}
      onSubmit={submit}
      pending={save.isPending}
    >
      <Field label={t("billing.collections.contact.channel")}>
        <Select value={channel} onValueChange={(v) => setChannel(v as ContactChannel)}>
          <Select.Trigger data-testid="contact-channel"><Select.Value /></Select.Trigger>
          <Select.Content>
            {CONTACT_CHANNELS.map((c) => (
              <Select.Item key={c} value={c}>{t(`billing.collections.channels.${c}`)}</Select.Item>
            ))}
          </Select.Content>
        </Select>
      </Field>
      <Field label={t("billing.collections.contact.note")} htmlFor="contact-note" error={submitted ? noteError : null}>
        <Textarea id="contact-note" name="note" rows={4} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <Field label={t("billing.collections.contact.nextAction")} htmlFor="contact-next-action">
          <Input id="contact-next-action" name="next_action" value={nextAction} onChange={(e) => setNextAction(e.target.value)} />
        </Field>
        <Field label={t("billing.collections.contact.nextActionDate")} htmlFor="contact-next-date">
          <Input id="contact-next-date" name="next_action_date" type="date" value={nextDate} onChange={(e) => setNextDate(e.target.value)} />
        </Field>
      </div>
    </FormDrawer>
  )
}

/** Gives up on (part of) what an invoice owes, with a reason; at most what it owes. */
export const WriteOffDrawer = ({ invoice, onClose }: { invoice: OwingInvoice; onClose: () => void }) => {
  const { t, formatMoney } = useBillingTranslation()
  const { writeOff } = useCollectionActions()
  const currency = invoice.currency_code
  const [amount, setAmount] = useState(String(invoice.amount_due))
  const [reason, setReason] = useState<WriteOffReason>("bad_debt")
  const [note, setNote] = useState("")
  const [submitted, setSubmitted] = useState(false)
  const amountError = useAmountError(amount, currency, invoice.amount_due)

  const submit = () => {
    setSubmitted(true)
    if (amountError) return
    writeOff.mutate(
      { invoiceId: invoice.id, amount: Number(amount.trim()), reason, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          toast.success(t("billing.collections.writeOff.saved", { amount: formatMoney(amount.trim(), currency), number: invoice.number ?? "" }))
          onClose()
        },
        onError: (e) => toast.error(e.message),
      }
    )
  }

  return (
    <FormDrawer
      title={t("billing.collections.writeOff.title", { number: invoice.number ?? "" })}
      testId="write-off-drawer"
      onClose={onClose}
      submitLabel={t("billing.collections.writeOff.submit")}
      onSubmit={submit}
      pending={writeOff.isPending}
      danger
    >
      <Text size="small" className="text-ui-fg-subtle">
        {t("billing.collections.writeOff.hint", { amount: formatMoney(invoice.amount_due, currency) })}
      </Text>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <Field label={t("billing.collections.writeOff.amount", { currency: currency.toUpperCase() })} htmlFor="write-off-amount" error={submitted ? amountError : null}>
          <Input id="write-off-amount" name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
        <Field label={t("billing.collections.writeOff.reason")}>
          <Select value={reason} onValueChange={(v) => setReason(v as WriteOffReason)}>
            <Select.Trigger data-testid="write-off-reason"><Select.Value /></Select.Trigger>
            <Select.Content>
              {WRITE_OFF_REASONS.map((r) => (
                <Select.Item key={r} value={r}>{t(`billing.collections.writeOffReasons.${r}`)}</Select.Item>
              ))}
            </Select.Content>
          </Select>
        </Field>
      </div>
      <Field label={t("billing.collections.note")} htmlFor="write-off-note">
        <Textarea id="write-off-note" name="note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
    </FormDrawer>
  )
}

/** Stops scheduled reminders for a customer, until a day or until resumed. */
export const PauseRemindersDrawer = ({ customerId, onClose }: { customerId: string; onClose: () => void }) => {
  const { t } = useBillingTranslation()
  const { pause } = useCollectionActions()
  const [until, setUntil] = useState("")
  const [reason, setReason] = useState("")

  const submit = () =>
    pause.mutate(
      { customerId, ...(until ? { until } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: () => {
          toast.success(t("billing.collections.pause.saved"))
          onClose()
        },
        onError: (e) => toast.error(e.message),
      }
    )

  return (
    <FormDrawer
      title={t("billing.collections.pause.title")}
      testId="pause-reminders-drawer"
      onClose={onClose}
      submitLabel={t("billing.collections.pause.submit")}
      onSubmit={submit}
      pending={pause.isPending}
    >
      <Text size="small" className="text-ui-fg-subtle">{t("billing.collections.pause.hint")}</Text>
      <Field label={t("billing.collections.pause.until")} htmlFor="pause-until" hint={t("billing.collections.pause.untilHint")}>
        <Input id="pause-until" name="until" type="date" min={todayDay()} value={until} onChange={(e) => setUntil(e.target.value)} />
      </Field>
      <Field label={t("billing.collections.pause.reason")} htmlFor="pause-reason">
        <Textarea id="pause-reason" name="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
    </FormDrawer>
  )
}

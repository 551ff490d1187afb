import { CheckCircleSolid } from "@medusajs/icons"
import { Button, Checkbox, Drawer, Input, Label, RadioGroup, Select, Text, Textarea, toast } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { useBillingTranslation } from "../lib/i18n"
import { usePayments } from "../lib/payments"
import {
  ReconciliationException,
  ResolutionAction,
  ResolveInput,
  useResolveException,
  WRITE_OFF_REASONS,
} from "../lib/reconciliation"
import { sdk } from "../lib/sdk"
import { describeError } from "../lib/stripe"
import { useOpenInvoices } from "./allocation-choice"
import { Field } from "./field"

type Customer = { id: string; email: string; first_name: string | null; last_name: string | null; company_name: string | null }

/**
 * Resolves an exception with one of the actions its type allows, asking only what that action
 * needs: who paid and which invoices (record a payment from a bank line), which payment it is
 * (link), what the difference is (write off), or why (explain: a note is required).
 */
export const ResolveExceptionDrawer = ({ exception, onClose }: { exception: ReconciliationException; onClose: () => void }) => {
  const { t, formatMoney } = useBillingTranslation()
  const resolve = useResolveException()
  const [action, setAction] = useState<ResolutionAction>(exception.actions[0] ?? "explain")
  const [note, setNote] = useState("")
  const [customer, setCustomer] = useState<Customer | null>(null)
  const [invoiceIds, setInvoiceIds] = useState<string[]>([])
  const [paymentId, setPaymentId] = useState("")
  const [reason, setReason] = useState<(typeof WRITE_OFF_REASONS)[number]>("fee")
  const [submitted, setSubmitted] = useState(false)
  const currency = exception.currency_code ?? ""
  // A bank line becomes a payment of a customer; a capture or refund is synced from its order.
  const fromBankLine = !!exception.links.bank_statement_line_id
  const needsCustomer = (action === "record_payment" && fromBankLine) || action === "link"

  const error =
    action === "explain" && !note.trim()
      ? t("billing.reconciliation.resolve.noteRequired")
      : needsCustomer && !customer
        ? t("billing.reconciliation.resolve.customerRequired")
        : action === "link" && !paymentId
          ? t("billing.reconciliation.resolve.paymentRequired")
          : null

  const submit = () => {
    setSubmitted(true)
    if (error) return
    const body: ResolveInput = {
      action,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(action === "record_payment" && fromBankLine ? { customer_id: customer!.id, invoice_ids: invoiceIds } : {}),
      ...(action === "link" ? { payment_id: paymentId } : {}),
      ...(action === "write_off" ? { reason } : {}),
    }
    resolve.mutate(
      { id: exception.id, ...body },
      {
        onSuccess: () => {
          toast.success(t("billing.reconciliation.resolve.done", { action: t(`billing.reconciliation.actions.${action}`) }))
          onClose()
        },
        onError: (e) => toast.error(describeError(e)),
      }
    )
  }

  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="resolve-exception-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("billing.reconciliation.resolve.title")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          <div className="bg-ui-bg-subtle flex flex-col gap-y-1 rounded-lg px-4 py-3">
            <Text size="small" weight="plus">{t(`billing.reconciliation.types.${exception.type}`, { defaultValue: exception.type })}</Text>
            <Text size="small" className="text-ui-fg-subtle">{exception.description}</Text>
            {exception.difference !== null && currency && (
              <Text size="small">{t("billing.reconciliation.exceptions.difference")}: {formatMoney(exception.difference, currency)}</Text>
            )}
          </div>
          <RadioGroup className="flex flex-col gap-y-2" value={action} onValueChange={(v) => setAction(v as ResolutionAction)}>
            {exception.actions.map((a) => (
              <RadioGroup.ChoiceBox
                key={a}
                value={a}
                label={t(`billing.reconciliation.actions.${a}`)}
                description={t(`billing.reconciliation.actionHints.${a}`)}
                data-testid={`resolve-action-${a}`}
              />
            ))}
          </RadioGroup>

          {needsCustomer && (
            <CustomerPicker
              value={customer}
              onChange={(c) => {
                setCustomer(c)
                setInvoiceIds([])
                setPaymentId("")
              }}
            />
          )}
          {action === "record_payment" && fromBankLine && customer && (
            <InvoicePicker customerId={customer.id} currency={currency} value={invoiceIds} onChange={setInvoiceIds} />
          )}
          {action === "link" && customer && <PaymentPicker customerId={customer.id} currency={currency} value={paymentId} onChange={setPaymentId} />}
          {action === "write_off" && (
            <Field label={t("billing.reconciliation.resolve.reason")}>
              <Select value={reason} onValueChange={(v) => setReason(v as typeof reason)}>
                <Select.Trigger data-testid="resolve-reason"><Select.Value /></Select.Trigger>
                <Select.Content>
                  {WRITE_OFF_REASONS.map((r) => (
                    <Select.Item key={r} value={r}>{t(`billing.reconciliation.writeOffReasons.${r}`)}</Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </Field>
          )}
          <div className="flex flex-col gap-y-1">
            <Label size="small" htmlFor="resolve-note">
              {t(action === "explain" ? "billing.reconciliation.resolve.noteRequiredLabel" : "billing.reconciliation.resolve.note")}
            </Label>
            <Textarea id="resolve-note" name="note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          {submitted && error && <Text size="small" className="text-ui-fg-error" data-testid="resolve-error">{error}</Text>}
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>{t("billing.actions.cancel")}</Button>
          <Button isLoading={resolve.isPending} disabled={submitted && !!error} onClick={submit} data-testid="resolve-submit">
            {t("billing.reconciliation.resolve.submit")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

const customerName = (c: Customer) => [c.first_name, c.last_name].filter(Boolean).join(" ") || c.company_name || c.email

/** Finds a customer by name, email or company, and shows the one chosen. */
const CustomerPicker = ({ value, onChange }: { value: Customer | null; onChange: (c: Customer | null) => void }) => {
  const { t } = useBillingTranslation()
  const [q, setQ] = useState("")
  const { data, isFetching } = useQuery({
    queryKey: ["billing", "customers", "search", q.trim()],
    queryFn: () =>
      sdk.admin.customer.list({ q: q.trim(), limit: 8, fields: "id,email,first_name,last_name,company_name" }) as Promise<{ customers: Customer[] }>,
    enabled: q.trim().length >= 2,
  })
  const found = q.trim().length >= 2 ? data?.customers ?? [] : []
  return (
    <div className="flex flex-col gap-y-2" data-testid="resolve-customer-picker">
      <Label size="small" htmlFor="resolve-customer">{t("billing.reconciliation.resolve.customer")}</Label>
      {value ? (
        <div className="shadow-borders-base flex items-center justify-between rounded-md px-3 py-2" data-testid="resolve-customer-chosen">
          <div className="flex items-center gap-x-2">
            <CheckCircleSolid className="text-ui-fg-interactive" />
            <div className="flex flex-col">
              <Text size="small" weight="plus">{customerName(value)}</Text>
              <Text size="xsmall" className="text-ui-fg-subtle">{value.email}</Text>
            </div>
          </div>
          <Button size="small" variant="transparent" onClick={() => onChange(null)}>{t("billing.reconciliation.resolve.change")}</Button>
        </div>
      ) : (
        <>
          <Input
            id="resolve-customer"
            name="customer"
            type="search"
            placeholder={t("billing.reconciliation.resolve.customerSearch")}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          {found.length > 0 && (
            <div className="shadow-borders-base flex flex-col divide-y rounded-md">
              {found.map((c) => (
                <button
                  key={c.id}
                  type="button"
                  className="hover:bg-ui-bg-base-hover flex flex-col items-start px-3 py-2 text-left"
                  onClick={() => onChange(c)}
                  data-testid={`resolve-customer-${c.email}`}
                >
                  <Text size="small" weight="plus">{customerName(c)}</Text>
                  <Text size="xsmall" className="text-ui-fg-subtle">{c.email}</Text>
                </button>
              ))}
            </div>
          )}
          {q.trim().length >= 2 && !isFetching && !found.length && (
            <Text size="xsmall" className="text-ui-fg-subtle">{t("billing.reconciliation.resolve.noCustomers")}</Text>
          )}
        </>
      )}
    </div>
  )
}

/** The customer's open invoices in the line's currency; those ticked are paid by the line, oldest first. */
const InvoicePicker = ({ customerId, currency, value, onChange }: { customerId: string; currency: string; value: string[]; onChange: (ids: string[]) => void }) => {
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const { invoices, isLoading } = useOpenInvoices(customerId, currency)
  if (isLoading) return null
  return (
    <div className="flex flex-col gap-y-2" data-testid="resolve-invoices">
      <Label size="small">{t("billing.reconciliation.resolve.invoices")}</Label>
      {invoices.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">{t("billing.reconciliation.resolve.noInvoices", { currency: currency.toUpperCase() })}</Text>
      ) : (
        invoices.map((invoice) => (
          <div key={invoice.id} className="flex items-center gap-x-2">
            <Checkbox
              id={`resolve-invoice-${invoice.id}`}
              checked={value.includes(invoice.id)}
              onCheckedChange={(v) => onChange(v === true ? [...value, invoice.id] : value.filter((id) => id !== invoice.id))}
            />
            <Label htmlFor={`resolve-invoice-${invoice.id}`} size="small" className="flex flex-1 justify-between">
              <span>{invoice.number} · {formatDate(invoice.due_at)}</span>
              <span>{formatMoney(invoice.amount_due, invoice.currency_code)}</span>
            </Label>
          </div>
        ))
      )}
      {invoices.length > 0 && <Text size="xsmall" className="text-ui-fg-subtle">{t("billing.reconciliation.resolve.invoicesHint")}</Text>}
    </div>
  )
}

/** The customer's payments in the line's currency, newest first: the one this line is. */
const PaymentPicker = ({ customerId, currency, value, onChange }: { customerId: string; currency: string; value: string; onChange: (id: string) => void }) => {
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const { data, isLoading } = usePayments({ customer_id: customerId, ...(currency ? { currency_code: currency } : {}), limit: 20 })
  const payments = data?.payments ?? []
  if (isLoading) return null
  return (
    <div className="flex flex-col gap-y-2" data-testid="resolve-payments">
      <Label size="small">{t("billing.reconciliation.resolve.payment")}</Label>
      {payments.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">{t("billing.reconciliation.resolve.noPayments")}</Text>
      ) : (
        <RadioGroup className="flex flex-col gap-y-2" value={value} onValueChange={onChange}>
          {payments.map((p) => (
            <div key={p.id} className="flex items-center gap-x-2">
              <RadioGroup.Item value={p.id} id={`resolve-payment-${p.id}`} />
              <Label htmlFor={`resolve-payment-${p.id}`} size="small" className="flex flex-1 justify-between gap-x-2">
                <span className="truncate">{[p.receipt_number, formatDate(p.received_at), p.reference].filter(Boolean).join(" · ")}</span>
                <span className="whitespace-nowrap">{formatMoney(p.amount, p.currency_code)}</span>
              </Label>
            </div>
          ))}
        </RadioGroup>
      )}
    </div>
  )
}

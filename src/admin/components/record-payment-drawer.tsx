import { ArrowDownTray } from "@medusajs/icons"
import { Button, Checkbox, Drawer, Input, Label, Select, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { downloadFile } from "../lib/download"
import { useBillingTranslation } from "../lib/i18n"
import type { AdminInvoice } from "../lib/invoices"
import { currencyDecimals, fromMinor, toMinor } from "../lib/money"
import {
  AdminPaymentDetail,
  AllocationInput,
  PAYMENT_METHODS,
  PaymentMethod,
  receiptUrl,
  useCollectionAccounts,
  useRecordPayment,
  useStoreCurrencies,
} from "../lib/payments"
import { useBillingSettings } from "../lib/settings"
import { AllocationChoice, AllocationMode, checkAllocations, useOpenInvoices } from "./allocation-choice"
import { CurrencyField, Field } from "./field"

type Props = {
  customerId: string
  /** The currency to start with (the invoice's, or the customer's first balance). */
  currencyCode?: string
  /** Opened from an invoice: that invoice is chosen, for what it still owes. */
  invoice?: AdminInvoice
  onClose: () => void
}

/** Today in the admin's time zone, as the date input wants it (YYYY-MM-DD). */
const today = () => {
  const now = new Date()
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10)
}

/**
 * The checkout: money received from a customer, applied to their open invoices automatically
 * (oldest due first) or as chosen; what is not applied stays the customer's credit.
 */
export const RecordPaymentDrawer = ({ customerId, currencyCode, invoice, onClose }: Props) => {
  const { t } = useBillingTranslation()
  const [result, setResult] = useState<AdminPaymentDetail | null>(null)

  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="record-payment-drawer">
        <Drawer.Header>
          <Drawer.Title>{t(result ? "billing.checkout.doneTitle" : "billing.checkout.title")}</Drawer.Title>
        </Drawer.Header>
        {result ? (
          <PaymentResult payment={result} onClose={onClose} />
        ) : (
          <PaymentForm customerId={customerId} currencyCode={currencyCode} invoice={invoice} onClose={onClose} onRecorded={setResult} />
        )}
      </Drawer.Content>
    </Drawer>
  )
}

const PaymentForm = ({ customerId, currencyCode, invoice, onClose, onRecorded }: Props & { onRecorded: (p: AdminPaymentDetail) => void }) => {
  const { t } = useBillingTranslation()
  const settings = useBillingSettings().data?.settings
  const accounts = useCollectionAccounts().data?.collection_accounts ?? []
  const storeCurrencies = useStoreCurrencies()
  const record = useRecordPayment()

  const [currency, setCurrency] = useState(invoice?.currency_code ?? currencyCode ?? "")
  const currencyNow = currency || storeCurrencies[0] || "eur"
  const [amount, setAmount] = useState(invoice ? String(invoice.amount_due) : "")
  const [method, setMethod] = useState<PaymentMethod | "">("")
  const [accountId, setAccountId] = useState("none")
  const [receivedAt, setReceivedAt] = useState(today())
  const [reference, setReference] = useState("")
  const [note, setNote] = useState("")
  const [mode, setMode] = useState<AllocationMode>(invoice ? "choose" : "auto")
  // Until the per-invoice amounts are edited, the invoice this was opened from takes the payment, up to what it owes.
  const [edited, setEdited] = useState<Record<string, string> | null>(null)
  const [sendReceipt, setSendReceipt] = useState<boolean | null>(null)
  const [submitted, setSubmitted] = useState(false)

  const { invoices } = useOpenInvoices(customerId, currencyNow)
  const methods = PAYMENT_METHODS.filter((m) => !settings || settings.payment_methods.includes(m))
  const methodNow = method || (methods.includes("bank_transfer") ? "bank_transfer" : methods[0])
  const usableAccounts = accounts.filter((a) => a.is_active && (!a.currency_code || a.currency_code === currencyNow))
  const currencies = [...new Set([currencyNow, ...storeCurrencies])]
  const sendReceiptNow = sendReceipt ?? settings?.email_receipts ?? false

  const amountMinor = toMinor(amount, currencyNow)
  const dueMinor = invoice ? toMinor(invoice.amount_due, currencyNow) : null
  const chosen =
    edited ??
    (invoice && amountMinor !== null && dueMinor !== null && amountMinor > 0n
      ? { [invoice.id]: fromMinor(amountMinor < dueMinor ? amountMinor : dueMinor, currencyNow) }
      : {})
  const amountError =
    amountMinor === null || amountMinor <= 0n
      ? t("billing.checkout.errors.amount", { currency: currencyNow.toUpperCase(), decimals: currencyDecimals(currencyNow) })
      : null
  const choice = mode === "choose" && invoices.length ? checkAllocations(t, invoices, chosen, amountMinor, currencyNow) : null
  const canSubmit = !amountError && !choice?.error && !!methodNow

  const submit = () => {
    setSubmitted(true)
    if (!canSubmit) return
    const allocate: AllocationInput = choice ? choice.allocations : "auto"
    record.mutate(
      {
        customer_id: customerId,
        currency_code: currencyNow,
        amount: amount.trim(),
        method: methodNow,
        ...(accountId !== "none" ? { collection_account_id: accountId } : {}),
        // Today means now (keeps the order of the day's payments); another day is that day.
        ...(receivedAt && receivedAt !== today() ? { received_at: receivedAt } : {}),
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        allocate,
        send_receipt: sendReceiptNow,
      },
      {
        onSuccess: ({ payment }) => {
          toast.success(t("billing.checkout.recorded", { number: payment.receipt_number ?? "" }))
          onRecorded(payment)
        },
        onError: (e) => toast.error(e.message),
      }
    )
  }

  return (
    <>
      <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
          <Field label={t("billing.payments.amount")} htmlFor="payment-amount" error={submitted ? amountError : null}>
            <Input id="payment-amount" name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </Field>
          <CurrencyField
            currencies={currencies}
            value={currencyNow}
            onChange={(v) => {
              setCurrency(v)
              setEdited({})
              setAccountId("none")
            }}
            disabled={!!invoice}
            testId="payment-currency"
          />
          <Field label={t("billing.payments.method")}>
            <Select value={methodNow} onValueChange={(v) => setMethod(v as PaymentMethod)}>
              <Select.Trigger data-testid="payment-method"><Select.Value /></Select.Trigger>
              <Select.Content>
                {methods.map((m) => (
                  <Select.Item key={m} value={m}>{t(`billing.methods.${m}`)}</Select.Item>
                ))}
              </Select.Content>
            </Select>
          </Field>
          <Field label={t("billing.payments.account")}>
            <Select value={accountId} onValueChange={setAccountId}>
              <Select.Trigger data-testid="payment-account"><Select.Value /></Select.Trigger>
              <Select.Content>
                <Select.Item value="none">{t("billing.checkout.noAccount")}</Select.Item>
                {usableAccounts.map((a) => (
                  <Select.Item key={a.id} value={a.id}>{a.name}</Select.Item>
                ))}
              </Select.Content>
            </Select>
          </Field>
          <Field label={t("billing.payments.receivedAt")} htmlFor="payment-received-at">
            <Input id="payment-received-at" type="date" name="received_at" value={receivedAt} max={today()} onChange={(e) => setReceivedAt(e.target.value)} />
          </Field>
          <Field label={t("billing.payments.reference")} htmlFor="payment-reference">
            <Input id="payment-reference" name="reference" value={reference} onChange={(e) => setReference(e.target.value)} />
          </Field>
        </div>
        <Field label={t("billing.payments.note")} htmlFor="payment-note">
          <Textarea id="payment-note" name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <div className="flex flex-col gap-y-2">
          <Label weight="plus">{t("billing.checkout.allocation")}</Label>
          <AllocationChoice
            mode={mode}
            onModeChange={setMode}
            invoices={invoices}
            chosen={chosen}
            onChosenChange={setEdited}
            currencyCode={currencyNow}
            error={choice?.error ?? null}
          />
        </div>
        <div className="flex items-center gap-x-2">
          <Checkbox id="send-receipt" checked={sendReceiptNow} onCheckedChange={(v) => setSendReceipt(v === true)} />
          <Label htmlFor="send-receipt" size="small">{t("billing.checkout.sendReceipt")}</Label>
        </div>
      </Drawer.Body>
      <Drawer.Footer>
        <Button variant="secondary" onClick={onClose}>{t("billing.actions.cancel")}</Button>
        <Button isLoading={record.isPending} disabled={submitted && !canSubmit} onClick={submit} data-testid="record-payment-submit">
          {t("billing.checkout.submit")}
        </Button>
      </Drawer.Footer>
    </>
  )
}

/** What was recorded: the receipt, what was applied to which invoice, and the credit left. */
const PaymentResult = ({ payment, onClose }: { payment: AdminPaymentDetail; onClose: () => void }) => {
  const { t, formatMoney } = useBillingTranslation()
  const money = (v: string | number) => formatMoney(v, payment.currency_code)
  const rows: [string, string][] = [
    [t("billing.payment.receipt"), payment.receipt_number ?? "–"],
    [t("billing.payments.amount"), money(payment.amount)],
    [t("billing.payment.allocated"), money(payment.amount_allocated)],
    [t("billing.checkout.creditLeft"), money(payment.amount_unapplied)],
  ]
  return (
    <>
      <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto" data-testid="record-payment-result">
        <div className="flex flex-col gap-y-2">
          {rows.map(([label, value]) => (
            <div key={label} className="flex justify-between">
              <Text size="small" className="text-ui-fg-subtle">{label}</Text>
              <Text size="small" weight="plus" data-testid={label === rows[0][0] ? "receipt-number" : undefined}>{value}</Text>
            </div>
          ))}
        </div>
        {payment.allocations.filter((a) => !a.unapplied_at).length > 0 && (
          <div className="flex flex-col gap-y-1">
            <Text size="small" weight="plus">{t("billing.payment.allocations")}</Text>
            {payment.allocations
              .filter((a) => !a.unapplied_at)
              .map((a) => (
                <div key={a.id} className="flex justify-between">
                  <Text size="small">{a.invoice_number}</Text>
                  <Text size="small">{money(a.amount)}</Text>
                </div>
              ))}
          </div>
        )}
      </Drawer.Body>
      <Drawer.Footer>
        <Button variant="secondary" onClick={() => downloadFile(receiptUrl(payment.id))}>
          <ArrowDownTray />
          {t("billing.payment.downloadReceipt")}
        </Button>
        <Button variant="secondary" asChild>
          <Link to={`/billing/payments/${payment.id}`}>{t("billing.checkout.openPayment")}</Link>
        </Button>
        <Button onClick={onClose}>{t("billing.checkout.close")}</Button>
      </Drawer.Footer>
    </>
  )
}

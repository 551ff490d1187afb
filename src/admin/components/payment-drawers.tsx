import { Button, Drawer, Input, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { useBillingTranslation } from "../lib/i18n"
import { currencyDecimals, fromMinor, isPositive, toMinor } from "../lib/money"
import { AdminPaymentDetail, usePaymentActions } from "../lib/payments"
import { AllocationChoice, AllocationMode, checkAllocations, useOpenInvoices } from "./allocation-choice"
import { Field } from "./field"

type Props = { payment: AdminPaymentDetail; onClose: () => void }

/** Applies a payment's unapplied credit to the customer's open invoices, automatically or as chosen. */
export const AllocateCreditDrawer = ({ payment, onClose }: Props) => {
  const { t, formatMoney } = useBillingTranslation()
  const { allocate } = usePaymentActions(payment.id)
  const { invoices } = useOpenInvoices(payment.customer_id, payment.currency_code)
  const [mode, setMode] = useState<AllocationMode>("auto")
  const [chosen, setChosen] = useState<Record<string, string>>({})
  const [submitted, setSubmitted] = useState(false)
  const credit = toMinor(payment.amount_unapplied, payment.currency_code)
  const choice = mode === "choose" ? checkAllocations(t, invoices, chosen, credit, payment.currency_code) : null

  const submit = () => {
    setSubmitted(true)
    if (choice?.error) return
    allocate.mutate(choice ? choice.allocations : "auto", {
      onSuccess: ({ payment }) => {
        toast.success(t("billing.payment.allocatedDone", { amount: formatMoney(payment.amount_allocated, payment.currency_code) }))
        onClose()
      },
      onError: (e) => toast.error(e.message),
    })
  }

  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="allocate-credit-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("billing.payment.allocateTitle")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          <Text size="small" className="text-ui-fg-subtle">
            {t("billing.payment.allocateHint", { amount: formatMoney(payment.amount_unapplied, payment.currency_code) })}
          </Text>
          <AllocationChoice
            mode={mode}
            onModeChange={setMode}
            invoices={invoices}
            chosen={chosen}
            onChosenChange={setChosen}
            currencyCode={payment.currency_code}
            error={submitted ? choice?.error ?? null : null}
          />
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>{t("billing.actions.cancel")}</Button>
          <Button isLoading={allocate.isPending} disabled={!invoices.length} onClick={submit}>
            {t("billing.payment.allocate")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

/** Records money given back from a payment: at most what was paid and not yet refunded. */
export const RefundDrawer = ({ payment, onClose }: Props) => {
  const { t, formatMoney } = useBillingTranslation()
  const { refund } = usePaymentActions(payment.id)
  // Most often what is refunded is the credit nobody needs: offer that.
  const [amount, setAmount] = useState(isPositive(payment.amount_unapplied, payment.currency_code) ? String(payment.amount_unapplied) : "")
  const [reason, setReason] = useState("")
  const [submitted, setSubmitted] = useState(false)
  const currency = payment.currency_code
  const minor = toMinor(amount, currency)
  const refundable = (toMinor(payment.amount, currency) ?? 0n) - (toMinor(payment.amount_refunded, currency) ?? 0n)
  const error =
    minor === null || minor <= 0n
      ? t("billing.checkout.errors.amount", { currency: currency.toUpperCase(), decimals: currencyDecimals(currency) })
      : minor > refundable
        ? t("billing.payment.refundTooMuch", { amount: formatMoney(fromMinor(refundable, currency), currency) })
        : null

  const submit = () => {
    setSubmitted(true)
    if (error) return
    refund.mutate(
      { amount: amount.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: () => {
          toast.success(t("billing.payment.refunded", { amount: formatMoney(amount.trim(), currency) }))
          onClose()
        },
        onError: (e) => toast.error(e.message),
      }
    )
  }

  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="refund-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("billing.payment.refundTitle")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t(payment.source === "medusa" ? "billing.payment.refundHintMedusa" : "billing.payment.refundHint")}
          </Text>
          <Field label={t("billing.payment.refundAmount", { currency: currency.toUpperCase() })} htmlFor="refund-amount" error={submitted ? error : null}>
            <Input id="refund-amount" name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </Field>
          <Field label={t("billing.payment.refundReason")} htmlFor="refund-reason">
            <Textarea id="refund-reason" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>{t("billing.actions.cancel")}</Button>
          <Button variant="danger" isLoading={refund.isPending} onClick={submit}>
            {t("billing.payment.refund")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

import { Button, Drawer, Input, Label, RadioGroup, Select, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { useBillingTranslation } from "../lib/i18n"
import { useCollectionAccounts } from "../lib/payments"
import { RUN_KINDS, RunKind, StartRunInput, Tolerances, useStartRun } from "../lib/reconciliation"
import { useBillingSettings } from "../lib/settings"
import { describeError } from "../lib/stripe"
import { Field } from "./field"

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The first and last day of last month, as the date inputs want them. */
function lastMonth() {
  const now = new Date()
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) }
}

/**
 * Starts a run: a Stripe payout (one, or those of a period), orders ↔ invoices ↔ payments for a
 * period, or a bank account's unmatched statement lines; tolerances only when they should differ
 * from the settings'. Opens the run, which shows its progress.
 */
export const NewRunDrawer = ({ onClose }: { onClose: () => void }) => {
  const { t } = useBillingTranslation()
  const navigate = useNavigate()
  const start = useStartRun()
  const accounts = (useCollectionAccounts().data?.collection_accounts ?? []).filter((a) => a.is_active && a.type === "bank")
  // What applies when a tolerance is left empty: the settings' value.
  const defaults = useBillingSettings().data?.settings.reconciliation
  const [kind, setKind] = useState<RunKind>("three_way")
  const [payoutId, setPayoutId] = useState("")
  const [{ from, to }, setPeriod] = useState(lastMonth())
  const [accountId, setAccountId] = useState("")
  const [tolerances, setTolerances] = useState<Record<keyof Tolerances, string>>({
    amount_tolerance: "",
    amount_tolerance_percent: "",
    date_tolerance_days: "",
  })
  const [submitted, setSubmitted] = useState(false)

  const needsPeriod = kind === "three_way" || (kind === "stripe_payout" && !payoutId.trim())
  const error =
    kind === "bank_statement"
      ? accountId
        ? null
        : t("billing.reconciliation.new.accountRequired")
      : needsPeriod && (!DAY.test(from) || !DAY.test(to))
        ? t("billing.reconciliation.new.periodRequired")
        : needsPeriod && from > to
          ? t("billing.reconciliation.new.badPeriod")
          : Object.values(tolerances).some((v) => v.trim() && !/^\d+(\.\d+)?$/.test(v.trim()))
            ? t("billing.reconciliation.new.badTolerance")
            : null

  const submit = () => {
    setSubmitted(true)
    if (error) return
    const given = Object.entries(tolerances).filter(([, v]) => v.trim())
    const body: StartRunInput = {
      kind,
      ...(kind === "stripe_payout" && payoutId.trim() ? { payout_id: payoutId.trim() } : {}),
      ...(needsPeriod ? { from, to } : {}),
      ...(kind === "bank_statement" ? { collection_account_id: accountId } : {}),
      ...(given.length ? { tolerances: Object.fromEntries(given.map(([k, v]) => [k, Number(v.trim())])) } : {}),
    }
    start.mutate(body, {
      onSuccess: ({ reconciliation }) => {
        toast.success(t("billing.reconciliation.new.started"))
        onClose()
        navigate(`/billing/reconciliation/${reconciliation.id}`)
      },
      onError: (e) => toast.error(describeError(e)),
    })
  }

  const tolerance = (key: keyof Tolerances) => (
    <Field label={t(`billing.reconciliation.new.tolerances.${key}`)} htmlFor={`tolerance-${key}`} size="xsmall">
      <Input
        id={`tolerance-${key}`}
        name={key}
        size="small"
        inputMode="decimal"
        placeholder={defaults ? String(defaults[key]) : t("billing.reconciliation.new.fromSettings")}
        value={tolerances[key]}
        onChange={(e) => setTolerances({ ...tolerances, [key]: e.target.value })}
      />
    </Field>
  )

  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="reconciliation-new-run-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("billing.reconciliation.new.title")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          <RadioGroup className="flex flex-col gap-y-2" value={kind} onValueChange={(v) => setKind(v as RunKind)}>
            {RUN_KINDS.map((k) => (
              <RadioGroup.ChoiceBox
                key={k}
                value={k}
                label={t(`billing.reconciliation.kinds.${k}`)}
                description={t(`billing.reconciliation.kindHints.${k}`)}
                data-testid={`run-kind-${k}`}
              />
            ))}
          </RadioGroup>
          {kind === "stripe_payout" && (
            <Field label={t("billing.reconciliation.new.payout")} htmlFor="run-payout" hint={t("billing.reconciliation.new.payoutHint")}>
              <Input id="run-payout" name="payout_id" placeholder="po_…" value={payoutId} onChange={(e) => setPayoutId(e.target.value)} />
            </Field>
          )}
          {needsPeriod && (
            <div className="grid grid-cols-2 gap-3">
              <Field label={t("billing.reconciliation.new.from")} htmlFor="run-from">
                <Input id="run-from" name="from" type="date" value={from} onChange={(e) => setPeriod({ from: e.target.value, to })} />
              </Field>
              <Field label={t("billing.reconciliation.new.to")} htmlFor="run-to">
                <Input id="run-to" name="to" type="date" value={to} onChange={(e) => setPeriod({ from, to: e.target.value })} />
              </Field>
            </div>
          )}
          {kind === "bank_statement" && (
            <Field label={t("billing.reconciliation.import.account")} hint={t("billing.reconciliation.new.bankHint")}>
              <Select value={accountId} onValueChange={setAccountId}>
                <Select.Trigger data-testid="run-account"><Select.Value placeholder={t("billing.reconciliation.import.chooseAccount")} /></Select.Trigger>
                <Select.Content>
                  {accounts.map((a) => (
                    <Select.Item key={a.id} value={a.id}>{`${a.name} · ${(a.currency_code ?? "").toUpperCase()}`}</Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </Field>
          )}
          <div className="flex flex-col gap-y-2">
            <Label size="small" weight="plus">{t("billing.reconciliation.new.tolerancesTitle")}</Label>
            <div className="grid grid-cols-3 gap-3">
              {tolerance("amount_tolerance")}
              {tolerance("amount_tolerance_percent")}
              {tolerance("date_tolerance_days")}
            </div>
          </div>
          {submitted && error && <Text size="small" className="text-ui-fg-error">{error}</Text>}
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>{t("billing.actions.cancel")}</Button>
          <Button isLoading={start.isPending} disabled={submitted && !!error} onClick={submit} data-testid="run-start">
            {t("billing.reconciliation.new.submit")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

import { Button, Container, Prompt, Select, StatusBadge, Table, Text, Textarea, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { useBillingTranslation } from "../lib/i18n"
import { useBillingPermissions } from "../lib/permissions"
import { endedMonths, usePeriodActions, usePeriods } from "../lib/reconciliation"
import { describeError } from "../lib/stripe"
import { Field } from "./field"
import { TitleBlock } from "./section-header"

/** "2026-10" → "October 2026" in the admin's language. */
function useFormatPeriod() {
  const { locale } = useBillingTranslation()
  return (period: string) => {
    const [year, month] = period.split("-").map(Number)
    return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, 1)))
  }
}

/**
 * Billing → Reconciliation → Periods: closing a month freezes everything dated in it (once
 * reconciled); reopening needs a reason, which goes in the activity log.
 */
export const PeriodsSection = () => {
  const { t, formatDate } = useBillingTranslation()
  const formatPeriod = useFormatPeriod()
  const { data, error } = usePeriods()
  const { close, reopen } = usePeriodActions()
  const prompt = usePrompt()
  const periods = data?.periods ?? []
  const closed = new Set(periods.filter((p) => p.status === "closed").map((p) => p.period))
  const months = endedMonths(12).filter((m) => !closed.has(m))
  const [month, setMonth] = useState("")
  const [reopening, setReopening] = useState<string | null>(null)
  const chosen = months.includes(month) ? month : months[0] ?? ""
  // Closing a month creates a period record; reopening changes it.
  const { can, canRead } = useBillingPermissions()
  const mayClose = can("billing_period", "create")
  const mayReopen = can("billing_period", "update")

  const closeMonth = async () => {
    if (!chosen) return
    const confirmed = await prompt({
      title: t("billing.reconciliation.periods.closeTitle", { period: formatPeriod(chosen) }),
      description: t("billing.reconciliation.periods.closeHint"),
      confirmText: t("billing.reconciliation.periods.close"),
      cancelText: t("billing.actions.cancel"),
    })
    if (!confirmed) return
    close.mutate(chosen, {
      onSuccess: () => toast.success(t("billing.reconciliation.periods.closed", { period: formatPeriod(chosen) })),
      onError: (e) => toast.error(describeError(e)),
    })
  }

  if (!canRead("billing_period")) return null

  return (
    <Container className="divide-y p-0" data-testid="reconciliation-periods">
      <div className="flex flex-col items-start justify-between gap-3 px-6 py-4 md:flex-row md:items-end">
        <TitleBlock title={t("billing.reconciliation.periods.title")} hint={t("billing.reconciliation.periods.subtitle")} level="h2" />
        {mayClose && (
          <div className="flex items-end gap-x-2">
            <Field label={t("billing.reconciliation.periods.month")} size="xsmall">
              <Select size="small" value={chosen} onValueChange={setMonth} disabled={!months.length}>
                <Select.Trigger className="w-44" data-testid="period-month"><Select.Value /></Select.Trigger>
                <Select.Content>
                  {months.map((m) => (
                    <Select.Item key={m} value={m}>{formatPeriod(m)}</Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </Field>
            <Button size="small" variant="secondary" disabled={!chosen} isLoading={close.isPending} onClick={closeMonth} data-testid="period-close">
              {t("billing.reconciliation.periods.closeMonth")}
            </Button>
          </div>
        )}
      </div>
      {error ? (
        <Text className="text-ui-fg-error px-6 py-4">{t("billing.errors.load", { message: error.message })}</Text>
      ) : periods.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">{t("billing.reconciliation.periods.empty")}</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("billing.reconciliation.periods.period")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.invoices.status")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.reconciliation.periods.closedAt")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.reconciliation.periods.reopened")}</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {periods.map((p) => (
              <Table.Row key={p.period} data-testid={`period-${p.period}`}>
                <Table.Cell>{formatPeriod(p.period)}</Table.Cell>
                <Table.Cell>
                  <StatusBadge color={p.status === "closed" ? "grey" : "green"} data-testid={`period-status-${p.status}`}>
                    {t(`billing.reconciliation.periods.status.${p.status}`)}
                  </StatusBadge>
                </Table.Cell>
                <Table.Cell>{p.status === "closed" ? formatDate(p.closed_at) : "–"}</Table.Cell>
                <Table.Cell>
                  {p.reopened_at ? (
                    <span className="flex flex-col">
                      {formatDate(p.reopened_at)}
                      {p.reopen_reason && <span className="text-ui-fg-subtle text-xs">{p.reopen_reason}</span>}
                    </span>
                  ) : (
                    "–"
                  )}
                </Table.Cell>
                <Table.Cell className="text-right">
                  {p.status === "closed" && mayReopen && (
                    <Button size="small" variant="secondary" onClick={() => setReopening(p.period)} data-testid={`period-reopen-${p.period}`}>
                      {t("billing.reconciliation.periods.reopen")}
                    </Button>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {reopening && (
        <ReopenPrompt
          period={formatPeriod(reopening)}
          pending={reopen.isPending}
          onCancel={() => setReopening(null)}
          onConfirm={(reason) =>
            reopen.mutate(
              { period: reopening, reason },
              {
                onSuccess: () => {
                  toast.success(t("billing.reconciliation.periods.reopenedDone", { period: formatPeriod(reopening) }))
                  setReopening(null)
                },
                onError: (e) => toast.error(describeError(e)),
              }
            )
          }
        />
      )}
    </Container>
  )
}

/** Reopening a closed month asks why. */
const ReopenPrompt = ({
  period,
  pending,
  onCancel,
  onConfirm,
}: {
  period: string
  pending: boolean
  onCancel: () => void
  onConfirm: (reason: string) => void
}) => {
  const { t } = useBillingTranslation()
  const [reason, setReason] = useState("")
  return (
    <Prompt open onOpenChange={(open) => !open && onCancel()}>
      <Prompt.Content data-testid="period-reopen-prompt">
        <Prompt.Header>
          <Prompt.Title>{t("billing.reconciliation.periods.reopenTitle", { period })}</Prompt.Title>
          <Prompt.Description>{t("billing.reconciliation.periods.reopenHint")}</Prompt.Description>
        </Prompt.Header>
        <Field label={t("billing.reconciliation.periods.reason")} htmlFor="period-reopen-reason" className="px-6 pb-4">
          <Textarea id="period-reopen-reason" name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <Prompt.Footer>
          <Prompt.Cancel onClick={onCancel}>{t("billing.actions.cancel")}</Prompt.Cancel>
          <Button size="small" isLoading={pending} disabled={!reason.trim()} onClick={() => onConfirm(reason.trim())} data-testid="period-reopen-submit">
            {t("billing.reconciliation.periods.reopen")}
          </Button>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}

import { StatusBadge, Tooltip } from "@medusajs/ui"
import type { PromiseStatus, RemindersPaused } from "../lib/collections"
import { useBillingTranslation } from "../lib/i18n"

const PROMISE_COLORS = { pending: "orange", kept: "green", broken: "red" } as const

/** A promise to pay: pending until its day, kept once paid, broken when the day passed without it. */
export const PromiseStatusBadge = ({ status }: { status: PromiseStatus }) => {
  const { t } = useBillingTranslation()
  return (
    <StatusBadge color={PROMISE_COLORS[status] ?? "grey"} data-testid={`promise-status-${status}`}>
      {t(`billing.collections.promiseStatus.${status}`)}
    </StatusBadge>
  )
}

/** A day of the store's calendar ("2026-12-15") as the admin reads dates. */
export function useFormatDay() {
  const { formatDate } = useBillingTranslation()
  return (day: string | null | undefined) => (day ? formatDate(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00` : day) : "–")
}

/** "Reminders paused" with why and until when (in a tooltip). */
export const RemindersPausedBadge = ({ paused }: { paused: RemindersPaused }) => {
  const { t } = useBillingTranslation()
  const formatDay = useFormatDay()
  const why = [
    t(`billing.collections.pauseReasons.${paused.reason}`),
    paused.until ? t("billing.collections.pausedUntil", { date: formatDay(paused.until) }) : null,
    paused.note,
  ]
    .filter(Boolean)
    .join(" · ")
  return (
    <Tooltip content={why}>
      <span>
        <StatusBadge color="grey" data-testid="reminders-paused">{t("billing.collections.remindersPaused")}</StatusBadge>
      </span>
    </Tooltip>
  )
}

import { StatusBadge, Text } from "@medusajs/ui"
import { useBillingTranslation } from "../lib/i18n"
import type { ReconciliationRun } from "../lib/reconciliation"

const RUN_COLORS = { running: "blue", completed: "green", failed: "red" } as const

/** Running, completed or failed. */
export const RunStatusBadge = ({ status }: { status: ReconciliationRun["status"] }) => {
  const { t } = useBillingTranslation()
  return (
    <StatusBadge color={RUN_COLORS[status] ?? "grey"} data-testid={`run-status-${status}`}>
      {t(`billing.reconciliation.status.${status}`)}
    </StatusBadge>
  )
}

/** Open (to resolve) or resolved. */
export const ExceptionStatusBadge = ({ status }: { status: "open" | "resolved" }) => {
  const { t } = useBillingTranslation()
  return (
    <StatusBadge color={status === "open" ? "orange" : "green"} data-testid={`exception-status-${status}`}>
      {t(`billing.reconciliation.exceptionStatus.${status}`)}
    </StatusBadge>
  )
}

/** "87 %" (whole percent, rounded down so that a run with one miss never shows 100 %), or "–". */
export function useFormatRate() {
  const { locale } = useBillingTranslation()
  return (rate: number | null | undefined) =>
    rate === null || rate === undefined
      ? "–"
      : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(Math.floor(rate * 100) / 100)
}

/** How far a run got: a bar while it runs ("12 of 40"), and the counts once it is done. */
export const RunProgress = ({ run, wide = false }: { run: ReconciliationRun; wide?: boolean }) => {
  const { t } = useBillingTranslation()
  const total = run.progress_total
  const done = Math.min(run.progress_done, total)
  const share = total ? done / total : 0
  return (
    <div className={`flex flex-col gap-y-1 ${wide ? "w-full" : "w-40"}`} data-testid={`run-progress-${run.id}`}>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total || 1}
        aria-valuenow={done}
        className="bg-ui-bg-component-hover h-1.5 w-full overflow-hidden rounded-full"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-500 ${
            run.status === "failed" ? "bg-ui-tag-red-icon" : run.status === "completed" ? "bg-ui-tag-green-icon" : "bg-ui-fg-interactive"
          }`}
          style={{ width: `${run.status === "completed" ? 100 : Math.round(share * 100)}%` }}
        />
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle whitespace-nowrap">
        {run.status === "running" && !total ? t("billing.reconciliation.starting") : t("billing.reconciliation.progress", { done, total })}
      </Text>
    </div>
  )
}

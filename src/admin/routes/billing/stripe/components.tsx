import { StatusBadge } from "@medusajs/ui"
import { useBillingTranslation } from "../../../lib/i18n"

/** Date and time to the second (events of one minute must be told apart), compact; the full date on hover. */
export function useFormatDateTime() {
  const { locale } = useBillingTranslation()
  return (value: string | null | undefined) => {
    if (!value) return "–"
    const date = new Date(value)
    const short = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).format(date)
    const full = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "long" }).format(date)
    return <span title={full} className="whitespace-nowrap">{short}</span>
  }
}

/** A long Stripe id in a narrow column: cut, with the whole id on hover. */
export const StripeId = ({ value, width }: { value: string | null; width: string }) =>
  value ? <span className={`block truncate font-mono text-xs ${width}`} title={value}>{value}</span> : <>–</>

const PAYOUT_COLORS: Record<string, "grey" | "orange" | "blue" | "green" | "red"> = {
  pending: "orange",
  in_transit: "blue",
  paid: "green",
  failed: "red",
  canceled: "grey",
}

/** Stripe's payout status in the admin's words (Stripe's own word for a status it adds later). */
export const PayoutStatusBadge = ({ status }: { status: string }) => {
  const { t } = useBillingTranslation()
  return (
    <StatusBadge color={PAYOUT_COLORS[status] ?? "grey"} data-testid={`payout-status-${status}`}>
      {t(`billing.stripe.payouts.status.${status}`, { defaultValue: status })}
    </StatusBadge>
  )
}

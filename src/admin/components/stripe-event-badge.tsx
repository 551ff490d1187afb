import { Badge } from "@medusajs/ui"
import { useBillingTranslation } from "../lib/i18n"
import type { StripeEventStatus } from "../lib/stripe"

const COLORS = { processed: "green", failed: "red", waiting: "orange", ignored: "grey", pending: "blue" } as const

/** What became of a Stripe event: applied, failed (retried later), waiting for something, ignored or not yet applied. */
export const StripeEventStatusBadge = ({ status }: { status: StripeEventStatus }) => {
  const { t } = useBillingTranslation()
  return (
    <Badge size="2xsmall" color={COLORS[status] ?? "grey"} data-testid={`stripe-event-status-${status}`}>
      {t(`billing.stripe.status.${status}`)}
    </Badge>
  )
}

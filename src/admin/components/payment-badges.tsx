import { Badge } from "@medusajs/ui"
import { useBillingTranslation } from "../lib/i18n"
import type { AdminPayment } from "../lib/payments"

/** Where a payment came from: recorded by an admin, captured in Medusa, or reported by Stripe. */
export const PaymentSourceBadge = ({ source }: { source: AdminPayment["source"] }) => {
  const { t } = useBillingTranslation()
  const color = source === "manual" ? "grey" : source === "stripe" ? "purple" : "blue"
  return (
    <Badge size="2xsmall" color={color}>
      {t(`billing.sources.${source}`)}
    </Badge>
  )
}

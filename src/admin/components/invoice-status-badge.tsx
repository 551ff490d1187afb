import { StatusBadge } from "@medusajs/ui"
import { useBillingTranslation } from "../lib/i18n"
import type { AdminInvoice } from "../lib/invoices"

const COLORS: Record<AdminInvoice["status"], "grey" | "orange" | "blue" | "green" | "red" | "purple"> = {
  draft: "grey",
  issued: "purple",
  open: "orange",
  partially_paid: "blue",
  paid: "green",
  void: "grey",
  uncollectible: "red",
}

const DISPUTE_COLORS = { open: "red", lost: "red", won: "grey" } as const

/**
 * The invoice's status; beside it "Overdue" while it is unpaid past its due day, "Written off" when
 * part or all of it will not be collected, and its chargeback when a payment of it was disputed.
 */
export const InvoiceStatusBadge = ({
  status,
  dispute,
  overdue,
  writtenOff,
}: {
  status: AdminInvoice["status"]
  dispute?: AdminInvoice["dispute_status"]
  overdue?: AdminInvoice["overdue_at"]
  writtenOff?: AdminInvoice["amount_written_off"]
}) => {
  const { t } = useBillingTranslation()
  return (
    <span className="inline-flex items-center gap-x-1.5">
      <StatusBadge color={COLORS[status] ?? "grey"}>{t(`billing.status.${status}`)}</StatusBadge>
      {overdue && (status === "open" || status === "partially_paid") && (
        <StatusBadge color="red" data-testid="invoice-overdue">{t("billing.status.overdue")}</StatusBadge>
      )}
      {Number(writtenOff ?? 0) > 0 && status !== "void" && (
        <StatusBadge color="grey" data-testid="invoice-written-off">{t("billing.status.written_off")}</StatusBadge>
      )}
      {dispute && status !== "void" && (
        <StatusBadge color={DISPUTE_COLORS[dispute]} data-testid={`invoice-dispute-${dispute}`}>
          {t(`billing.dispute.badge.${dispute}`)}
        </StatusBadge>
      )}
    </span>
  )
}

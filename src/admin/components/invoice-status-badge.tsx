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

export const InvoiceStatusBadge = ({ status }: { status: AdminInvoice["status"] }) => {
  const { t } = useBillingTranslation()
  return <StatusBadge color={COLORS[status] ?? "grey"}>{t(`billing.status.${status}`)}</StatusBadge>
}

import { Container, Text } from "@medusajs/ui"
import { useBillingTranslation } from "../lib/i18n"
import { useActivity } from "../lib/invoices"
import { SectionHeader } from "./section-header"

/** The document's activity log, newest first: who did what, how much, and when. */
export const InvoiceActivity = ({ id, currency }: { id: string; currency?: string }) => {
  const { t, locale, formatMoney } = useBillingTranslation()
  const { data } = useActivity(id)
  const entries = data?.activity ?? []
  const when = (value: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(value))
  const who = (type: string, actorId: string | null) =>
    type === "user"
      ? t("billing.activity.admin")
      : type === "system"
        ? actorId
          ? t("billing.activity.system", { trigger: actorId })
          : t("billing.activity.automatic")
        : type === "stripe" || type === "customer"
          ? t(`billing.activity.${type}`)
          : type
  // A write-off's reason is a code (bad_debt, fee…); other reasons are what a person typed.
  const reason = (action: string, value: string) =>
    action === "invoice.written_off"
      ? t(`billing.collections.writeOffReasons.${value}`, { defaultValue: t(`billing.reconciliation.writeOffReasons.${value}`, { defaultValue: value }) })
      : value

  return (
    <Container className="divide-y p-0" data-testid="invoice-activity">
      <SectionHeader title={t("billing.activity.title")} />
      {entries.map((entry) => (
        <div key={entry.id} className="flex items-start justify-between gap-x-4 px-6 py-3">
          <div className="flex flex-col">
            <Text size="small" weight="plus">
              {t(`billing.activity.actions.${entry.action.replace(".", "_")}`, { defaultValue: entry.action })}
            </Text>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {who(entry.actor_type, entry.actor_id)}
              {entry.data?.reason ? ` · ${reason(entry.action, entry.data.reason)}` : ""}
              {entry.data?.number ? ` · ${entry.data.number}` : ""}
              {entry.data?.to ? ` · ${entry.data.to}` : ""}
              {currency && entry.data?.amount !== undefined ? ` · ${formatMoney(entry.data.amount, currency)}` : ""}
            </Text>
          </div>
          <Text size="xsmall" className="text-ui-fg-subtle whitespace-nowrap">{when(entry.created_at)}</Text>
        </div>
      ))}
    </Container>
  )
}

import { Button, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { RemindersPaused, useCollectionActions, useContactNotes, useCustomerPromises } from "../lib/collections"
import type { CustomerBalance, OpenInvoice } from "../lib/customers"
import { useBillingTranslation } from "../lib/i18n"
import { useBillingPermissions } from "../lib/permissions"
import { useBillingSettings } from "../lib/settings"
import { PromiseStatusBadge, useFormatDay } from "./collections-badges"
import { ContactNoteDrawer, PauseRemindersDrawer, PromiseDrawer } from "./collections-drawers"

/**
 * The collections part of a customer's Billing card: whether reminders are paused (and why, until
 * when) with pause/resume, their promises to pay and the notes of contacts with them.
 */
export const CustomerCollections = ({
  customerId,
  paused,
  balances,
  openInvoices = [],
}: {
  customerId: string
  paused: RemindersPaused | null | undefined
  balances: CustomerBalance[]
  openInvoices?: OpenInvoice[]
}) => {
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const formatDay = useFormatDay()
  const promises = useCustomerPromises(customerId).data?.promises ?? []
  const notes = useContactNotes(customerId).data?.contact_notes ?? []
  const { resume } = useCollectionActions()
  const remindersOn = useBillingSettings().data?.settings.reminders?.enabled
  const [dialog, setDialog] = useState<"pause" | "promise" | "note" | null>(null)
  const { can } = useBillingPermissions()
  // Promises and notes are added (create); pausing and resuming reminders changes the customer (update).
  const mayAdd = can("billing_customer", "create")
  const mayPause = can("billing_customer", "update")
  const currency = balances.find((b) => b.open_invoices > 0)?.currency_code ?? balances[0]?.currency_code ?? "eur"

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4" data-testid="customer-reminders">
        <div className="flex flex-col">
          <Text size="small" weight="plus">{t("billing.collections.reminders")}</Text>
          <Text size="xsmall" className="text-ui-fg-subtle" data-testid="customer-reminders-state">
            {paused
              ? [
                  t("billing.collections.remindersPaused"),
                  t(`billing.collections.pauseReasons.${paused.reason}`),
                  paused.until ? t("billing.collections.pausedUntil", { date: formatDay(paused.until) }) : null,
                  paused.note,
                ]
                  .filter(Boolean)
                  .join(" · ")
              : remindersOn === false
                ? t("billing.collections.remindersOff")
                : t("billing.collections.remindersActive")}
          </Text>
        </div>
        {!mayPause ? null : paused?.reason === "manual" ? (
          <Button
            size="small"
            variant="secondary"
            isLoading={resume.isPending}
            onClick={() =>
              resume.mutate(customerId, {
                onSuccess: () => toast.success(t("billing.collections.pause.resumed")),
                onError: (e) => toast.error(e.message),
              })
            }
          >
            {t("billing.collections.actions.resume")}
          </Button>
        ) : (
          <Button size="small" variant="secondary" onClick={() => setDialog("pause")}>
            {t("billing.collections.actions.pause")}
          </Button>
        )}
      </div>
      <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="customer-promises">
        <div className="flex items-center justify-between">
          <Text size="small" weight="plus">{t("billing.collections.promises")}</Text>
          {mayAdd && (
            <Button size="small" variant="transparent" onClick={() => setDialog("promise")}>{t("billing.collections.actions.promise")}</Button>
          )}
        </div>
        {!promises.length && <Text size="small" className="text-ui-fg-subtle">{t("billing.collections.noPromises")}</Text>}
        {promises.slice(0, 5).map((p) => (
          <div key={p.id} className="flex items-center justify-between gap-x-3 py-1">
            <div className="flex min-w-0 flex-col">
              <Text size="small" leading="compact">
                {formatMoney(p.amount, p.currency_code)} · {t("billing.collections.byDate", { date: formatDay(p.promised_date) })}
              </Text>
              <Text size="xsmall" leading="compact" className="text-ui-fg-subtle truncate">
                {formatDate(p.created_at)}
                {p.note ? ` · ${p.note}` : ""}
              </Text>
            </div>
            <PromiseStatusBadge status={p.status} />
          </div>
        ))}
      </div>
      <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="customer-contact-notes">
        <div className="flex items-center justify-between">
          <Text size="small" weight="plus">{t("billing.collections.contactNotes")}</Text>
          {mayAdd && (
            <Button size="small" variant="transparent" onClick={() => setDialog("note")}>{t("billing.collections.actions.note")}</Button>
          )}
        </div>
        {!notes.length && <Text size="small" className="text-ui-fg-subtle">{t("billing.collections.noNotes")}</Text>}
        {notes.slice(0, 5).map((n) => (
          <div key={n.id} className="flex flex-col py-1">
            <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
              {formatDate(n.created_at)} · {t(`billing.collections.channels.${n.channel}`)}
              {n.next_action ? ` · ${t("billing.collections.nextAction")}: ${n.next_action}${n.next_action_date ? ` (${formatDay(n.next_action_date)})` : ""}` : ""}
            </Text>
            <Text size="small" leading="compact" className="line-clamp-3">{n.note}</Text>
          </div>
        ))}
      </div>
      {dialog === "pause" && <PauseRemindersDrawer customerId={customerId} onClose={() => setDialog(null)} />}
      {dialog === "note" && <ContactNoteDrawer customerId={customerId} onClose={() => setDialog(null)} />}
      {dialog === "promise" && <PromiseDrawer customerId={customerId} currencyCode={currency} invoices={openInvoices.filter((i) => i.currency_code === currency)} onClose={() => setDialog(null)} />}
    </>
  )
}

import { Button, Checkbox, Drawer, Input, Label, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { useBillingTranslation } from "../lib/i18n"
import { describeError, STRIPE_EVENT_RETENTION_DAYS, useStripeBackfill } from "../lib/stripe"
import { Field } from "./field"

const DAY_MS = 24 * 3600 * 1000

/** Asks Stripe for the events of a period again and stores those the webhook never delivered. */
export const StripeBackfillDrawer = ({ onClose }: { onClose: () => void }) => {
  const { t } = useBillingTranslation()
  const backfill = useStripeBackfill()
  const [since, setSince] = useState("")
  const [until, setUntil] = useState("")
  const [undeliveredOnly, setUndeliveredOnly] = useState(true)
  const sinceAt = since ? new Date(`${since}T00:00:00`) : null
  const untilAt = until ? new Date(`${until}T23:59:59.999`) : null
  const error =
    sinceAt && untilAt && sinceAt > untilAt
      ? t("billing.stripe.backfill.badRange")
      : sinceAt && (untilAt ?? new Date()).getTime() - sinceAt.getTime() > STRIPE_EVENT_RETENTION_DAYS * DAY_MS
        ? t("billing.stripe.backfill.tooLong", { days: STRIPE_EVENT_RETENTION_DAYS })
        : null

  const submit = () => {
    if (error) return
    backfill.mutate(
      {
        ...(sinceAt ? { since: sinceAt.toISOString() } : {}),
        ...(untilAt ? { until: untilAt.toISOString() } : {}),
        undelivered_only: undeliveredOnly,
      },
      {
        onSuccess: (result) => {
          const done = t("billing.stripe.backfill.done", result)
          toast.success(result.skipped ? `${done} ${t("billing.stripe.backfill.skipped", { skipped: result.skipped })}` : done)
          onClose()
        },
        onError: (e) => toast.error(t("billing.stripe.backfill.failed", { message: describeError(e) })),
      }
    )
  }

  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="stripe-backfill-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("billing.stripe.backfill.title")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("billing.stripe.backfill.hint", { days: STRIPE_EVENT_RETENTION_DAYS })}
          </Text>
          <Field label={t("billing.stripe.backfill.since")} htmlFor="backfill-since">
            <Input id="backfill-since" name="since" type="date" value={since} onChange={(e) => setSince(e.target.value)} />
          </Field>
          <Field label={t("billing.stripe.backfill.until")} htmlFor="backfill-until" error={error}>
            <Input id="backfill-until" name="until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
          </Field>
          <div className="flex items-start gap-x-2">
            <Checkbox id="backfill-undelivered" checked={undeliveredOnly} onCheckedChange={(v) => setUndeliveredOnly(v === true)} />
            <div className="flex flex-col">
              <Label htmlFor="backfill-undelivered" size="small">{t("billing.stripe.backfill.undeliveredOnly")}</Label>
              <Text size="xsmall" className="text-ui-fg-subtle">{t("billing.stripe.backfill.undeliveredHint")}</Text>
            </div>
          </div>
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>{t("billing.actions.cancel")}</Button>
          <Button isLoading={backfill.isPending} disabled={!!error} onClick={submit} data-testid="stripe-backfill-submit">
            {t("billing.stripe.backfill.submit")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

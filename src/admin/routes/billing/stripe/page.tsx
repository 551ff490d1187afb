import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowPath } from "@medusajs/icons"
import {
  Alert,
  Badge,
  Button,
  Container,
  Copy,
  createDataTableColumnHelper,
  DataTable,
  Input,
  Text,
  toast,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { DetailList, type DetailRow } from "../../../components/detail-list"
import { Field } from "../../../components/field"
import { FilterSelect, useListFilters } from "../../../components/filter-select"
import { ListHeader, ListTable } from "../../../components/list-table"
import { NoAccess } from "../../../components/no-access"
import { SectionHeader } from "../../../components/section-header"
import { StripeBackfillDrawer } from "../../../components/stripe-backfill-drawer"
import { StripeEventStatusBadge } from "../../../components/stripe-event-badge"
import { useBillingTranslation } from "../../../lib/i18n"
import { useBillingPermissions } from "../../../lib/permissions"
import {
  describeError,
  RETRYABLE_STATUSES,
  STRIPE_EVENT_STATUSES,
  StripeConnection,
  StripeEvent,
  useRetryStripeEvent,
  useStripeConnection,
  useStripeEvents,
} from "../../../lib/stripe"
import { StripeId, useFormatDateTime } from "./components"
import { PayoutsSection } from "./payouts-section"

const PAGE_SIZE = 20
const columnHelper = createDataTableColumnHelper<StripeEvent>()

/** What to paste into Stripe's dashboard, and the plugin's Stripe settings with secrets masked. */
const ConnectionCard = ({ stripe }: { stripe: StripeConnection }) => {
  const { t } = useBillingTranslation()
  const configured = stripe.webhook_secrets.length > 0
  const rows: DetailRow[] = [
    [
      t("billing.stripe.webhookUrl"),
      <span className="flex items-center gap-x-2">
        <span className="font-mono text-xs break-all" data-testid="stripe-webhook-url">{stripe.webhook_url}</span>
        <Copy content={stripe.webhook_url} />
      </span>,
      "webhook-url",
    ],
    [
      t("billing.stripe.secrets"),
      configured ? (
        <span className="flex flex-wrap gap-1">
          {stripe.webhook_secrets.map((secret) => (
            <Badge key={secret} size="2xsmall" className="font-mono">{secret}</Badge>
          ))}
        </span>
      ) : (
        <span className="text-ui-fg-error">{t("billing.stripe.notSet")}</span>
      ),
      "secrets",
    ],
    [t("billing.stripe.account"), stripe.account_id ? <span className="font-mono text-xs">{stripe.account_id}</span> : t("billing.stripe.anyAccount"), "account"],
    [
      t("billing.stripe.apiKey"),
      stripe.api_key ? <span className="font-mono text-xs">{stripe.api_key}</span> : t("billing.stripe.apiKeyMissing"),
      "api-key",
    ],
    [t("billing.stripe.tolerance"), t("billing.stripe.seconds", { count: stripe.tolerance_seconds }), "tolerance"],
  ]

  return (
    <Container className="divide-y p-0" data-testid="stripe-connection">
      <SectionHeader title={t("billing.stripe.title")} hint={t("billing.stripe.subtitle")} level="h1" />
      {!configured && (
        <div className="px-6 py-4">
          <Alert variant="warning" data-testid="stripe-not-configured">
            {t("billing.stripe.notConfigured")}
          </Alert>
        </div>
      )}
      <DetailList rows={rows} className="gap-x-8 gap-y-2 px-6 py-4" testIdPrefix="stripe" />
      <div className="px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          {t("billing.stripe.eventsToEnable")}{" "}
          <span className="font-mono text-xs">payment_intent.succeeded, charge.*, refund.*, charge.dispute.*, payout.*</span>
        </Text>
      </div>
    </Container>
  )
}

/** Billing → Stripe: how the webhook is connected, every event Stripe sent with what became of it, and the payouts. */
const StripePage = () => {
  const { t } = useBillingTranslation()
  const formatDateTime = useFormatDateTime()
  const connection = useStripeConnection()
  const retry = useRetryStripeEvent()
  const [retrying, setRetrying] = useState<string | null>(null)
  const [backfillOpen, setBackfillOpen] = useState(false)
  const { can, canRead } = useBillingPermissions()
  // Fetching missed events creates them (create); retrying one changes it (update).
  const mayBackfill = can("billing_stripe", "create")
  const mayRetry = can("billing_stripe", "update")
  const { filters, setFilter, pagination, setPagination, page } = useListFilters({ status: "all", type: "" }, PAGE_SIZE)

  const { data, isLoading, error } = useStripeEvents({
    ...page,
    ...(filters.status !== "all" ? { status: filters.status } : {}),
    ...(filters.type.trim() ? { type: filters.type.trim() } : {}),
  })

  const columns = useMemo(() => {
    const retryEvent = (event: StripeEvent) => {
      setRetrying(event.id)
      retry.mutate(event.id, {
        onSuccess: ({ event: updated }) =>
          toast.success(t("billing.stripe.retried", { id: updated.event_id, status: t(`billing.stripe.status.${updated.status}`) })),
        onError: (e) => toast.error(describeError(e)),
        onSettled: () => setRetrying(null),
      })
    }
    return [
      columnHelper.accessor("created_at", {
        header: t("billing.stripe.received"),
        cell: ({ row }) => {
          const notes = [
            row.original.livemode === false ? t("billing.stripe.test") : null,
            row.original.received_via === "backfill" ? t("billing.stripe.viaBackfill") : null,
          ].filter(Boolean)
          return (
            <span className="flex flex-col">
              {formatDateTime(row.original.created_at)}
              {notes.length > 0 && <span className="text-ui-fg-subtle text-xs">{notes.join(" · ")}</span>}
            </span>
          )
        },
      }),
      columnHelper.accessor("event_id", {
        header: t("billing.stripe.eventId"),
        cell: ({ getValue }) => <StripeId value={getValue()} width="max-w-[130px]" />,
      }),
      columnHelper.accessor("type", {
        header: t("billing.stripe.type"),
        cell: ({ getValue }) => <span className="font-mono text-xs">{getValue()}</span>,
      }),
      columnHelper.accessor("object_id", {
        header: t("billing.stripe.object"),
        cell: ({ getValue }) => <StripeId value={getValue()} width="max-w-[110px]" />,
      }),
      columnHelper.accessor("status", {
        header: t("billing.stripe.statusLabel"),
        cell: ({ getValue }) => <StripeEventStatusBadge status={getValue()} />,
      }),
      columnHelper.accessor("attempts", {
        header: t("billing.stripe.attempts"),
        cell: ({ getValue }) => getValue(),
      }),
      columnHelper.accessor("last_error", {
        header: t("billing.stripe.lastError"),
        cell: ({ getValue }) =>
          getValue() ? (
            <span className="text-ui-fg-error block max-w-[140px] truncate" title={getValue() ?? ""}>{getValue()}</span>
          ) : (
            "–"
          ),
      }),
      columnHelper.accessor("next_attempt_at", {
        header: t("billing.stripe.nextAttempt"),
        cell: ({ row }) => (RETRYABLE_STATUSES.includes(row.original.status) ? formatDateTime(row.original.next_attempt_at) : "–"),
      }),
      columnHelper.display({
        id: "retry",
        cell: ({ row }) =>
          RETRYABLE_STATUSES.includes(row.original.status) && mayRetry ? (
            <Button
              size="small"
              variant="secondary"
              isLoading={retrying === row.original.id}
              disabled={retrying !== null}
              onClick={() => retryEvent(row.original)}
              data-testid={`stripe-retry-${row.original.event_id}`}
            >
              {t("billing.stripe.retry")}
            </Button>
          ) : null,
      }),
    ]
  }, [t, formatDateTime, retry, retrying, mayRetry])

  const table = useDataTable({
    columns,
    data: data?.events ?? [],
    getRowId: (row) => row.id,
    rowCount: data?.count ?? 0,
    isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  if (!canRead("billing_stripe")) return <NoAccess what="stripe" />

  return (
    <div className="flex flex-col gap-y-3" data-testid="billing-stripe-page">
      {connection.error ? (
        <Container>
          <Text className="text-ui-fg-error">{t("billing.errors.load", { message: connection.error.message })}</Text>
        </Container>
      ) : connection.data ? (
        <ConnectionCard stripe={connection.data.stripe} />
      ) : null}

      <Container className="divide-y p-0" data-testid="stripe-events">
        <DataTable instance={table}>
          <ListHeader title={t("billing.stripe.events")} subtitle={t("billing.stripe.eventsSubtitle")} level="h2">
            {mayBackfill && (
              <Button size="small" variant="secondary" onClick={() => setBackfillOpen(true)} data-testid="stripe-backfill">
                <ArrowPath />
                {t("billing.stripe.backfill.open")}
              </Button>
            )}
          </ListHeader>
          <div className="flex flex-wrap items-end gap-3 px-6 py-3" data-testid="stripe-event-filters">
            <FilterSelect
              label={t("billing.stripe.statusLabel")}
              value={filters.status}
              onChange={(status) => setFilter({ status })}
              options={STRIPE_EVENT_STATUSES.map((s) => ({ value: s, label: t(`billing.stripe.status.${s}`) }))}
              testId="filter-stripe-status"
            />
            <Field label={t("billing.stripe.type")} htmlFor="filter-stripe-type" size="xsmall">
              <Input
                id="filter-stripe-type"
                name="type"
                size="small"
                className="w-64"
                placeholder="charge.refunded"
                value={filters.type}
                onChange={(e) => setFilter({ type: e.target.value })}
              />
            </Field>
          </div>
          <ListTable error={error} empty={t("billing.stripe.empty")} />
        </DataTable>
      </Container>
      <PayoutsSection />
      {backfillOpen && <StripeBackfillDrawer onClose={() => setBackfillOpen(false)} />}
    </div>
  )
}

export const config = defineRouteConfig({
  label: "billing.stripe.nav",
  translationNs: "translation",
  rank: 4,
})

export default StripePage

import { ArrowPath } from "@medusajs/icons"
import { Alert, Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link, useParams } from "react-router-dom"
import { BackLink } from "../../../../components/back-link"
import { DetailList, type DetailRow } from "../../../../components/detail-list"
import { NoAccess } from "../../../../components/no-access"
import { RunProgress, RunStatusBadge, useFormatRate } from "../../../../components/reconciliation-badges"
import { RunExceptions } from "../../../../components/reconciliation-exceptions"
import { SectionHeader } from "../../../../components/section-header"
import { useBillingTranslation } from "../../../../lib/i18n"
import { useBillingPermissions } from "../../../../lib/permissions"
import { useCollectionAccounts } from "../../../../lib/payments"
import { ReconciliationRun, useReconciliationRun, useRerun, useRunExceptions, useRunMatches } from "../../../../lib/reconciliation"
import { describeError } from "../../../../lib/stripe"
import { useFormatDateTime } from "../../stripe/components"
import { useRunScope } from "../scope"

/** One reconciliation run: its progress while it runs, then its match rate, its exceptions to resolve and what matched. */
const RunDetailPage = () => {
  const { id } = useParams() as { id: string }
  const { t } = useBillingTranslation()
  const formatDateTime = useFormatDateTime()
  const formatRate = useFormatRate()
  const scope = useRunScope(useCollectionAccounts().data?.collection_accounts ?? [])
  const { data, isLoading, error } = useReconciliationRun(id)
  const rerun = useRerun(id)
  const { can, canRead } = useBillingPermissions()
  // The run's summary counts what was open when it finished; resolving changes the count, so ask.
  const openNow = useRunExceptions(id, { status: "open", limit: 1 }).data?.count

  if (!canRead("billing_reconciliation")) return <NoAccess what="reconciliation" />
  if (isLoading) return null
  if (error || !data) {
    return <Text className="text-ui-fg-error">{t("billing.errors.load", { message: error?.message ?? "" })}</Text>
  }
  const run = data.reconciliation
  const running = run.status === "running"
  const open = openNow ?? run.summary?.open_exceptions ?? run.exception_count

  const summary: DetailRow[] = [
    [t("billing.reconciliation.scope.title"), scope(run), "scope"],
    [
      t("billing.reconciliation.startedAt"),
      <span className="flex gap-x-1">
        {formatDateTime(run.started_at)} · {t(`billing.reconciliation.startedByTypes.${run.started_by_type}`)}
      </span>,
      "started",
    ],
    [t("billing.reconciliation.finishedAt"), formatDateTime(run.finished_at), "finished"],
    [t("billing.reconciliation.runs"), run.runs, "runs"],
  ]

  const rerunRun = () =>
    rerun.mutate(undefined, {
      onSuccess: () => toast.success(t("billing.reconciliation.rerunStarted")),
      onError: (e) => toast.error(describeError(e)),
    })

  return (
    <div className="flex flex-col gap-y-3" data-testid="billing-run-page">
      <BackLink to="/billing/reconciliation" label={t("billing.reconciliation.back")} />
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between gap-x-3 px-6 py-4">
          <div className="flex items-center gap-x-3">
            <Heading>{t(`billing.reconciliation.kinds.${run.kind}`)}</Heading>
            <RunStatusBadge status={run.status} />
          </div>
          {can("billing_reconciliation", "update") && (
            <Button size="small" variant="secondary" disabled={running} isLoading={rerun.isPending} onClick={rerunRun} data-testid="run-rerun">
              <ArrowPath />
              {t("billing.reconciliation.rerun")}
            </Button>
          )}
        </div>
        {run.status === "failed" && run.error && (
          <div className="px-6 py-4">
            <Alert variant="error" data-testid="run-error">{run.error}</Alert>
          </div>
        )}
        <div className="grid grid-cols-1 gap-6 px-6 py-4 md:grid-cols-[1fr_auto]">
          <DetailList rows={summary} className="content-start gap-x-8 gap-y-2" testId="run-summary" testIdPrefix="run" />
          <div className="grid grid-cols-3 gap-3 md:w-[420px]">
            <Figure label={t("billing.reconciliation.matchRate")} value={running ? "–" : formatRate(run.match_rate)} testId="run-match-rate" />
            <Figure label={t("billing.reconciliation.matched")} value={running ? "–" : run.matched_count} testId="run-matched" />
            <Figure
              label={t("billing.reconciliation.openExceptions")}
              value={running ? "–" : open}
              testId="run-open-exceptions"
              tone={!running && open ? "text-ui-fg-error" : undefined}
            />
          </div>
        </div>
        <div className="px-6 py-4">
          <RunProgress run={run} wide />
        </div>
      </Container>
      {!running && <RunExceptions runId={run.id} kind={run.kind} />}
      {!running && <RunMatches run={run} />}
    </div>
  )
}

/** One figure of the run, large. */
const Figure = ({ label, value, testId, tone }: { label: string; value: ReactNode; testId: string; tone?: string }) => (
  <div className="bg-ui-bg-subtle flex flex-col gap-y-1 rounded-lg px-4 py-3">
    <Text size="xsmall" className="text-ui-fg-subtle">{label}</Text>
    <Text size="xlarge" weight="plus" className={tone} data-testid={testId}>{value}</Text>
  </div>
)

const MATCHES_SHOWN = 50

/** What the run matched: each item of one source with the record of the other it is. */
const RunMatches = ({ run }: { run: ReconciliationRun }) => {
  const { t, formatMoney } = useBillingTranslation()
  const { data } = useRunMatches(run.id, { limit: MATCHES_SHOWN })
  const matches = data?.matches ?? []
  const kind = (type: string) => t(`billing.reconciliation.sources.${type}`, { defaultValue: type })
  return (
    <Container className="divide-y p-0" data-testid="run-matches">
      <SectionHeader
        title={t("billing.reconciliation.matches.title")}
        hint={
          (data?.count ?? 0) > MATCHES_SHOWN
            ? t("billing.reconciliation.matches.subtitleMore", { count: data?.count, shown: MATCHES_SHOWN })
            : t("billing.reconciliation.matches.subtitle", { count: data?.count ?? 0 })
        }
      />
      {matches.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">{t("billing.reconciliation.matches.empty")}</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("billing.reconciliation.matches.source")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.reconciliation.matches.target")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("billing.payments.amount")}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {matches.map((m) => (
              <Table.Row key={m.key}>
                <Table.Cell>
                  <span className="flex flex-col">
                    {kind(m.source_type)}
                    <span className="text-ui-fg-subtle font-mono text-xs">{m.source_id}</span>
                  </span>
                </Table.Cell>
                <Table.Cell>
                  <span className="flex flex-col">
                    {kind(m.target_type)}
                    {m.target_type === "payment" ? (
                      <Link to={`/billing/payments/${m.target_id}`} className="text-ui-fg-interactive font-mono text-xs">{m.target_id}</Link>
                    ) : m.target_type === "invoice" ? (
                      <Link to={`/billing/invoices/${m.target_id}`} className="text-ui-fg-interactive font-mono text-xs">{m.target_id}</Link>
                    ) : (
                      <span className="text-ui-fg-subtle font-mono text-xs">{m.target_id}</span>
                    )}
                  </span>
                </Table.Cell>
                <Table.Cell className="whitespace-nowrap text-right">{formatMoney(m.amount, m.currency_code)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

export default RunDetailPage

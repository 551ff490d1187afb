import { useBillingTranslation } from "../../../lib/i18n"
import type { CollectionAccount } from "../../../lib/payments"
import { ReconciliationRun, runDays } from "../../../lib/reconciliation"

/** What a run compared, in a few words: the payout, the period ("Oct 1, 2026 – Oct 31, 2026") or the bank account. */
export function useRunScope(accounts: CollectionAccount[]) {
  const { t, formatDate } = useBillingTranslation()
  return (run: ReconciliationRun) => {
    const days = runDays(run)
    const period = days ? `${formatDate(`${days.from}T00:00:00`)} – ${formatDate(`${days.to}T00:00:00`)}` : null
    if (run.kind === "stripe_payout" && run.params.payout_id) return run.params.payout_id
    if (run.kind === "bank_statement") {
      const account = accounts.find((a) => a.id === run.params.collection_account_id)
      const name = account?.name ?? run.params.collection_account_id ?? "–"
      return run.params.bank_statement_id ? t("billing.reconciliation.scope.statement", { account: name }) : t("billing.reconciliation.scope.account", { account: name })
    }
    return period ?? "–"
  }
}

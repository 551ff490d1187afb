import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Tabs } from "@medusajs/ui"
import { useSearchParams } from "react-router-dom"
import { AgingReportTab } from "../../../components/aging-report"
import { CollectionsReportTab } from "../../../components/collections-report"
import { NoAccess } from "../../../components/no-access"
import { useBillingTranslation } from "../../../lib/i18n"
import { useBillingPermissions } from "../../../lib/permissions"

const TABS = ["aging", "collections"] as const

/** Billing → Reports: receivables aging, and what was collected (the tab is kept in the URL: ?tab=collections). */
const ReportsPage = () => {
  const { t } = useBillingTranslation()
  const [params, setParams] = useSearchParams()
  const tab = TABS.find((x) => x === params.get("tab")) ?? "aging"
  const { canRead } = useBillingPermissions()

  if (!canRead("billing_report")) return <NoAccess what="reports" />

  return (
    <div className="flex flex-col gap-y-3" data-testid="billing-reports-page">
      <Tabs value={tab} onValueChange={(value) => setParams(value === "aging" ? {} : { tab: value }, { replace: true })}>
        <Tabs.List>
          {TABS.map((x) => (
            <Tabs.Trigger key={x} value={x} data-testid={`reports-tab-${x}`}>
              {t(`billing.reports.tabs.${x}`)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="aging" className="pt-3">
          <AgingReportTab />
        </Tabs.Content>
        <Tabs.Content value="collections" className="pt-3">
          <CollectionsReportTab />
        </Tabs.Content>
      </Tabs>
    </div>
  )
}

export const config = defineRouteConfig({
  label: "billing.reports.nav",
  translationNs: "translation",
  rank: 3,
})

export default ReportsPage

import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { applyCollectionPoliciesWorkflow } from "../workflows/collections"

/**
 * Every hour: the collections rules (Settings → Billing → Collections) — overdue small balances
 * written off when turned on, unpaid pay-later orders flagged for review or cancelled. Each
 * invoice once, in one process only (a claim per invoice).
 */
export default async function applyCollectionPoliciesJob(container: MedusaContainer) {
  const { result } = await applyCollectionPoliciesWorkflow(container).run({ input: {} })
  const handled = result.written_off.length + result.flagged.length + result.canceled.length
  if (handled) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(
      `[billing] Collections: ${result.written_off.length} small balance(s) written off, ${result.flagged.length} unpaid order(s) flagged, ${result.canceled.length} cancelled.`
    )
  }
}

export const config = { name: "billing-apply-collection-policies", schedule: "40 * * * *" }

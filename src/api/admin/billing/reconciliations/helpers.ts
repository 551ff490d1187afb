import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../modules/billing"
import type BillingModuleService from "../../../../modules/billing/service"
import type { BillingActor } from "../../../../modules/billing/types"
import { BillingEvents } from "../../../../workflows/events"

export const billingOf = (req: AuthenticatedMedusaRequest) => req.scope.resolve<BillingModuleService>(BILLING_MODULE)
export const actorOf = (req: AuthenticatedMedusaRequest): BillingActor => ({ actor_type: "user", actor_id: req.auth_context.actor_id })

/** `[from, to)` from two inclusive days; a period that ends before it starts is refused. */
export function periodOfDays(from: Date, to: Date) {
  if (to.getTime() < from.getTime()) {
    const name = (d: Date) => d.toISOString().slice(0, 10)
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `The period ends (${name(to)}) before it starts (${name(from)}).`)
  }
  return { from, to: new Date(to.getTime() + 24 * 60 * 60 * 1000) }
}

/**
 * A run's share of items that agreed, 0–1: Stripe lines or bank lines that found their record,
 * orders whose documents and payments all agree (null before the run has finished looking).
 */
export function withMatchRate<T extends { summary?: any }>(run: T) {
  const items = Number(run.summary?.items ?? 0)
  return { ...run, match_rate: items ? Number(run.summary.matched_items ?? 0) / items : null }
}

/** Announces a run to start (or start again); the billing subscriber runs it in the background. */
export async function announceRun(scope: MedusaContainer, id: string) {
  await scope.resolve(Modules.EVENT_BUS).emit({ name: BillingEvents.RECONCILIATION_STARTED, data: { id } })
  scope.resolve(ContainerRegistrationKeys.LOGGER).info(`[billing] Reconciliation run ${id} started.`)
}

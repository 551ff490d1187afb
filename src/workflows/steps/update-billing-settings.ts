import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import type BillingModuleService from "../../modules/billing/service"
import type { BillingActor, UpdateBillingSettingsInput, UpdateNumberSeriesInput } from "../../modules/billing/types"

export type UpdateBillingSettingsStepInput = {
  settings?: UpdateBillingSettingsInput
  number_series?: UpdateNumberSeriesInput[]
  actor?: BillingActor
}

export const updateBillingSettingsStepId = "update-billing-settings"

/**
 * This step saves the store's billing settings and number formats; the compensation restores
 * the previous ones. Formats are validated before anything is saved.
 */
export const updateBillingSettingsStep = createStep(
  updateBillingSettingsStepId,
  async (input: UpdateBillingSettingsStepInput, { container }) => {
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    const before = await billing.retrieveSettings()
    const seriesBefore = await billing.listNumberSeriesWithPreview()
    for (const series of input.number_series ?? []) {
      billing.assertValidNumberSeries(series)
    }
    if (input.settings && Object.keys(input.settings).length) {
      await billing.updateSettings(input.settings, input.actor)
    }
    for (const series of input.number_series ?? []) {
      await billing.updateNumberSeriesFormat(series, input.actor)
    }
    const previousSettings = Object.fromEntries(Object.keys(input.settings ?? {}).map((k) => [k, (before as any)[k]]))
    const previousSeries = seriesBefore
      .filter((s) => (input.number_series ?? []).some((n) => n.document_type === s.document_type))
      .map((s) => ({ document_type: s.document_type, format: s.format, reset: s.reset }))
    return new StepResponse({ updated: true }, { previousSettings, previousSeries })
  },
  async (prior, { container }) => {
    if (!prior) return
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    if (Object.keys(prior.previousSettings).length) {
      await billing.updateSettings(prior.previousSettings as UpdateBillingSettingsInput)
    }
    for (const series of prior.previousSeries) {
      await billing.updateNumberSeriesFormat(series as UpdateNumberSeriesInput)
    }
  }
)

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../modules/billing"
import type BillingModuleService from "../../../../modules/billing/service"
import { accountCodes } from "../../../../modules/billing/domain/accounts"
import { collectionSettings, reminderSettings, TEMPLATE_VARIABLES } from "../../../../modules/billing/domain/collections"
import { tolerances } from "../../../../modules/billing/domain/matching"
import { updateBillingSettingsWorkflow } from "../../../../workflows/update-billing-settings"
import type { AdminUpdateBillingSettingsType } from "../validators"

async function settingsResponse(billing: BillingModuleService) {
  const settings = await billing.retrieveSettings()
  const number_series = await billing.listNumberSeriesWithPreview()
  return {
    settings: {
      ...settings,
      payment_methods: await billing.enabledPaymentMethods(),
      // What applies: the merchant's values over the defaults.
      account_codes: accountCodes(settings.account_codes as Record<string, string> | null),
      reconciliation: tolerances(settings.reconciliation as Record<string, number> | null),
      reminders: reminderSettings(settings.reminders as any),
      collections: collectionSettings(settings.collections as any),
    },
    number_series,
    // The {{variables}} a reminder template may use.
    reminder_variables: TEMPLATE_VARIABLES,
  }
}

/** Settings → Billing: seller, payment terms, trigger, language, email on issue, and each series with its next number. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await settingsResponse(req.scope.resolve<BillingModuleService>(BILLING_MODULE)))
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateBillingSettingsType>, res: MedusaResponse) => {
  const { number_series, ...settings } = req.validatedBody
  await updateBillingSettingsWorkflow(req.scope).run({
    input: { settings, number_series, actor: { actor_type: "user", actor_id: req.auth_context.actor_id } },
  })
  res.json(await settingsResponse(req.scope.resolve<BillingModuleService>(BILLING_MODULE)))
}

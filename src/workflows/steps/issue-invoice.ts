import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import type BillingModuleService from "../../modules/billing/service"
import type { BillingActor } from "../../modules/billing/types"

export type IssueInvoiceStepInput = { id: string; actor?: BillingActor }

export const issueInvoiceStepId = "issue-invoice"

/**
 * This step issues a draft invoice: it takes the next number of the series and freezes the
 * document in one database transaction, so a failure consumes no number.
 */
export const issueInvoiceStep = createStep(
  issueInvoiceStepId,
  async (input: IssueInvoiceStepInput, { container }) => {
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    const invoice = await billing.issueInvoice(input.id, { actor: input.actor })
    return new StepResponse({ id: invoice.id, number: invoice.number as string })
  }
)

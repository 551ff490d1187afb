import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../modules/billing"
import type BillingModuleService from "../../modules/billing/service"
import type { BillingActor } from "../../modules/billing/types"

export const unapplyAllocationStepId = "unapply-allocation"

/** This step takes an allocation back: its invoice owes again, its payment has the credit again. */
export const unapplyAllocationStep = createStep(
  unapplyAllocationStepId,
  async (input: { allocation_id: string; actor?: BillingActor }, { container }) => {
    const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
    await billing.unapplyAllocation(input.allocation_id, input.actor)
    return new StepResponse({ allocation_id: input.allocation_id })
  }
)

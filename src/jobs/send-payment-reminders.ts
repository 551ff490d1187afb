import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { sendPaymentRemindersWorkflow } from "../workflows/collections"

/**
 * Every hour: the payment reminders whose level has come in the store's calendar go out, each
 * level of each invoice once however often it runs or in how many processes (a unique claim per
 * level), none while a customer's reminders are paused. Off until Settings → Billing → Reminders
 * is turned on.
 */
export default async function sendPaymentRemindersJob(container: MedusaContainer) {
  const { result } = await sendPaymentRemindersWorkflow(container).run({ input: {} })
  if (result.sent) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`[billing] ${result.sent} payment reminder(s) sent, ${result.paused} paused.`)
  }
}

export const config = { name: "billing-send-payment-reminders", schedule: "20 * * * *" }

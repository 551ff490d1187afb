import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

/**
 * A notice in the admin's notification feed (the bell): Medusa's Notification Module, channel
 * "feed", template "admin-ui". A store without a provider for the feed channel gets a log line
 * instead, and nothing fails.
 */
export async function notifyAdmins(container: MedusaContainer, notice: { title: string; description: string; idempotency_key?: string }) {
  try {
    await container.resolve(Modules.NOTIFICATION).createNotifications({
      to: "",
      channel: "feed",
      template: "admin-ui",
      trigger_type: "billing.alert",
      idempotency_key: notice.idempotency_key,
      data: { title: notice.title, description: notice.description },
    } as any)
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`[billing] ${notice.title}: ${notice.description} (not in the admin feed: ${(e as Error).message})`)
  }
}

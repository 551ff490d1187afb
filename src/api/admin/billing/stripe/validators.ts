import { z } from "@medusajs/framework/zod"

export type AdminGetStripeEventsParamsType = z.infer<typeof AdminGetStripeEventsParams>
export const AdminGetStripeEventsParams = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  status: z.enum(["pending", "processed", "failed", "waiting", "ignored"]).optional(),
  type: z.string().min(1).optional(),
})

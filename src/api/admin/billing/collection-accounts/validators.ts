import { z } from "@medusajs/framework/zod"

const TYPES = ["bank", "stripe", "cash", "alipay", "wechat_pay", "other"] as const

/** The journal account money on it is booked to (e.g. 1020); null: the default cash account. */
const AccountCode = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[\w.\-]+$/, "account_code is letters, digits, dots and dashes, e.g. 1020")
  .nullable()
  .optional()

export type AdminCreateCollectionAccountType = z.infer<typeof AdminCreateCollectionAccount>
export const AdminCreateCollectionAccount = z
  .object({
    name: z.string({ error: "name is required, e.g. \"Main bank account\"." }).trim().min(1).max(100),
    type: z.enum(TYPES).default("bank"),
    currency_code: z.string().length(3, "currency_code is a three-letter ISO code, e.g. eur").toLowerCase().nullable().optional(),
    details: z.record(z.string(), z.string().max(200)).nullable().optional(),
    account_code: AccountCode,
  })
  .strict()

export type AdminUpdateCollectionAccountType = z.infer<typeof AdminUpdateCollectionAccount>
export const AdminUpdateCollectionAccount = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    details: z.record(z.string(), z.string().max(200)).nullable().optional(),
    /** Archive (false) instead of deleting: payments keep naming the account. */
    is_active: z.boolean().optional(),
    account_code: AccountCode,
  })
  .strict()

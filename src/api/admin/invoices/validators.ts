import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"

const stringOrArray = z.union([z.string(), z.array(z.string())])

export const AdminGetInvoiceParams = createSelectParams()

export type AdminGetInvoicesParamsType = z.infer<typeof AdminGetInvoicesParams>
export const AdminGetInvoicesParams = createFindParams({
  limit: 20,
  offset: 0,
  order: "-created_at",
}).extend({
  q: z.string().optional(),
  id: stringOrArray.optional(),
  type: z.union([z.enum(["invoice", "credit_note"]), z.array(z.enum(["invoice", "credit_note"]))]).optional(),
  status: stringOrArray.optional(),
  order_id: stringOrArray.optional(),
  customer_id: stringOrArray.optional(),
  currency_code: stringOrArray.optional(),
})

export type AdminCreateInvoiceType = z.infer<typeof AdminCreateInvoice>
export const AdminCreateInvoice = z
  .object({
    order_id: z.string({ error: "order_id is required: the id of the order to invoice." }).min(1, "order_id is required: the id of the order to invoice."),
    issue: z.boolean().default(true),
  })
  .strict()

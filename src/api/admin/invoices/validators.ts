import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { InvoiceStatus, InvoiceType } from "../../../modules/billing/models/invoice"

const stringOrArray = z.union([z.string(), z.array(z.string())])
const oneOrMany = <T extends [string, ...string[]]>(values: T) => z.union([z.enum(values), z.array(z.enum(values))])
const STATUSES = Object.values(InvoiceStatus) as [string, ...string[]]
const TYPES = Object.values(InvoiceType) as [string, ...string[]]

export const AdminGetInvoiceParams = createSelectParams()

export type AdminGetInvoicesParamsType = z.infer<typeof AdminGetInvoicesParams>
export const AdminGetInvoicesParams = createFindParams({
  limit: 20,
  offset: 0,
  order: "-created_at",
}).extend({
  q: z.string().optional(),
  id: stringOrArray.optional(),
  type: oneOrMany(TYPES).optional(),
  status: oneOrMany(STATUSES).optional(),
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

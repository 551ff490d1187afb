import { z } from "@medusajs/framework/zod"
import { booleanString } from "@medusajs/medusa/api/utils/common-validators/common"
import { createFindParams, createOperatorMap } from "@medusajs/medusa/api/utils/validators"
import { PAYMENT_METHODS as METHODS } from "../../../../modules/billing/models/payment"
import { AdminSendInvoice } from "../../invoices/validators"

const amount = (what: string) => z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, `${what} must be a number`)])

const allocations = z.union([
  z.literal("auto"),
  z.literal("none"),
  z.array(z.object({ invoice_id: z.string().min(1), amount: amount("amount") }).strict()).min(1),
])

export type AdminRecordPaymentType = z.infer<typeof AdminRecordPayment>
export const AdminRecordPayment = z
  .object({
    customer_id: z.string({ error: "customer_id is required: who paid." }).min(1),
    currency_code: z.string({ error: "currency_code is required, e.g. eur." }).length(3, "currency_code is a three-letter ISO code, e.g. eur"),
    amount: amount("amount"),
    method: z.enum(METHODS).default("other"),
    collection_account_id: z.string().min(1).nullable().optional(),
    received_at: z.coerce.date().optional(),
    reference: z.string().max(200).nullable().optional(),
    note: z.string().max(2000).nullable().optional(),
    allocate: allocations.default("auto"),
    /** Email the receipt now; by default as Settings → Billing says. */
    send_receipt: z.boolean().optional(),
  })
  .strict()

export type AdminAllocatePaymentType = z.infer<typeof AdminAllocatePayment>
export const AdminAllocatePayment = z
  .object({
    allocations: z.union([
      z.literal("auto"),
      z.array(z.object({ invoice_id: z.string().min(1), amount: amount("amount") }).strict()).min(1),
    ]),
  })
  .strict()

export type AdminRefundPaymentType = z.infer<typeof AdminRefundPayment>
export const AdminRefundPayment = z
  .object({ amount: amount("amount"), reason: z.string().max(500).nullable().optional(), credit_note_id: z.string().optional() })
  .strict()

export type AdminGetPaymentsParamsType = z.infer<typeof AdminGetPaymentsParams>
export const AdminGetPaymentsParams = createFindParams({ limit: 20, offset: 0, order: "-received_at" }).extend({
  q: z.string().optional(),
  customer_id: z.union([z.string(), z.array(z.string())]).optional(),
  currency_code: z.union([z.string(), z.array(z.string())]).optional(),
  method: z.union([z.enum(METHODS), z.array(z.enum(METHODS))]).optional(),
  collection_account_id: z.union([z.string(), z.array(z.string())]).optional(),
  received_at: createOperatorMap().optional(),
  /** Payments with credit left to allocate. */
  unapplied: booleanString().optional(),
})

/** { to?, idempotency_key? }: like sending an invoice. */
export type AdminSendReceiptType = z.infer<typeof AdminSendReceipt>
export const AdminSendReceipt = AdminSendInvoice

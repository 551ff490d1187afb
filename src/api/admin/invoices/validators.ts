import { z } from "@medusajs/framework/zod"
import { createFindParams, createOperatorMap, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { booleanString } from "@medusajs/medusa/api/utils/common-validators/common"
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
  order_display_id: z.union([z.coerce.number().int(), z.array(z.coerce.number().int())]).optional(),
  issued_at: createOperatorMap().optional(),
  due_at: createOperatorMap().optional(),
  /** Open or partially paid, past the due date. */
  overdue: booleanString().optional(),
})

/** Days until due: 0 = due on receipt; Net 7/15/30/60 or any N up to a year. */
export const PaymentTermsDays = z.number().int("payment_terms_days must be a whole number of days").min(0).max(365)

export type AdminCreateInvoiceType = z.infer<typeof AdminCreateInvoice>
export const AdminCreateInvoice = z
  .object({
    order_id: z.string({ error: "order_id is required: the id of the order to invoice." }).min(1, "order_id is required: the id of the order to invoice."),
    issue: z.boolean().default(true),
    payment_terms_days: PaymentTermsDays.optional(),
  })
  .strict()

export type AdminUpdateInvoiceType = z.infer<typeof AdminUpdateInvoice>
export const AdminUpdateInvoice = z
  .object({
    payment_terms_days: PaymentTermsDays.optional(),
    notes: z.string().max(2000).nullable().optional(),
    metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .strict()

export type AdminWriteOffInvoiceType = z.infer<typeof AdminWriteOffInvoice>
export const AdminWriteOffInvoice = z
  .object({
    /** What is given up, at most what the invoice owes. */
    amount: z.number({ error: "amount is required: how much of the invoice is written off." }).positive("amount must be more than 0"),
    reason: z.enum(["bad_debt", "small_balance", "settlement", "fee", "fx", "rounding"], {
      error: "reason must be one of: bad_debt, small_balance, settlement, fee, fx, rounding",
    }),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict()

export type AdminVoidInvoiceType = z.infer<typeof AdminVoidInvoice>
export const AdminVoidInvoice = z
  .object({
    reason: z
      .string({ error: "reason is required: say why the invoice is voided." })
      .trim()
      .min(3, "reason is required: say why the invoice is voided (at least 3 characters).")
      .max(500),
  })
  .strict()

export type AdminSendInvoiceType = z.infer<typeof AdminSendInvoice>
export const AdminSendInvoice = z
  .object({
    to: z.string().trim().email("to must be an email address").optional(),
    idempotency_key: z.string().trim().min(1).max(200).optional(),
  })
  .strict()

export type AdminCreateCreditNoteType = z.infer<typeof AdminCreateCreditNote>
export const AdminCreateCreditNote = z
  .object({
    reason: z
      .string({ error: "reason is required: say why the invoice is credited." })
      .trim()
      .min(3, "reason is required: say why the invoice is credited (at least 3 characters).")
      .max(500),
    lines: z
      .array(z.object({ line_id: z.string().min(1), quantity: z.number().positive("quantity must be more than 0") }).strict())
      .min(1)
      .optional(),
    amount: z.number().positive("amount must be more than 0").optional(),
  })
  .strict()
  .refine((body) => !!body.lines !== (body.amount !== undefined), {
    message: "Give either lines (line_id and quantity) or an amount to credit, not both.",
  })

export type AdminSendReminderType = z.infer<typeof AdminSendReminder>
export const AdminSendReminder = z
  .object({
    /** A late fee to charge with this reminder, as its own invoice. */
    late_fee: z.number().positive("a late fee is more than 0").nullable().optional(),
  })
  .strict()

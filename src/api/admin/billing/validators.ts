import { z } from "@medusajs/framework/zod"
import { PAYMENT_METHODS } from "../../../modules/billing/models/payment"
import { ACCOUNT_ROLES } from "../../../modules/billing/domain/accounts"
import { agingBuckets, CollectionsError, isTimeZone, validateReminderSchedule } from "../../../modules/billing/domain/collections"
import { PaymentTermsDays } from "../invoices/validators"

const text = (max: number) => z.string().trim().max(max).nullable().optional()

export const SellerDetails = z
  .object({
    company_name: text(200),
    address_1: text(200),
    address_2: text(200),
    postal_code: text(20),
    city: text(100),
    country_code: z.string().trim().length(2, "country_code must be a two-letter ISO code, e.g. de").nullable().optional(),
    tax_id: text(50),
    email: z.string().trim().email("seller email must be an email address").nullable().optional(),
    phone: text(50),
    logo_url: z.string().trim().url("logo_url must be a URL").nullable().optional(),
    bank_name: text(100),
    bank_account_name: text(100),
    iban: text(50),
    bic: text(20),
  })
  .strict()

export const NumberSeriesInput = z
  .object({
    document_type: z.enum(["invoice", "credit_note", "receipt"]),
    format: z.string().trim().min(1, "format is required, e.g. INV-{YYYY}-{SEQ:6}").max(64),
    reset: z.enum(["yearly", "monthly", "never"]),
  })
  .strict()

const AccountCode = z
  .string()
  .trim()
  .min(1, "an account code cannot be empty")
  .max(20)
  .regex(/^[\w.\-]+$/, "an account code is letters, digits, dots and dashes, e.g. 1200")
  .nullable()
  .optional()

/** Account codes of the journal export, by role; a role left out keeps its default. */
export const AccountCodesInput = z.object(Object.fromEntries(ACCOUNT_ROLES.map((role) => [role, AccountCode]))).strict()

/** Defaults of reconciliation runs. */
export const ReconciliationTolerances = z
  .object({
    amount_tolerance: z.number().min(0, "amount_tolerance cannot be negative").max(1_000_000).optional(),
    amount_tolerance_percent: z.number().min(0, "amount_tolerance_percent cannot be negative").max(100).optional(),
    date_tolerance_days: z.number().int().min(0, "date_tolerance_days cannot be negative").max(366).optional(),
  })
  .strict()

const ReminderTemplate = z.object({ subject: z.string().max(300), body: z.string().max(10_000) }).strict()

/** A refinement that reports a domain rule's own sentence. */
const ruleOf = <T>(check: (value: T) => unknown) => (value: T, ctx: z.RefinementCtx) => {
  try {
    check(value)
  } catch (e) {
    if (!(e instanceof CollectionsError)) throw e
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: e.message })
  }
}

/** Settings → Billing → Reminders: levels by days from the due date, a template per locale, late fees. */
export const ReminderSettingsInput = z
  .object({
    enabled: z.boolean(),
    minimum_amount: z.number().min(0, "minimum_amount cannot be negative").optional(),
    levels: z
      .array(
        z
          .object({
            days: z.number().int(),
            templates: z.object({ en: ReminderTemplate.optional(), "zh-CN": ReminderTemplate.optional() }).strict(),
            late_fee: z.object({ type: z.enum(["flat", "percent"]), value: z.number() }).strict().nullable().optional(),
          })
          .strict()
      )
      .max(10, "at most 10 reminder levels"),
  })
  .strict()
  .superRefine(ruleOf((value) => validateReminderSchedule(value as any)))

/** Collections rules: aging buckets, small-balance write-off, unpaid pay-later orders. */
export const CollectionSettingsInput = z
  .object({
    aging_buckets: z.array(z.number()).max(8).superRefine(ruleOf((bounds: number[]) => agingBuckets(bounds))).optional(),
    small_balance_write_off: z
      .object({ enabled: z.boolean(), threshold: z.number().min(0, "the small-balance threshold cannot be negative").max(1_000_000) })
      .strict()
      .optional(),
    unpaid_orders: z
      .object({
        days: z.number().int().min(1, "unpaid orders are reviewed after 1 day or more").max(365).nullable(),
        action: z.enum(["flag", "cancel"]),
      })
      .strict()
      .optional(),
  })
  .strict()

export type AdminUpdateBillingSettingsType = z.infer<typeof AdminUpdateBillingSettings>
export const AdminUpdateBillingSettings = z
  .object({
    invoice_trigger: z.enum(["order_placed", "first_fulfillment", "fully_paid", "manual"]).optional(),
    payment_terms_days: PaymentTermsDays.optional(),
    locale: z.enum(["en", "zh-CN"]).optional(),
    email_on_issue: z.boolean().optional(),
    seller: SellerDetails.nullable().optional(),
    invoice_notes: z.string().max(2000).nullable().optional(),
    /** The methods admins may record payments with; at least one. */
    payment_methods: z
      .array(z.enum(PAYMENT_METHODS))
      .min(1, "keep at least one payment method")
      .refine((list) => new Set(list).size === list.length, "each payment method may appear once")
      .optional(),
    email_receipts: z.boolean().optional(),
    number_series: z
      .array(NumberSeriesInput)
      .max(3)
      .refine((list) => new Set(list.map((s) => s.document_type)).size === list.length, "each document_type may appear once")
      .optional(),
    /** The store's time zone (IANA), the calendar of due days and overdue. */
    timezone: z.string().trim().refine(isTimeZone, "timezone must be an IANA time zone, e.g. Europe/Berlin or Asia/Shanghai").optional(),
    account_codes: AccountCodesInput.nullable().optional(),
    reconciliation: ReconciliationTolerances.nullable().optional(),
    reminders: ReminderSettingsInput.optional(),
    collections: CollectionSettingsInput.optional(),
  })
  .strict()

export type AdminGetActivityParamsType = z.infer<typeof AdminGetActivityParams>
export const AdminGetActivityParams = z.object({
  entity_id: z.string().min(1).optional(),
  entity_type: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

export type AdminUpdateCustomerBillingType = z.infer<typeof AdminUpdateCustomerBilling>
export const AdminUpdateCustomerBilling = z
  .object({
    payment_terms_days: PaymentTermsDays.nullable().optional(),
    locale: z.enum(["en", "zh-CN"]).nullable().optional(),
  })
  .strict()

export type AdminCreatePaymentPromiseType = z.infer<typeof AdminCreatePaymentPromise>
export const AdminCreatePaymentPromise = z
  .object({
    currency_code: z.string().length(3, "currency_code is a three-letter ISO code, e.g. eur").toLowerCase(),
    amount: z.number().positive("amount must be more than 0"),
    /** The day (store's calendar) it will be paid by, YYYY-MM-DD, today or later. */
    promised_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "promised_date is a day like 2026-12-15"),
    invoice_ids: z.array(z.string().min(1)).max(50).optional(),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .strict()

export type AdminCreateContactNoteType = z.infer<typeof AdminCreateContactNote>
export const AdminCreateContactNote = z
  .object({
    channel: z.enum(["call", "email", "visit", "chat", "letter", "other"]),
    note: z.string().trim().min(1, "say what was said or agreed").max(5000),
    invoice_id: z.string().min(1).nullable().optional(),
    next_action: z.string().trim().max(500).nullable().optional(),
    next_action_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "next_action_date is a day like 2026-12-15").nullable().optional(),
  })
  .strict()

export type AdminPauseRemindersType = z.infer<typeof AdminPauseReminders>
export const AdminPauseReminders = z
  .object({
    /** The last day reminders stay paused (store's calendar); none: until resumed. */
    until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "until is a date like 2026-01-31").nullable().optional(),
    reason: z.string().trim().max(500).nullable().optional(),
  })
  .strict()

import { model } from "@medusajs/framework/utils"

/** When an order gets its invoice without anyone clicking. */
export const InvoiceTrigger = {
  ORDER_PLACED: "order_placed",
  FIRST_FULFILLMENT: "first_fulfillment",
  FULLY_PAID: "fully_paid",
  MANUAL: "manual",
} as const
export type InvoiceTrigger = (typeof InvoiceTrigger)[keyof typeof InvoiceTrigger]

export const DocumentLocale = { EN: "en", ZH_CN: "zh-CN" } as const
export type DocumentLocale = (typeof DocumentLocale)[keyof typeof DocumentLocale]

/** The store's billing settings: one row (scope "default"), created with defaults on first read. */
export const BillingSettings = model
  .define({ name: "BillingSettings", tableName: "billing_settings" }, {
    id: model.id({ prefix: "bset" }).primaryKey(),
    scope: model.text().default("default"),
    invoice_trigger: model.enum(Object.values(InvoiceTrigger)).default(InvoiceTrigger.ORDER_PLACED),
    // Default payment terms in days after issue; 0 = due on receipt. Customers can override.
    payment_terms_days: model.number().default(0),
    // Language of documents and emails unless the customer has their own.
    locale: model.enum(Object.values(DocumentLocale)).default(DocumentLocale.EN),
    // Email the PDF to the customer as soon as an invoice or credit note is issued.
    email_on_issue: model.boolean().default(false),
    // The merchant as printed on documents: company_name, address lines, tax_id, email, phone,
    // logo_url, bank details. Copied into each document at issue.
    seller: model.json().nullable(),
    // The payment methods an admin can record payments with (all by default).
    payment_methods: model.json().nullable(),
    // Email the receipt to the customer as soon as a payment is recorded.
    email_receipts: model.boolean().default(false),
    // Printed at the bottom of every invoice (e.g. payment instructions).
    invoice_notes: model.text().nullable(),
    // Account codes of the journal export (receivable, revenue, tax, cash, stripe_clearing,
    // stripe_fees, write_off, fx, rounding…); missing codes take the defaults of the export.
    account_codes: model.json().nullable(),
    // Defaults of reconciliation runs: amount_tolerance (absolute), amount_tolerance_percent,
    // date_tolerance_days.
    reconciliation: model.json().nullable(),
    // The store's time zone (IANA, e.g. "Asia/Shanghai"): the calendar of due days and overdue.
    timezone: model.text().default("UTC"),
    // Payment reminders ([6/7]): { enabled, levels: [{ days, templates: { en, "zh-CN" }, late_fee }],
    // minimum_amount }; see domain/collections.ts. Null: the default schedule, off.
    reminders: model.json().nullable(),
    // Collections rules: aging_buckets ([30, 60, 90]), small_balance_write_off ({ enabled, threshold }),
    // unpaid_orders ({ days, action: "flag" | "cancel" }).
    collections: model.json().nullable(),
  })
  .indexes([{ on: ["scope"], unique: true }])

import { model } from "@medusajs/framework/utils"
import { InvoiceLine } from "./invoice-line"

export const InvoiceType = {
  INVOICE: "invoice",
  CREDIT_NOTE: "credit_note",
} as const

/**
 * Stripe's invoice statuses, plus partially_paid that merchants ask to see on its own, and
 * issued for credit notes (they owe nothing: they lower what their invoice owes).
 */
export const InvoiceStatus = {
  DRAFT: "draft",
  ISSUED: "issued",
  OPEN: "open",
  PARTIALLY_PAID: "partially_paid",
  PAID: "paid",
  VOID: "void",
  UNCOLLECTIBLE: "uncollectible",
} as const

/**
 * An invoice or a credit note. Drafts can change; from `issued_at` on, lines, amounts,
 * buyer, seller, number and dates are frozen (the service refuses any change to them).
 */
export const Invoice = model
  .define({ name: "Invoice", tableName: "billing_invoice" }, {
    id: model.id({ prefix: "inv" }).primaryKey(),
    type: model.enum(Object.values(InvoiceType)).default(InvoiceType.INVOICE),
    status: model.enum(Object.values(InvoiceStatus)).default(InvoiceStatus.DRAFT),
    // Assigned at issue from the number series, never at draft, so a deleted draft leaves no gap.
    number: model.text().searchable().nullable(),
    // The Medusa order the document bills (snapshot id; linked read-only to the order module).
    order_id: model.text().nullable(),
    // The order's display id at the time of invoicing, for people ("#1042").
    order_display_id: model.number().nullable(),
    customer_id: model.text().nullable(),
    email: model.text().searchable().nullable(),
    currency_code: model.text(),
    issued_at: model.dateTime().nullable(),
    due_at: model.dateTime().nullable(),
    // Days between issue and due date; 0 means due on receipt.
    payment_terms_days: model.number().default(0),
    // Company name, address, tax id, bank details of the merchant, copied at issue.
    seller: model.json().nullable(),
    // Customer name, company, tax id, billing address, copied from the order.
    buyer: model.json().nullable(),
    // Sum of item lines, excluding tax and before discounts.
    subtotal: model.bigNumber().default(0),
    // Sum of shipping lines, excluding tax and before discounts.
    shipping_total: model.bigNumber().default(0),
    discount_total: model.bigNumber().default(0),
    tax_total: model.bigNumber().default(0),
    // The rounding line: what makes the rounded lines add up to the rounded order total.
    rounding_total: model.bigNumber().default(0),
    total: model.bigNumber().default(0),
    // Medusa's unrounded order total the document was built from (e.g. 29.6786).
    source_total: model.bigNumber().nullable(),
    // Taxable base and tax per rate: [{ code, rate, taxable_amount, amount }].
    tax_summary: model.json().nullable(),
    // Language the document is written in ("en" or "zh-CN"), fixed at issue.
    locale: model.text().default("en"),
    // For credit notes: the invoice they correct.
    original_invoice_id: model.text().nullable(),
    // For credit notes: why (e.g. "Order canceled", "Return received", "Goodwill").
    reason: model.text().nullable(),
    // For credit notes: "order_change" when it follows the order (cancel, return, edit), "manual" otherwise.
    origin: model.enum(["order", "order_change", "manual"]).default("order"),
    // Sum of allocated payments ([3/7]); moves after issue.
    amount_paid: model.bigNumber().default(0),
    // Sum of issued credit notes against this invoice; moves after issue.
    amount_credited: model.bigNumber().default(0),
    // Sum of write-offs: what the merchant gave up on ([5/7] exceptions, [6/7] collections).
    amount_written_off: model.bigNumber().default(0),
    // total − paid − credited − written off, never below zero; what the customer still owes on this document.
    amount_due: model.bigNumber().default(0),
    // A chargeback on a payment of this invoice: open, won or lost (null: never disputed).
    dispute_status: model.enum(["open", "won", "lost"]).nullable(),
    // When the overdue job found it past its due day (in the store's time zone); kept as history.
    overdue_at: model.dateTime().nullable(),
    // The unpaid-order policy flagged its pay-later order for review (settings.collections.unpaid_orders).
    review_flagged_at: model.dateTime().nullable(),
    void_reason: model.text().nullable(),
    voided_at: model.dateTime().nullable(),
    // The PDF rendered at issue and stored through Medusa's File Module; never re-rendered.
    pdf_file_id: model.text().nullable(),
    last_sent_at: model.dateTime().nullable(),
    notes: model.text().nullable(),
    metadata: model.json().nullable(),
    lines: model.hasMany(() => InvoiceLine, { mappedBy: "invoice" }),
  })
  .cascades({ delete: ["lines"] })
  .indexes([
    { on: ["number"], unique: true, where: "number IS NOT NULL" },
    // One live invoice per order; credit notes, supplementary invoices (origin order_change)
    // and voided invoices are not counted.
    {
      on: ["order_id"],
      unique: true,
      where: "order_id IS NOT NULL AND type = 'invoice' AND origin = 'order' AND status <> 'void'",
      name: "IDX_billing_invoice_one_per_order",
    },
    { on: ["order_id", "type"] },
    { on: ["customer_id", "currency_code"] },
    { on: ["status", "due_at"] },
    { on: ["original_invoice_id"] },
  ])

import { model } from "@medusajs/framework/utils"
import { Invoice } from "./invoice"

/** One line of an invoice: an order item, a shipping method, or the rounding line. */
export const InvoiceLine = model
  .define({ name: "InvoiceLine", tableName: "billing_invoice_line" }, {
    id: model.id({ prefix: "invl" }).primaryKey(),
    kind: model.enum(["item", "shipping", "rounding"]).default("item"),
    rank: model.number().default(0),
    // The Medusa order line item or shipping method this line was copied from.
    source_id: model.text().nullable(),
    title: model.text(),
    // Variant title for items.
    subtitle: model.text().nullable(),
    sku: model.text().nullable(),
    quantity: model.bigNumber(),
    // As on the order: including tax when is_tax_inclusive is true.
    unit_price: model.bigNumber(),
    is_tax_inclusive: model.boolean().default(false),
    // Excluding tax, before discount, rounded to the currency.
    subtotal: model.bigNumber(),
    discount_total: model.bigNumber().default(0),
    tax_total: model.bigNumber().default(0),
    total: model.bigNumber(),
    // [{ code, rate, taxable_amount, amount }], each amount rounded on its own.
    tax_lines: model.json().nullable(),
    invoice: model.belongsTo(() => Invoice, { mappedBy: "lines" }),
  })

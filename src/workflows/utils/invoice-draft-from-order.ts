import { MathBN } from "@medusajs/framework/utils"
import { buildInvoiceFromOrder, OrderForInvoice } from "../../modules/billing/domain/invoice-from-order"
import type { CreateDraftInvoiceInput, InvoiceParty } from "../../modules/billing/types"

/** Order fields an invoice is built from (Medusa computes the totals on read). */
export const ORDER_FIELDS_FOR_INVOICE = [
  "id",
  "display_id",
  "currency_code",
  "email",
  "customer_id",
  "total",
  "metadata",
  "customer.first_name",
  "customer.last_name",
  "customer.company_name",
  "customer.email",
  "customer.phone",
  "customer.metadata",
  "billing_address.*",
  "items.id",
  "items.title",
  "items.variant_title",
  "items.variant_sku",
  "items.quantity",
  "items.unit_price",
  "items.is_tax_inclusive",
  "items.subtotal",
  "items.discount_subtotal",
  "items.tax_lines.code",
  "items.tax_lines.rate",
  "shipping_methods.id",
  "shipping_methods.name",
  "shipping_methods.amount",
  "shipping_methods.is_tax_inclusive",
  "shipping_methods.subtotal",
  "shipping_methods.discount_subtotal",
  "shipping_methods.tax_lines.code",
  "shipping_methods.tax_lines.rate",
]

type OrderRecord = Record<string, any>

/** The buyer as the order names them: billing address first, the customer account second. */
export function buyerFromOrder(order: OrderRecord): InvoiceParty {
  const address = order.billing_address ?? {}
  const customer = order.customer ?? {}
  const name = [address.first_name ?? customer.first_name, address.last_name ?? customer.last_name]
    .filter(Boolean)
    .join(" ")
  return {
    name: name || null,
    company: address.company || customer.company_name || null,
    // Medusa has no tax id field; merchants keep it in metadata (order, then customer).
    tax_id: order.metadata?.tax_id ?? customer.metadata?.tax_id ?? null,
    email: order.email ?? customer.email ?? null,
    phone: address.phone ?? customer.phone ?? null,
    address: order.billing_address
      ? {
          address_1: address.address_1 ?? null,
          address_2: address.address_2 ?? null,
          city: address.city ?? null,
          postal_code: address.postal_code ?? null,
          province: address.province ?? null,
          country_code: address.country_code ?? null,
        }
      : null,
  }
}

/** Units still on the order: ordered minus returned (received or dismissed), as Medusa's totals count them. */
function currentQuantity(item: OrderRecord) {
  const detail = item.detail
  if (!detail) return item.quantity
  return MathBN.sub(item.quantity, MathBN.add(detail.return_received_quantity ?? 0, detail.return_dismissed_quantity ?? 0)).toString()
}

/** Everything a draft invoice needs, from an order read with ORDER_FIELDS_FOR_INVOICE. */
export function invoiceDraftFromOrder(order: OrderRecord): CreateDraftInvoiceInput {
  const source: OrderForInvoice = {
    currency_code: order.currency_code,
    total: order.total,
    items: (order.items ?? []).map((item: OrderRecord) => ({
      id: item.id,
      title: item.title,
      subtitle: item.variant_title ?? null,
      sku: item.variant_sku ?? null,
      quantity: currentQuantity(item),
      unit_price: item.unit_price,
      is_tax_inclusive: item.is_tax_inclusive,
      subtotal: item.subtotal,
      discount_subtotal: item.discount_subtotal,
      tax_lines: item.tax_lines,
    })),
    shipping_methods: (order.shipping_methods ?? []).map((method: OrderRecord) => ({
      id: method.id,
      title: method.name,
      quantity: 1,
      unit_price: method.amount,
      is_tax_inclusive: method.is_tax_inclusive,
      subtotal: method.subtotal,
      discount_subtotal: method.discount_subtotal,
      tax_lines: method.tax_lines,
    })),
  }
  return {
    ...buildInvoiceFromOrder(source),
    type: "invoice",
    order_id: order.id,
    order_display_id: order.display_id ?? null,
    customer_id: order.customer_id ?? null,
    email: order.email ?? null,
    buyer: buyerFromOrder(order),
  }
}

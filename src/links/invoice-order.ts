import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import BillingModule from "../modules/billing"

/**
 * An invoice bills one order (its `order_id` column); read-only, so no link table is needed
 * and `query.graph({ entity: "invoice", fields: ["order.*"] })` just works.
 */
export default defineLink(
  { linkable: BillingModule.linkable.invoice, field: "order_id" },
  OrderModule.linkable.order,
  { readOnly: true }
)

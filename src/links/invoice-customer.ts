import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import BillingModule from "../modules/billing"

/** An invoice's customer (its `customer_id` column), read-only. */
export default defineLink(
  { linkable: BillingModule.linkable.invoice, field: "customer_id" },
  CustomerModule.linkable.customer,
  { readOnly: true }
)

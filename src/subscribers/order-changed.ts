import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { syncOrderDocumentsWorkflow } from "../workflows/sync-order-documents"

/** Why an invoiced order's documents are corrected, as printed on the credit note or supplementary invoice. */
const REASONS: Record<string, string> = {
  "order.canceled": "Order canceled",
  "order.return_received": "Return received",
  "order-edit.confirmed": "Order edited",
  "order.claim_created": "Claim",
  "order.exchange_created": "Exchange",
}

/**
 * After a change to an invoiced order, issues the credit note (order lowered) or supplementary
 * invoice (order raised) that keeps its documents equal to the order. Derived from the order as
 * it is now, so a duplicate or missed event never corrects twice.
 */
export default async function correctDocumentsOnOrderChange({
  event,
  container,
}: SubscriberArgs<{ id?: string; order_id?: string }>) {
  const orderId = event.data.order_id ?? event.data.id
  if (!orderId) return
  await syncOrderDocumentsWorkflow(container).run({
    input: { order_id: orderId, reason: REASONS[event.name] ?? "Order changed" },
  })
}

export const config: SubscriberConfig = {
  event: Object.keys(REASONS),
  context: { subscriberId: "billing-correct-documents-on-order-change" },
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../modules/billing"
import type BillingModuleService from "../../../../../modules/billing/service"
import { createStripePaymentLink, openPaymentLink, presentPaymentLink } from "../../../../../workflows/utils/stripe-payment-link"

/** The invoice's open payment link for what it owes now (with its QR code), or null. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await req.scope.resolve<BillingModuleService>(BILLING_MODULE).retrieveInvoice(req.params.id, { select: ["id"] })
  const link = await openPaymentLink(req.scope, req.params.id)
  res.json({ payment_link: link ? await presentPaymentLink(link as any) : null })
}

/** "Collect with Stripe": a Stripe Checkout link for the amount due (201), or the open one (200). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { link, created } = await createStripePaymentLink(req.scope, req.params.id, { actor_type: "user", actor_id: req.auth_context.actor_id })
  res.status(created ? 201 : 200).json({ payment_link: await presentPaymentLink(link as any) })
}

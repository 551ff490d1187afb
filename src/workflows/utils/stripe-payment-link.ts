import type { MedusaContainer } from "@medusajs/framework/types"
import { MathBN, MedusaError } from "@medusajs/framework/utils"
import QRCode from "qrcode"
import { BILLING_MODULE } from "../../modules/billing"
import { fromMinorUnits, stripeChargeableMinorUnits } from "../../modules/billing/domain/money"
import type BillingModuleService from "../../modules/billing/service"
import type { BillingActor } from "../../modules/billing/types"
import { stripeClient, stripeSettings } from "../../modules/billing/utils/stripe-webhook"

/** A payment link as the admin and the email show it, with its QR code (SVG). */
export async function presentPaymentLink(link: { id: string; url: string; [key: string]: unknown }) {
  return { ...link, qr_svg: await QRCode.toString(link.url, { type: "svg", margin: 1, width: 180 }) }
}

/** The invoice's open payment link for what it owes now, if there is one that still works for a while. */
export async function openPaymentLink(container: MedusaContainer, invoiceId: string) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const invoice = await billing.retrieveInvoice(invoiceId, { select: ["id", "amount_due", "status"] })
  const [link] = await billing.listPaymentLinks({ invoice_id: invoiceId, status: "open" }, { order: { created_at: "DESC" }, take: 1 })
  const usable = link && (!link.expires_at || new Date(link.expires_at).getTime() > Date.now() + LINK_MARGIN_MS)
  return usable && MathBN.eq(link.amount_due, invoice.amount_due) && ["open", "partially_paid"].includes(invoice.status) ? link : null
}

/** A link about to expire is not handed out again: the customer needs time to pay. */
const LINK_MARGIN_MS = 15 * 60 * 1000

/**
 * `checkout.session.expired` / `completed` for a billing payment link: the link is marked
 * expired (the next "Collect with Stripe" opens a new one) or completed. The money itself comes
 * with `payment_intent.succeeded`.
 */
export async function applyCheckoutSession(container: MedusaContainer, type: string, session: Record<string, any>) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const [link] = await billing.listPaymentLinks({ external_id: session.id }, { select: ["id", "status"] })
  if (!link) return { status: "ignored" as const, detail: `no billing payment link ${session.id}` }
  const completed = type === "checkout.session.completed" && session.payment_status !== "unpaid"
  // A completed link stays completed, whatever arrives after.
  if (link.status !== "completed" && (completed || type === "checkout.session.expired")) {
    await billing.updatePaymentLinks({
      id: link.id,
      status: completed ? "completed" : "expired",
      ...(completed ? { completed_at: new Date() } : {}),
    } as any)
  }
  return { status: "processed" as const }
}

/**
 * "Collect with Stripe": a Stripe Checkout Session for what the invoice owes, whose payment
 * carries `metadata.invoice_id`, so the webhook applies it to the invoice. An open link for the
 * same amount is reused rather than creating another.
 */
export async function createStripePaymentLink(container: MedusaContainer, invoiceId: string, actor: BillingActor = {}) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const invoice = await billing.retrieveInvoice(invoiceId)
  const name = invoice.number ?? invoiceId
  if (!["open", "partially_paid"].includes(invoice.status) || !MathBN.gt(invoice.amount_due, 0)) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Invoice ${name} is ${invoice.status} and owes nothing; there is nothing to collect.`)
  }
  const existing = await openPaymentLink(container, invoiceId)
  if (existing) return { link: existing, created: false }

  const settings = stripeSettings()
  const stripe = stripeClient(settings)
  if (!stripe) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Set BILLING_STRIPE_API_KEY to collect payments with Stripe.")
  }
  const currency = invoice.currency_code
  const chargeable = stripeChargeableMinorUnits(invoice.amount_due, currency)
  const amount = fromMinorUnits(chargeable, currency)
  const returnUrl = process.env.BILLING_STRIPE_RETURN_URL || "https://stripe.com"
  const previous = (await billing.listPaymentLinks({ invoice_id: invoice.id }, { select: ["id"] })).length
  const session = await stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: { currency, unit_amount: chargeable, product_data: { name: `${invoice.seller?.company_name ? `${invoice.seller.company_name} · ` : ""}${name}` } },
        },
      ],
      customer_email: invoice.email ?? undefined,
      metadata: { invoice_id: invoice.id, invoice_number: name },
      payment_intent_data: { metadata: { invoice_id: invoice.id, invoice_number: name } },
      success_url: returnUrl,
      cancel_url: returnUrl,
    },
    // The same invoice and amount due never open two sessions, even if the request is repeated;
    // after a link expired, the next one is another session.
    { idempotencyKey: `billing-link-${invoice.id}-${chargeable}-${MathBN.convert(invoice.amount_paid).toString()}-${previous}` }
  )
  const link = await billing.createPaymentLinks({
    invoice_id: invoice.id,
    external_id: session.id,
    url: session.url!,
    currency_code: currency,
    amount,
    amount_due: invoice.amount_due,
    amount_difference: MathBN.sub(amount, invoice.amount_due).toString(),
    expires_at: session.expires_at ? new Date(session.expires_at * 1000) : null,
  } as any)
  await billing.logActivity({
    entity_type: "invoice",
    entity_id: invoice.id,
    action: "invoice.payment_link_created",
    ...actor,
    data: { url: link.url, amount, amount_difference: link.amount_difference },
  })
  return { link, created: true }
}

import { ArrowUpRightOnBox, CreditCard } from "@medusajs/icons"
import { Button, Container, Copy, Heading, StatusBadge, Text, toast } from "@medusajs/ui"
import { useBillingTranslation } from "../lib/i18n"
import { toMinor } from "../lib/money"
import { describeError, useCreatePaymentLink, usePaymentLink, type PaymentLink } from "../lib/stripe"
import { DetailList, type DetailRow } from "./detail-list"

/** An invoice's open payment link, if it has one. */
const useOpenLink = (invoiceId: string) => usePaymentLink(invoiceId).data?.payment_link ?? null

/**
 * "Collect with Stripe": opens a Stripe Checkout link for what the invoice owes. Shown while the
 * invoice has no open link; the link itself is shown by `StripePaymentLinkCard`.
 */
export const CollectWithStripeButton = ({ invoiceId }: { invoiceId: string }) => {
  const { t } = useBillingTranslation()
  const query = usePaymentLink(invoiceId)
  const create = useCreatePaymentLink(invoiceId)
  if (query.isLoading || query.data?.payment_link) return null

  const collect = () =>
    create.mutate(undefined, {
      onSuccess: () => toast.success(t("billing.paymentLink.created")),
      // Without an API key the server says which setting is missing: show its words.
      onError: (e) => toast.error(t("billing.paymentLink.failed"), { description: describeError(e) }),
    })

  return (
    <Button size="small" variant="secondary" isLoading={create.isPending} onClick={collect} data-testid="collect-with-stripe">
      <CreditCard />
      {t("billing.paymentLink.collect")}
    </Button>
  )
}

/** The open link: its URL to copy or open, what it charges, and a QR code to scan. */
export const StripePaymentLinkCard = ({ invoiceId }: { invoiceId: string }) => {
  const { t } = useBillingTranslation()
  const link = useOpenLink(invoiceId)
  if (!link) return null

  const rows: DetailRow[] = [
    [
      t("billing.paymentLink.url"),
      <span className="flex items-start gap-x-2">
        <span className="font-mono text-xs break-all" data-testid="payment-link-url">{link.url}</span>
        <Copy content={link.url} className="shrink-0" data-testid="payment-link-copy" />
      </span>,
      "url",
    ],
    [t("billing.paymentLink.charged"), <ChargedAmount link={link} />, "amount"],
    ...(link.expires_at ? ([[t("billing.paymentLink.expires"), <ExpiresAt value={link.expires_at} />, "expires"]] as DetailRow[]) : []),
  ]

  return (
    <Container className="divide-y p-0" data-testid="invoice-payment-link">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div className="flex items-center gap-x-3">
          <Heading level="h2">{t("billing.paymentLink.title")}</Heading>
          <StatusBadge color="blue">{t(`billing.paymentLink.status.${link.status}`)}</StatusBadge>
        </div>
        <Button size="small" variant="secondary" asChild>
          <a href={link.url} target="_blank" rel="noopener noreferrer" data-testid="payment-link-open">
            <ArrowUpRightOnBox />
            {t("billing.paymentLink.open")}
          </a>
        </Button>
      </div>
      <div className="flex flex-col gap-6 px-6 py-4 md:flex-row md:items-start">
        <DetailList rows={rows} className="flex-1 gap-x-8 gap-y-3" testIdPrefix="payment-link">
          <Text size="xsmall" className="text-ui-fg-subtle col-span-2">{t("billing.paymentLink.hint")}</Text>
        </DetailList>
        <figure className="flex shrink-0 flex-col items-center gap-y-1">
          {/* The server's SVG as an image: shown, never run as markup of the page. */}
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(link.qr_svg)}`}
            alt={t("billing.paymentLink.qrAlt")}
            width={180}
            height={180}
            className="rounded-md border"
            data-testid="payment-link-qr"
          />
          <Text as="span" size="xsmall" className="text-ui-fg-subtle">{t("billing.paymentLink.scan")}</Text>
        </figure>
      </div>
    </Container>
  )
}

/** What the link charges; when Stripe cannot charge the exact amount due, by how much it differs and why. */
const ChargedAmount = ({ link }: { link: PaymentLink }) => {
  const { t, formatMoney } = useBillingTranslation()
  const money = (v: PaymentLink["amount"]) => formatMoney(v, link.currency_code)
  const differs = toMinor(String(link.amount), link.currency_code) !== toMinor(String(link.amount_due), link.currency_code)
  return (
    <span className="flex flex-col">
      <span className="font-medium">{money(link.amount)}</span>
      {differs && (
        <span className="text-ui-fg-subtle" data-testid="payment-link-difference">
          {t("billing.paymentLink.rounded", { due: money(link.amount_due), difference: money(link.amount_difference) })}
        </span>
      )}
    </span>
  )
}

const ExpiresAt = ({ value }: { value: string }) => {
  const { locale } = useBillingTranslation()
  return <>{new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(value))}</>
}

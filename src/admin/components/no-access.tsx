import { LockClosedSolid } from "@medusajs/icons"
import { Container, Heading, Text } from "@medusajs/ui"
import { useBillingTranslation } from "../lib/i18n"

export type NoAccessSubject =
  | "invoices"
  | "payments"
  | "settings"
  | "collections"
  | "reconciliation"
  | "reports"
  | "stripe"
  | "dashboard"
  | "customer"

/** What a page shows instead of its content when the user's role may not read it. */
export const NoAccess = ({ what }: { what: NoAccessSubject }) => {
  const { t } = useBillingTranslation()
  return (
    <Container className="flex items-start gap-x-3 px-6 py-4" data-testid="billing-no-access">
      <LockClosedSolid className="text-ui-fg-subtle mt-0.5" />
      <div className="flex flex-col gap-y-1">
        <Heading level="h2">{t("billing.access.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("billing.access.message", { what: t(`billing.access.what.${what}`) })}
        </Text>
      </div>
    </Container>
  )
}

import { Container, Input, Label, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { ACCOUNT_ROLES, AccountRole, DEFAULT_ACCOUNT_CODES } from "../../modules/billing/domain/accounts"
import type { Tolerances } from "../../modules/billing/domain/matching"
import { useBillingTranslation } from "../lib/i18n"
import { Field } from "./field"
import { SectionHeader } from "./section-header"

export const TOLERANCES = ["amount_tolerance", "amount_tolerance_percent", "date_tolerance_days"] as const

export type CodeInputs = Record<AccountRole, string>
export type ToleranceInputs = Record<keyof Tolerances, string>

/** The API's rule for a code: letters, digits, dots and dashes, at most 20. Empty means the default. */
export const validCode = (code: string) => !code.trim() || /^[\w.\-]{1,20}$/.test(code.trim())

/** Whether a tolerance is a number the API accepts (amounts ≥ 0, percent ≤ 100, whole days ≤ 366). */
export function validTolerance(key: keyof Tolerances, value: string) {
  const v = value.trim()
  if (key === "date_tolerance_days") return /^\d+$/.test(v) && Number(v) <= 366
  if (!/^\d+(\.\d+)?$/.test(v)) return false
  return key === "amount_tolerance_percent" ? Number(v) <= 100 : Number(v) <= 1_000_000
}

/** A part of the accounting card: its title and hint above its fields. */
const Subsection = ({ title, hint, testId, children }: { title: string; hint: string; testId: string; children: ReactNode }) => (
  <div className="flex flex-col gap-y-4 px-6 py-4" data-testid={testId}>
    <div>
      <Text size="small" weight="plus">{title}</Text>
      <Text size="small" className="text-ui-fg-subtle">{hint}</Text>
    </div>
    {children}
  </div>
)

/**
 * Accounting: the account code of each role the journal export books to (empty: the default), and
 * the tolerances bank statement matching starts from (a run may set its own).
 */
export const AccountingSection = ({
  codes,
  onCodesChange,
  tolerances,
  onTolerancesChange,
}: {
  codes: CodeInputs
  onCodesChange: (codes: CodeInputs) => void
  tolerances: ToleranceInputs
  onTolerancesChange: (tolerances: ToleranceInputs) => void
}) => {
  const { t } = useBillingTranslation()
  return (
    <Container className="divide-y p-0" data-testid="settings-accounting">
      <SectionHeader title={t("billing.settings.accounting.title")} hint={t("billing.settings.accounting.hint")} />
      <Subsection title={t("billing.settings.accounting.codes")} hint={t("billing.settings.accounting.codesHint")} testId="settings-account-codes">
        <div className="grid grid-cols-1 gap-x-8 gap-y-4 md:grid-cols-2">
          {ACCOUNT_ROLES.map((role) => (
            <div key={role} className="flex items-start justify-between gap-x-4">
              <div className="flex min-w-0 flex-col">
                <Label size="small" htmlFor={`account-code-${role}`}>{t(`billing.settings.accounting.roles.${role}`)}</Label>
                <Text size="xsmall" className="text-ui-fg-subtle">{t(`billing.settings.accounting.roleHints.${role}`)}</Text>
                {!validCode(codes[role]) && (
                  <Text size="xsmall" className="text-ui-fg-error">{t("billing.settings.accounting.codeInvalid")}</Text>
                )}
              </div>
              <Input
                id={`account-code-${role}`}
                name={`account_codes.${role}`}
                size="small"
                className="w-28 shrink-0 font-mono"
                maxLength={20}
                placeholder={DEFAULT_ACCOUNT_CODES[role]}
                aria-invalid={!validCode(codes[role])}
                value={codes[role]}
                onChange={(e) => onCodesChange({ ...codes, [role]: e.target.value })}
              />
            </div>
          ))}
        </div>
      </Subsection>
      <Subsection title={t("billing.settings.accounting.matching")} hint={t("billing.settings.accounting.matchingHint")} testId="settings-reconciliation">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
          {TOLERANCES.map((key) => (
            <Field
              key={key}
              label={t(`billing.settings.accounting.tolerances.${key}`)}
              htmlFor={`tolerance-${key}`}
              hint={t(`billing.settings.accounting.toleranceHints.${key}`)}
              error={validTolerance(key, tolerances[key]) ? null : t(`billing.settings.accounting.toleranceInvalid.${key}`)}
            >
              <Input
                id={`tolerance-${key}`}
                name={`reconciliation.${key}`}
                size="small"
                inputMode={key === "date_tolerance_days" ? "numeric" : "decimal"}
                aria-invalid={!validTolerance(key, tolerances[key])}
                value={tolerances[key]}
                onChange={(e) => onTolerancesChange({ ...tolerances, [key]: e.target.value })}
              />
            </Field>
          ))}
        </div>
      </Subsection>
    </Container>
  )
}


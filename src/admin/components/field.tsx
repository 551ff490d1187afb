import { Label, Select, Text } from "@medusajs/ui"
import { ReactNode } from "react"
import { useBillingTranslation } from "../lib/i18n"

/**
 * A form field: its label above the input, and below it a hint, or the error in the hint's place.
 * `invalid` turns the hint itself red, for fields whose hint already says what is accepted.
 */
export const Field = ({
  label,
  htmlFor,
  size = "small",
  hint,
  error,
  invalid,
  className,
  testId,
  children,
}: {
  label: ReactNode
  htmlFor?: string
  /** The label's size: "xsmall" above a list's filters, "small" in forms. */
  size?: "small" | "xsmall"
  hint?: ReactNode
  error?: string | null
  invalid?: boolean
  className?: string
  testId?: string
  children: ReactNode
}) => (
  <div className={className ? `flex flex-col gap-y-1 ${className}` : "flex flex-col gap-y-1"} data-testid={testId}>
    <Label size={size} htmlFor={htmlFor}>{label}</Label>
    {children}
    {error ? (
      <Text size="xsmall" className="text-ui-fg-error">{error}</Text>
    ) : hint ? (
      <Text size="xsmall" className={invalid ? "text-ui-fg-error" : "text-ui-fg-subtle"}>{hint}</Text>
    ) : null}
  </div>
)

/** A currency chosen among those given, shown by its code ("EUR"). */
export const CurrencyField = ({
  currencies,
  value,
  onChange,
  disabled,
  testId,
}: {
  currencies: string[]
  value: string
  onChange: (currency: string) => void
  disabled?: boolean
  testId: string
}) => {
  const { t } = useBillingTranslation()
  return (
    <Field label={t("billing.filters.currency")}>
      <Select value={value} onValueChange={onChange} disabled={disabled}>
        <Select.Trigger data-testid={testId}><Select.Value /></Select.Trigger>
        <Select.Content>
          {currencies.map((c) => (
            <Select.Item key={c} value={c}>{c.toUpperCase()}</Select.Item>
          ))}
        </Select.Content>
      </Select>
    </Field>
  )
}

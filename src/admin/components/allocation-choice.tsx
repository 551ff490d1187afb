import { Input, RadioGroup, Table, Text } from "@medusajs/ui"
import { useBillingTranslation } from "../lib/i18n"
import { AdminInvoice, useInvoices } from "../lib/invoices"
import { currencyDecimals, fromMinor, toMinor } from "../lib/money"

export type AllocationMode = "auto" | "choose"
type TFunction = ReturnType<typeof useBillingTranslation>["t"]

/** The customer's invoices that still owe money in one currency, oldest due first. */
export function useOpenInvoices(customerId: string, currencyCode: string) {
  const { data, isLoading } = useInvoices({
    customer_id: customerId,
    currency_code: currencyCode,
    type: "invoice",
    status: ["open", "partially_paid"],
    order: "due_at",
    limit: 100,
  })
  return { invoices: data?.invoices ?? [], isLoading }
}

/**
 * Checks the amounts typed per invoice: each a valid amount of the currency, none above what the
 * invoice still owes, together not above `available` (the payment, or its unapplied credit).
 */
export function checkAllocations(
  t: TFunction,
  invoices: AdminInvoice[],
  chosen: Record<string, string>,
  available: bigint | null,
  currencyCode: string
): { allocations: { invoice_id: string; amount: string }[]; error: string | null } {
  const allocations: { invoice_id: string; amount: string }[] = []
  const currency = currencyCode.toUpperCase()
  let sum = 0n
  for (const invoice of invoices) {
    const text = chosen[invoice.id]?.trim()
    if (!text) continue
    const minor = toMinor(text, currencyCode)
    if (minor === null || minor < 0n) {
      return { allocations, error: t("billing.checkout.errors.invalidAmount", { number: invoice.number, decimals: currencyDecimals(currencyCode) }) }
    }
    if (minor > (toMinor(invoice.amount_due, currencyCode) ?? 0n)) {
      return { allocations, error: t("billing.checkout.errors.aboveDue", { number: invoice.number, due: `${invoice.amount_due} ${currency}` }) }
    }
    if (minor > 0n) {
      allocations.push({ invoice_id: invoice.id, amount: fromMinor(minor, currencyCode) })
      sum += minor
    }
  }
  if (!allocations.length) return { allocations, error: t("billing.checkout.errors.nothingChosen") }
  if (available !== null && sum > available) {
    return {
      allocations,
      error: t("billing.checkout.errors.sumAboveAmount", {
        sum: `${fromMinor(sum, currencyCode)} ${currency}`,
        amount: `${fromMinor(available, currencyCode)} ${currency}`,
      }),
    }
  }
  return { allocations, error: null }
}

type Props = {
  mode: AllocationMode
  onModeChange: (mode: AllocationMode) => void
  invoices: AdminInvoice[]
  chosen: Record<string, string>
  onChosenChange: (chosen: Record<string, string>) => void
  currencyCode: string
  error: string | null
}

/** "Automatic (oldest due first)" or "Choose", over the customer's open invoices with what each still owes. */
export const AllocationChoice = ({ mode, onModeChange, invoices, chosen, onChosenChange, currencyCode, error }: Props) => {
  const { t, formatMoney, formatDate } = useBillingTranslation()

  if (!invoices.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle" data-testid="allocation-no-invoices">
        {t("billing.checkout.noOpenInvoices", { currency: currencyCode.toUpperCase() })}
      </Text>
    )
  }

  return (
    <div className="flex flex-col gap-y-3" data-testid="allocation-choice">
      <RadioGroup className="grid grid-cols-1 gap-2 md:grid-cols-2" value={mode} onValueChange={(v) => onModeChange(v as AllocationMode)}>
        <RadioGroup.ChoiceBox
          value="auto"
          label={t("billing.checkout.modeAuto")}
          description={t("billing.checkout.modeAutoHint")}
          data-testid="allocation-mode-auto"
        />
        <RadioGroup.ChoiceBox
          value="choose"
          label={t("billing.checkout.modeChoose")}
          description={t("billing.checkout.modeChooseHint")}
          data-testid="allocation-mode-choose"
        />
      </RadioGroup>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>{t("billing.invoices.number")}</Table.HeaderCell>
            <Table.HeaderCell>{t("billing.invoices.dueAt")}</Table.HeaderCell>
            <Table.HeaderCell className="whitespace-nowrap text-right">{t("billing.invoices.amountDue")}</Table.HeaderCell>
            {mode === "choose" && <Table.HeaderCell className="text-right">{t("billing.checkout.apply")}</Table.HeaderCell>}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {invoices.map((invoice) => (
            <Table.Row key={invoice.id} data-testid={`allocation-invoice-${invoice.number}`}>
              <Table.Cell className="whitespace-nowrap">{invoice.number}</Table.Cell>
              <Table.Cell className="whitespace-nowrap">{formatDate(invoice.due_at)}</Table.Cell>
              <Table.Cell className="whitespace-nowrap text-right">{formatMoney(invoice.amount_due, invoice.currency_code)}</Table.Cell>
              {mode === "choose" && (
                <Table.Cell className="text-right">
                  <Input
                    size="small"
                    className="ml-auto w-28"
                    inputMode="decimal"
                    name={`allocate-${invoice.id}`}
                    aria-label={t("billing.checkout.applyTo", { number: invoice.number })}
                    placeholder="0"
                    value={chosen[invoice.id] ?? ""}
                    onChange={(e) => onChosenChange({ ...chosen, [invoice.id]: e.target.value })}
                  />
                </Table.Cell>
              )}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {mode === "choose" && error && (
        <Text size="small" className="text-ui-fg-error" data-testid="allocation-error">
          {error}
        </Text>
      )}
    </div>
  )
}

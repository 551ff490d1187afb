import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Checkbox, Container, Input, Label, Select, Switch, Text, Textarea, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { ACCOUNT_ROLES, DEFAULT_ACCOUNT_CODES } from "../../../../modules/billing/domain/accounts"
import { formatDocumentNumber, validateNumberFormat } from "../../../../modules/billing/domain/numbering"
import { AccountingSection, CodeInputs, TOLERANCES, ToleranceInputs, validCode, validTolerance } from "../../../components/accounting-settings"
import { CollectionAccountsSection } from "../../../components/collection-accounts"
import { Field } from "../../../components/field"
import { NoAccess } from "../../../components/no-access"
import {
  CollectionsInputs,
  collectionsInputs,
  CollectionsSettingsSection,
  ReminderInputs,
  reminderInputs,
  reminderPayload,
  reminderProblems,
  RemindersSection,
} from "../../../components/reminder-settings"
import { SectionHeader, TitleBlock } from "../../../components/section-header"
import { useBillingTranslation } from "../../../lib/i18n"
import { PAYMENT_METHODS } from "../../../lib/payments"
import { useBillingPermissions } from "../../../lib/permissions"
import { BillingSettings, NumberSeries, useBillingSettings, useUpdateBillingSettings } from "../../../lib/settings"

const SELLER_FIELDS = [
  "company_name",
  "address_1",
  "address_2",
  "postal_code",
  "city",
  "country_code",
  "tax_id",
  "email",
  "phone",
  "bank_name",
  "bank_account_name",
  "iban",
  "bic",
] as const
const TERMS = [0, 7, 15, 30, 60]
/** Every IANA time zone the browser knows, UTC first. */
const TIME_ZONES = ["UTC", ...((Intl as any).supportedValuesOf?.("timeZone") ?? []).filter((z: string) => z !== "UTC")] as string[]
/**
 * Settings → Billing: seller, invoicing trigger, payment terms, language, email on issue, number formats,
 * the payment methods offered, receipts by email, the collection accounts, and accounting (the journal's
 * account codes and the tolerances of bank statement matching).
 */
const BillingSettingsPage = () => {
  const { t } = useBillingTranslation()
  const { data } = useBillingSettings()
  const save = useUpdateBillingSettings()
  const [form, setForm] = useState<BillingSettings | null>(null)
  const [series, setSeries] = useState<NumberSeries[]>([])
  // Typed as text, so a field can be empty or half-typed; checked before saving.
  const [codes, setCodes] = useState<CodeInputs | null>(null)
  const [tolerances, setTolerances] = useState<ToleranceInputs | null>(null)
  const [reminders, setReminders] = useState<ReminderInputs | null>(null)
  const [collections, setCollections] = useState<CollectionsInputs | null>(null)
  const { can, canRead } = useBillingPermissions()
  const mayUpdate = can("billing_settings", "update")

  useEffect(() => {
    if (data) {
      setForm(data.settings)
      setSeries(data.number_series)
      setCodes({ ...data.settings.account_codes })
      const r = data.settings.reconciliation
      setTolerances({
        amount_tolerance: String(r.amount_tolerance),
        amount_tolerance_percent: String(r.amount_tolerance_percent),
        date_tolerance_days: String(r.date_tolerance_days),
      })
      setReminders(reminderInputs(data.settings.reminders))
      setCollections(collectionsInputs(data.settings.collections))
    }
  }, [data])

  if (!canRead("billing_settings")) return <NoAccess what="settings" />
  if (!form || !codes || !tolerances || !reminders || !collections) return null
  // Reminders and collections are saved once the server knows them (it answers them in its settings).
  const hasCollections = data?.settings.reminders !== undefined
  const collectionProblems = hasCollections ? reminderProblems(reminders, collections) : {}
  const seller = form.seller ?? {}
  const set = (patch: Partial<BillingSettings>) => setForm({ ...form, ...patch })
  const problems = series.map((s) => validateNumberFormat(s.format, s.reset))
  const accountingValid =
    ACCOUNT_ROLES.every((role) => validCode(codes[role])) && TOLERANCES.every((key) => validTolerance(key, tolerances[key]))

  const onSave = () => {
    const cleanSeller = Object.fromEntries(Object.entries(seller).map(([k, v]) => [k, v ? v : null]))
    save.mutate(
      {
        invoice_trigger: form.invoice_trigger,
        payment_terms_days: form.payment_terms_days,
        locale: form.locale,
        email_on_issue: form.email_on_issue,
        invoice_notes: form.invoice_notes || null,
        seller: cleanSeller,
        payment_methods: form.payment_methods,
        email_receipts: form.email_receipts,
        timezone: form.timezone,
        number_series: series.map(({ document_type, format, reset }) => ({ document_type, format, reset })),
        // An empty code, or the default typed back in, is sent as null: the role follows the default.
        account_codes: Object.fromEntries(
          ACCOUNT_ROLES.map((role) => {
            const code = codes[role].trim()
            return [role, code && code !== DEFAULT_ACCOUNT_CODES[role] ? code : null]
          })
        ),
        reconciliation: {
          amount_tolerance: Number(tolerances.amount_tolerance),
          amount_tolerance_percent: Number(tolerances.amount_tolerance_percent),
          date_tolerance_days: Number(tolerances.date_tolerance_days),
        },
        ...(hasCollections ? reminderPayload(reminders, collections) : {}),
      },
      { onSuccess: () => toast.success(t("billing.settings.saved")), onError: (e) => toast.error(e.message) }
    )
  }

  return (
    // Without the right to change settings the page is read-only: every field is disabled and Save is gone.
    <fieldset disabled={!mayUpdate} className="flex min-w-0 flex-col gap-y-3" data-testid="billing-settings-page">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <TitleBlock title={t("billing.settings.title")} hint={t("billing.settings.subtitle")} />
          {mayUpdate && (
            <Button
              size="small"
              onClick={onSave}
              isLoading={save.isPending}
              disabled={problems.some(Boolean) || !form.payment_methods.length || !accountingValid || Object.keys(collectionProblems).length > 0}
            >
              {t("billing.settings.save")}
            </Button>
          )}
        </div>
        <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-2">
          <div className="flex flex-col gap-y-2">
            <Label>{t("billing.settings.trigger")}</Label>
            <Select value={form.invoice_trigger} onValueChange={(v) => set({ invoice_trigger: v as BillingSettings["invoice_trigger"] })}>
              <Select.Trigger data-testid="settings-trigger"><Select.Value /></Select.Trigger>
              <Select.Content>
                {["order_placed", "first_fulfillment", "fully_paid", "manual"].map((v) => (
                  <Select.Item key={v} value={v}>{t(`billing.settings.triggers.${v}`)}</Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
          <div className="flex flex-col gap-y-2">
            <Label>{t("billing.settings.paymentTerms")}</Label>
            <div className="flex gap-x-2">
              <Select
                value={TERMS.includes(form.payment_terms_days) ? String(form.payment_terms_days) : "custom"}
                onValueChange={(v) => v !== "custom" && set({ payment_terms_days: Number(v) })}
              >
                <Select.Trigger><Select.Value /></Select.Trigger>
                <Select.Content>
                  {TERMS.map((d) => (
                    <Select.Item key={d} value={String(d)}>
                      {d ? t("billing.invoice.netDays", { count: d }) : t("billing.invoice.dueOnReceipt")}
                    </Select.Item>
                  ))}
                  <Select.Item value="custom">{t("billing.settings.customTerms")}</Select.Item>
                </Select.Content>
              </Select>
              <Input
                type="number"
                min={0}
                max={365}
                className="w-24"
                name="payment_terms_days"
                value={form.payment_terms_days}
                onChange={(e) => set({ payment_terms_days: Number(e.target.value) })}
              />
            </div>
          </div>
          <div className="flex flex-col gap-y-2">
            <Label>{t("billing.settings.locale")}</Label>
            <Select value={form.locale} onValueChange={(v) => set({ locale: v as BillingSettings["locale"] })}>
              <Select.Trigger><Select.Value /></Select.Trigger>
              <Select.Content>
                <Select.Item value="en">English</Select.Item>
                <Select.Item value="zh-CN">简体中文</Select.Item>
              </Select.Content>
            </Select>
          </div>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="settings-timezone">{t("billing.settings.timezone")}</Label>
            <Select value={form.timezone} onValueChange={(v) => set({ timezone: v })}>
              <Select.Trigger id="settings-timezone" data-testid="settings-timezone"><Select.Value /></Select.Trigger>
              <Select.Content>
                {TIME_ZONES.map((zone) => (
                  <Select.Item key={zone} value={zone}>{zone}</Select.Item>
                ))}
              </Select.Content>
            </Select>
            <Text size="xsmall" className="text-ui-fg-subtle">{t("billing.settings.timezoneHint")}</Text>
          </div>
          <div className="flex items-center gap-x-3 pt-6">
            <Switch id="email-on-issue" checked={form.email_on_issue} onCheckedChange={(v) => set({ email_on_issue: v })} />
            <Label htmlFor="email-on-issue">{t("billing.settings.emailOnIssue")}</Label>
          </div>
        </div>
      </Container>

      <Container className="divide-y p-0" data-testid="settings-payments">
        <SectionHeader title={t("billing.settings.payments")} hint={t("billing.settings.paymentsHint")} />
        <div className="grid grid-cols-2 gap-3 px-6 py-4 md:grid-cols-4">
          {PAYMENT_METHODS.map((m) => (
            <div key={m} className="flex items-center gap-x-2">
              <Checkbox
                id={`method-${m}`}
                checked={form.payment_methods.includes(m)}
                onCheckedChange={(v) =>
                  set({
                    // Kept in the usual order, whatever order they are ticked in.
                    payment_methods: PAYMENT_METHODS.filter((x) => (x === m ? v === true : form.payment_methods.includes(x))),
                  })
                }
              />
              <Label htmlFor={`method-${m}`} size="small">{t(`billing.methods.${m}`)}</Label>
            </div>
          ))}
        </div>
        {!form.payment_methods.length && (
          <Text size="small" className="text-ui-fg-error px-6 py-3">{t("billing.settings.noMethods")}</Text>
        )}
        <div className="flex items-center gap-x-3 px-6 py-4">
          <Switch id="email-receipts" checked={form.email_receipts} onCheckedChange={(v) => set({ email_receipts: v })} />
          <Label htmlFor="email-receipts">{t("billing.settings.emailReceipts")}</Label>
        </div>
      </Container>

      <CollectionAccountsSection />

      <Container className="divide-y p-0">
        <SectionHeader title={t("billing.settings.seller")} hint={t("billing.settings.sellerHint")} />
        <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-3">
          {SELLER_FIELDS.map((field) => (
            <Field key={field} label={t(`billing.settings.sellerFields.${field}`)} htmlFor={`seller-${field}`}>
              <Input
                id={`seller-${field}`}
                name={`seller.${field}`}
                value={seller[field] ?? ""}
                onChange={(e) => set({ seller: { ...seller, [field]: e.target.value } })}
              />
            </Field>
          ))}
          <Field label={t("billing.settings.invoiceNotes")} htmlFor="invoice-notes" className="md:col-span-3">
            <Textarea id="invoice-notes" value={form.invoice_notes ?? ""} onChange={(e) => set({ invoice_notes: e.target.value })} />
          </Field>
        </div>
      </Container>

      <Container className="divide-y p-0" data-testid="settings-number-series">
        <SectionHeader title={t("billing.settings.numbering")} hint={t("billing.settings.numberingHint")} />
        {series.map((s, i) => {
          const preview = problems[i] ? null : formatDocumentNumber(s.format, s.next_sequence, new Date())
          const update = (patch: Partial<NumberSeries>) => setSeries(series.map((x, j) => (j === i ? { ...x, ...patch } : x)))
          return (
            <div key={s.document_type} className="grid grid-cols-1 items-end gap-3 px-6 py-4 md:grid-cols-4">
              <Text size="small" weight="plus">{t(`billing.settings.series.${s.document_type}`)}</Text>
              <Field label={t("billing.settings.format")} size="xsmall">
                <Input name={`format-${s.document_type}`} value={s.format} onChange={(e) => update({ format: e.target.value })} />
              </Field>
              <Field label={t("billing.settings.reset")} size="xsmall">
                <Select value={s.reset} onValueChange={(v) => update({ reset: v as NumberSeries["reset"] })}>
                  <Select.Trigger><Select.Value /></Select.Trigger>
                  <Select.Content>
                    {["yearly", "monthly", "never"].map((r) => (
                      <Select.Item key={r} value={r}>{t(`billing.settings.resets.${r}`)}</Select.Item>
                    ))}
                  </Select.Content>
                </Select>
              </Field>
              <div data-testid={`preview-${s.document_type}`}>
                {preview ? (
                  <Text size="small">{t("billing.settings.nextNumber")}: <span className="font-mono">{preview}</span></Text>
                ) : (
                  <Text size="small" className="text-ui-fg-error">{problems[i]}</Text>
                )}
              </div>
            </div>
          )
        })}
      </Container>

      <AccountingSection codes={codes} onCodesChange={setCodes} tolerances={tolerances} onTolerancesChange={setTolerances} />

      {hasCollections && (
        <>
          <RemindersSection
            value={reminders}
            onChange={setReminders}
            variables={data?.reminder_variables ?? []}
            problems={collectionProblems}
          />
          <CollectionsSettingsSection value={collections} onChange={setCollections} problems={collectionProblems} />
        </>
      )}
    </fieldset>
  )
}

export const config = defineRouteConfig({
  label: "billing.nav",
  translationNs: "translation",
})

export default BillingSettingsPage

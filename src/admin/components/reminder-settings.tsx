import { Trash } from "@medusajs/icons"
import { Badge, Button, Container, IconButton, Input, Label, Select, Switch, Text, Textarea } from "@medusajs/ui"
import { useBillingTranslation } from "../lib/i18n"
import type { CollectionsSettings, ReminderSettings } from "../lib/settings"
import { Field } from "./field"
import { SectionHeader, TitleBlock } from "./section-header"

/** The languages reminders are written in (the invoice's language picks one). */
export const REMINDER_LOCALES = ["en", "zh-CN"] as const
type Locale = (typeof REMINDER_LOCALES)[number]
type FeeType = "none" | "flat" | "percent"

/** A level as typed: text, so a field can be empty or half-typed until saved. */
export type LevelInput = {
  /** Stable across edits, for React. */
  key: string
  days: string
  templates: Record<Locale, { subject: string; body: string }>
  fee: FeeType
  feeValue: string
}
export type ReminderInputs = { enabled: boolean; minimum: string; levels: LevelInput[] }
export type CollectionsInputs = {
  buckets: string
  smallBalance: boolean
  threshold: string
  unpaidDays: string
  unpaidAction: "flag" | "cancel"
}

const DECIMAL = /^\d+(\.\d+)?$/
const WHOLE = /^-?\d+$/
let nextKey = 0
const newKey = () => `level-${nextKey++}`

export function reminderInputs(settings?: ReminderSettings | null): ReminderInputs {
  return {
    enabled: !!settings?.enabled,
    minimum: settings?.minimum_amount === null || settings?.minimum_amount === undefined ? "" : String(settings.minimum_amount),
    levels: (settings?.levels ?? []).map((level) => ({
      key: newKey(),
      days: String(level.days),
      templates: Object.fromEntries(
        REMINDER_LOCALES.map((locale) => [locale, { subject: level.templates?.[locale]?.subject ?? "", body: level.templates?.[locale]?.body ?? "" }])
      ) as LevelInput["templates"],
      fee: level.late_fee ? level.late_fee.type : "none",
      feeValue: level.late_fee ? String(level.late_fee.value) : "",
    })),
  }
}

export function collectionsInputs(settings?: CollectionsSettings | null): CollectionsInputs {
  return {
    buckets: (settings?.aging_buckets ?? [30, 60, 90]).join(", "),
    smallBalance: !!settings?.small_balance_write_off?.enabled,
    threshold:
      settings?.small_balance_write_off?.threshold === null || settings?.small_balance_write_off?.threshold === undefined
        ? ""
        : String(settings.small_balance_write_off.threshold),
    unpaidDays: settings?.unpaid_orders?.days === null || settings?.unpaid_orders?.days === undefined ? "" : String(settings.unpaid_orders.days),
    unpaidAction: settings?.unpaid_orders?.action ?? "flag",
  }
}

/** What each field lacks, by field name; empty when the sections can be saved. */
export function reminderProblems(r: ReminderInputs, c: CollectionsInputs) {
  const problems: Record<string, true> = {}
  if (r.minimum.trim() && !DECIMAL.test(r.minimum.trim())) problems.minimum = true
  r.levels.forEach((level) => {
    if (!WHOLE.test(level.days.trim()) || Math.abs(Number(level.days)) > 365) problems[`days-${level.key}`] = true
    if (level.fee !== "none" && !DECIMAL.test(level.feeValue.trim())) problems[`fee-${level.key}`] = true
  })
  const buckets = c.buckets.split(/[,\s]+/).filter(Boolean).map(Number)
  if (!buckets.length || buckets.some((d, i) => !Number.isInteger(d) || d < 1 || (i > 0 && d <= buckets[i - 1]))) problems.buckets = true
  if (c.smallBalance && !DECIMAL.test(c.threshold.trim())) problems.threshold = true
  if (c.unpaidDays.trim() && (!/^\d+$/.test(c.unpaidDays.trim()) || Number(c.unpaidDays) > 365)) problems.unpaidDays = true
  return problems
}

/** The inputs as the API takes them (checked by reminderProblems first). */
export function reminderPayload(r: ReminderInputs, c: CollectionsInputs): { reminders: ReminderSettings; collections: CollectionsSettings } {
  return {
    reminders: {
      enabled: r.enabled,
      minimum_amount: r.minimum.trim() ? Number(r.minimum.trim()) : 0,
      levels: r.levels.map((level) => ({
        days: Number(level.days.trim()),
        // A language left empty is not sent: its invoices get the other language's letter.
        templates: Object.fromEntries(
          Object.entries(level.templates).filter(([, tpl]) => tpl.subject.trim() || tpl.body.trim())
        ) as LevelInput["templates"],
        late_fee: level.fee === "none" ? null : { type: level.fee, value: Number(level.feeValue.trim()) },
      })),
    },
    collections: {
      aging_buckets: c.buckets.split(/[,\s]+/).filter(Boolean).map(Number),
      small_balance_write_off: { enabled: c.smallBalance, threshold: c.threshold.trim() ? Number(c.threshold.trim()) : 0 },
      unpaid_orders: { days: c.unpaidDays.trim() ? Number(c.unpaidDays.trim()) : null, action: c.unpaidAction },
    },
  }
}

/** "3 days before the due date", "On the due date", "7 days after". */
function useLevelWhen() {
  const { t, dayCount } = useBillingTranslation()
  return (days: string) => {
    if (!WHOLE.test(days.trim())) return ""
    const n = Number(days)
    if (n === 0) return t("billing.settings.reminders.onDueDate")
    return n < 0 ? dayCount("billing.settings.reminders.before", -n) : dayCount("billing.settings.reminders.after", n)
  }
}

/**
 * Settings → Billing → Reminders: on or off, the smallest amount worth a reminder, and the levels —
 * days relative to the due date, each with its letter per language and an optional late fee.
 */
export const RemindersSection = ({
  value,
  onChange,
  variables,
  problems,
}: {
  value: ReminderInputs
  onChange: (value: ReminderInputs) => void
  variables: string[]
  problems: Record<string, true>
}) => {
  const { t, i18n } = useBillingTranslation()
  const when = useLevelWhen()
  const setLevel = (key: string, patch: Partial<LevelInput>) =>
    onChange({ ...value, levels: value.levels.map((l) => (l.key === key ? { ...l, ...patch } : l)) })

  const addLevel = () => {
    const last = value.levels[value.levels.length - 1]
    const days = value.levels.length ? Math.max(...value.levels.map((l) => Number(l.days) || 0)) + 7 : 0
    // A new level starts from the last one's letters: most schedules only sharpen the tone.
    const templates = last
      ? (JSON.parse(JSON.stringify(last.templates)) as LevelInput["templates"])
      : (Object.fromEntries(
          REMINDER_LOCALES.map((locale) => {
            // Each language's own words, with the template's {{variables}} put in as values.
            const tl = i18n.getFixedT(locale === "zh-CN" ? "zhCN" : "en")
            const vars = Object.fromEntries(["invoice_number", "customer_name", "amount_due", "due_date", "pay_link", "store_name"].map((v) => [v, `{{${v}}}`]))
            return [locale, { subject: tl("billing.settings.reminders.defaultSubject", vars), body: tl("billing.settings.reminders.defaultBody", vars) }]
          })
        ) as LevelInput["templates"])
    onChange({ ...value, levels: [...value.levels, { key: newKey(), days: String(days), templates, fee: "none", feeValue: "" }] })
  }

  return (
    <Container className="divide-y p-0" data-testid="settings-reminders">
      <div className="flex flex-wrap items-start justify-between gap-3 px-6 py-4">
        <TitleBlock title={t("billing.settings.reminders.title")} hint={t("billing.settings.reminders.hint")} level="h2" />
        <div className="flex items-center gap-x-2">
          <Switch id="reminders-enabled" checked={value.enabled} onCheckedChange={(enabled) => onChange({ ...value, enabled })} />
          <Label htmlFor="reminders-enabled">{t("billing.settings.reminders.enabled")}</Label>
        </div>
      </div>
      <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-3">
        <Field label={t("billing.settings.reminders.minimum")} htmlFor="reminders-minimum" hint={t("billing.settings.reminders.minimumHint")} invalid={problems.minimum}>
          <Input
            id="reminders-minimum"
            name="reminders.minimum_amount"
            size="small"
            inputMode="decimal"
            placeholder="0"
            aria-invalid={!!problems.minimum}
            value={value.minimum}
            onChange={(e) => onChange({ ...value, minimum: e.target.value })}
          />
        </Field>
        <Field label={t("billing.settings.reminders.variables")} className="md:col-span-2" testId="reminder-variables" hint={t("billing.settings.reminders.variablesHint")}>
          <div className="flex flex-wrap gap-1">
            {variables.map((v) => (
              <Badge key={v} size="2xsmall" className="font-mono">{`{{${v}}}`}</Badge>
            ))}
          </div>
        </Field>
      </div>
      {!value.levels.length && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">{t("billing.settings.reminders.noLevels")}</Text>
      )}
      {value.levels.map((level, index) => (
        <div key={level.key} className="flex flex-col gap-y-3 px-6 py-4" data-testid={`reminder-level-${index}`}>
          <div className="flex flex-wrap items-end gap-3">
            <Field label={t("billing.settings.reminders.days")} htmlFor={`level-days-${level.key}`}>
              <Input
                id={`level-days-${level.key}`}
                name={`reminders.levels.${index}.days`}
                size="small"
                className="w-24"
                inputMode="numeric"
                aria-invalid={!!problems[`days-${level.key}`]}
                value={level.days}
                onChange={(e) => setLevel(level.key, { days: e.target.value })}
              />
            </Field>
            <Text size="small" className={`pb-1.5 ${problems[`days-${level.key}`] ? "text-ui-fg-error" : "text-ui-fg-subtle"}`}>
              {problems[`days-${level.key}`] ? t("billing.settings.reminders.daysInvalid") : when(level.days)}
            </Text>
            <div className="ml-auto flex items-end gap-2">
              <Field label={t("billing.settings.reminders.lateFee")}>
                <Select size="small" value={level.fee} onValueChange={(fee) => setLevel(level.key, { fee: fee as FeeType })}>
                  <Select.Trigger className="w-40" data-testid={`level-fee-${index}`}><Select.Value /></Select.Trigger>
                  <Select.Content>
                    {(["none", "flat", "percent"] as const).map((fee) => (
                      <Select.Item key={fee} value={fee}>{t(`billing.settings.reminders.fees.${fee}`)}</Select.Item>
                    ))}
                  </Select.Content>
                </Select>
              </Field>
              {level.fee !== "none" && (
                <Input
                  name={`reminders.levels.${index}.late_fee`}
                  size="small"
                  className="w-24"
                  inputMode="decimal"
                  placeholder={level.fee === "percent" ? "%" : "0.00"}
                  aria-invalid={!!problems[`fee-${level.key}`]}
                  value={level.feeValue}
                  onChange={(e) => setLevel(level.key, { feeValue: e.target.value })}
                />
              )}
              <IconButton
                size="small"
                variant="transparent"
                aria-label={t("billing.settings.reminders.remove")}
                data-testid={`remove-level-${index}`}
                onClick={() => onChange({ ...value, levels: value.levels.filter((l) => l.key !== level.key) })}
              >
                <Trash />
              </IconButton>
            </div>
          </div>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            {REMINDER_LOCALES.map((locale) => (
              <div key={locale} className="bg-ui-bg-subtle flex flex-col gap-y-2 rounded-lg border p-3">
                <Text size="xsmall" weight="plus" className="text-ui-fg-subtle">{locale === "en" ? "English" : "简体中文"}</Text>
                <Input
                  size="small"
                  name={`reminders.levels.${index}.templates.${locale}.subject`}
                  placeholder={t("billing.settings.reminders.subject")}
                  aria-label={`${t("billing.settings.reminders.subject")} (${locale})`}
                  value={level.templates[locale].subject}
                  onChange={(e) => setLevel(level.key, { templates: { ...level.templates, [locale]: { ...level.templates[locale], subject: e.target.value } } })}
                />
                <Textarea
                  rows={7}
                  name={`reminders.levels.${index}.templates.${locale}.body`}
                  placeholder={t("billing.settings.reminders.body")}
                  aria-label={`${t("billing.settings.reminders.body")} (${locale})`}
                  value={level.templates[locale].body}
                  onChange={(e) => setLevel(level.key, { templates: { ...level.templates, [locale]: { ...level.templates[locale], body: e.target.value } } })}
                />
              </div>
            ))}
          </div>
        </div>
      ))}
      <div className="px-6 py-3">
        <Button size="small" variant="secondary" onClick={addLevel} data-testid="add-reminder-level">
          {t("billing.settings.reminders.add")}
        </Button>
      </div>
    </Container>
  )
}

/**
 * Settings → Billing → Collections: the aging buckets of the reports, small balances written off by
 * themselves (off unless chosen), and what happens to pay-later orders left unpaid.
 */
export const CollectionsSettingsSection = ({
  value,
  onChange,
  problems,
}: {
  value: CollectionsInputs
  onChange: (value: CollectionsInputs) => void
  problems: Record<string, true>
}) => {
  const { t } = useBillingTranslation()
  return (
    <Container className="divide-y p-0" data-testid="settings-collections">
      <SectionHeader title={t("billing.settings.collections.title")} hint={t("billing.settings.collections.hint")} />
      <div className="grid grid-cols-1 gap-6 px-6 py-4 md:grid-cols-3">
        <Field label={t("billing.settings.collections.buckets")} htmlFor="collections-buckets" hint={t("billing.settings.collections.bucketsHint")} invalid={problems.buckets}>
          <Input
            id="collections-buckets"
            name="collections.aging_buckets"
            size="small"
            placeholder="30, 60, 90"
            aria-invalid={!!problems.buckets}
            value={value.buckets}
            onChange={(e) => onChange({ ...value, buckets: e.target.value })}
          />
        </Field>
        <div className="flex flex-col gap-y-2">
          <div className="flex items-center gap-x-2">
            <Switch id="small-balance" checked={value.smallBalance} onCheckedChange={(smallBalance) => onChange({ ...value, smallBalance })} />
            <Label size="small" htmlFor="small-balance">{t("billing.settings.collections.smallBalance")}</Label>
          </div>
          {value.smallBalance && (
            <Input
              name="collections.small_balance_write_off.threshold"
              size="small"
              inputMode="decimal"
              placeholder={t("billing.settings.collections.threshold")}
              aria-label={t("billing.settings.collections.threshold")}
              aria-invalid={!!problems.threshold}
              value={value.threshold}
              onChange={(e) => onChange({ ...value, threshold: e.target.value })}
            />
          )}
          <Text size="xsmall" className={problems.threshold ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
            {t("billing.settings.collections.smallBalanceHint")}
          </Text>
        </div>
        <Field label={t("billing.settings.collections.unpaidOrders")} htmlFor="unpaid-days" hint={t("billing.settings.collections.unpaidOrdersHint")} invalid={problems.unpaidDays}>
          <div className="flex gap-x-2">
            <Input
              id="unpaid-days"
              name="collections.unpaid_orders.days"
              size="small"
              className="w-20"
              inputMode="numeric"
              placeholder={t("billing.settings.collections.days")}
              aria-invalid={!!problems.unpaidDays}
              value={value.unpaidDays}
              onChange={(e) => onChange({ ...value, unpaidDays: e.target.value })}
            />
            <Select size="small" value={value.unpaidAction} onValueChange={(v) => onChange({ ...value, unpaidAction: v as CollectionsInputs["unpaidAction"] })}>
              <Select.Trigger data-testid="unpaid-action"><Select.Value /></Select.Trigger>
              <Select.Content>
                <Select.Item value="flag">{t("billing.settings.collections.actions.flag")}</Select.Item>
                <Select.Item value="cancel">{t("billing.settings.collections.actions.cancel")}</Select.Item>
              </Select.Content>
            </Select>
          </div>
        </Field>
      </div>
    </Container>
  )
}

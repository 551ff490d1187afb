import { Plus } from "@medusajs/icons"
import { Badge, Button, Container, Drawer, Input, Label, Select, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { useBillingTranslation } from "../lib/i18n"
import { useBillingPermissions } from "../lib/permissions"
import { COLLECTION_ACCOUNT_TYPES, CollectionAccount, useCollectionAccounts, useSaveCollectionAccount } from "../lib/payments"
import { useBillingSettings } from "../lib/settings"
import { Field } from "./field"
import { TitleBlock } from "./section-header"

/** The details an accountant expects for each kind of account; any other can be added. */
const DETAIL_FIELDS: Record<CollectionAccount["type"], string[]> = {
  bank: ["bank_name", "iban", "bic"],
  stripe: ["account_id"],
  cash: ["location"],
  alipay: ["account_id"],
  wechat_pay: ["account_id"],
  other: [],
}
/** The usual detail keys: shown by their translated label and not renamed. */
const FIELD_KEYS = new Set(Object.values(DETAIL_FIELDS).flat())

/** The code an account without its own is booked to: the settings' Stripe clearing code for Stripe, else Cash. */
function useDefaultAccountCode() {
  const { data } = useBillingSettings()
  return (type: CollectionAccount["type"]) => {
    const codes = data?.settings.account_codes
    return codes ? (type === "stripe" ? codes.stripe_clearing : codes.cash) : ""
  }
}

/** Settings → Billing → Collection accounts: where money lands; archived, never deleted. */
export const CollectionAccountsSection = () => {
  const { t } = useBillingTranslation()
  const { can } = useBillingPermissions()
  const mayUpdate = can("billing_settings", "update")
  const { data } = useCollectionAccounts()
  const save = useSaveCollectionAccount()
  const defaultCode = useDefaultAccountCode()
  const [editing, setEditing] = useState<CollectionAccount | "new" | null>(null)
  const accounts: CollectionAccount[] = data?.collection_accounts ?? []

  const toggleArchived = (account: CollectionAccount) =>
    save.mutate(
      { id: account.id, is_active: !account.is_active },
      {
        onSuccess: () =>
          toast.success(t(account.is_active ? "billing.accounts.archived" : "billing.accounts.restored", { name: account.name })),
        onError: (e) => toast.error(e.message),
      }
    )

  return (
    <Container className="divide-y p-0" data-testid="settings-collection-accounts">
      <div className="flex items-center justify-between px-6 py-4">
        <TitleBlock title={t("billing.accounts.title")} hint={t("billing.accounts.hint")} level="h2" />
        {can("billing_settings", "create") && (
          <Button size="small" variant="secondary" onClick={() => setEditing("new")}>
            <Plus />
            {t("billing.accounts.create")}
          </Button>
        )}
      </div>
      {accounts.length ? (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("billing.accounts.name")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.accounts.type")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.filters.currency")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.accounts.accountCode")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.accounts.details")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.invoices.status")}</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {accounts.map((account) => (
              <Table.Row key={account.id} data-testid={`collection-account-${account.name}`}>
                <Table.Cell>{account.name}</Table.Cell>
                <Table.Cell>{t(`billing.accounts.types.${account.type}`)}</Table.Cell>
                <Table.Cell>{account.currency_code?.toUpperCase() ?? t("billing.accounts.anyCurrency")}</Table.Cell>
                <Table.Cell data-testid="collection-account-code">
                  {account.account_code ? (
                    <span className="font-mono">{account.account_code}</span>
                  ) : (
                    <span className="text-ui-fg-muted">{t("billing.accounts.defaultCode", { code: defaultCode(account.type) })}</span>
                  )}
                </Table.Cell>
                <Table.Cell className="max-w-xs truncate">
                  {Object.entries(account.details ?? {})
                    .map(([k, v]) => `${FIELD_KEYS.has(k) ? t(`billing.accounts.fields.${k}`) : k}: ${v}`)
                    .join(" · ") || "–"}
                </Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall" color={account.is_active ? "green" : "grey"}>
                    {t(account.is_active ? "billing.accounts.active" : "billing.accounts.archivedBadge")}
                  </Badge>
                </Table.Cell>
                <Table.Cell className="text-right">
                  {mayUpdate && (
                    <div className="flex justify-end gap-x-1">
                      <Button size="small" variant="transparent" onClick={() => setEditing(account)}>
                        {t("billing.accounts.edit")}
                      </Button>
                      <Button size="small" variant="transparent" onClick={() => toggleArchived(account)}>
                        {t(account.is_active ? "billing.accounts.archive" : "billing.accounts.restore")}
                      </Button>
                    </div>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">{t("billing.accounts.empty")}</Text>
      )}
      {editing && <AccountDrawer account={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </Container>
  )
}

/**
 * Creates an account (name, type, currency, account code, details) or edits one (name, account code
 * and details: type and currency stay).
 */
const AccountDrawer = ({ account, onClose }: { account: CollectionAccount | null; onClose: () => void }) => {
  const { t } = useBillingTranslation()
  const save = useSaveCollectionAccount()
  const defaultCode = useDefaultAccountCode()
  const [name, setName] = useState(account?.name ?? "")
  const [accountCode, setAccountCode] = useState(account?.account_code ?? "")
  const [type, setType] = useState<CollectionAccount["type"]>(account?.type ?? "bank")
  const [currency, setCurrency] = useState(account?.currency_code ?? "")
  const [details, setDetails] = useState<[string, string][]>(
    account ? Object.entries(account.details ?? {}) : DETAIL_FIELDS.bank.map((k) => [k, ""])
  )
  const [submitted, setSubmitted] = useState(false)
  const nameError = !name.trim() ? t("billing.accounts.nameRequired") : null
  const currencyError = currency && !/^[a-zA-Z]{3}$/.test(currency) ? t("billing.accounts.currencyInvalid") : null
  // The API's rule for account codes (also those of Settings → Billing → Accounting).
  const codeError = accountCode.trim() && !/^[\w.\-]{1,20}$/.test(accountCode.trim()) ? t("billing.settings.accounting.codeInvalid") : null

  const changeType = (next: CollectionAccount["type"]) => {
    setType(next)
    // Offer the new type's usual fields, keeping whatever was already typed.
    const filled = details.filter(([k, v]) => k.trim() && v.trim())
    const keys = new Set(filled.map(([k]) => k))
    setDetails([...filled, ...DETAIL_FIELDS[next].filter((k) => !keys.has(k)).map((k): [string, string] => [k, ""])])
  }

  const submit = () => {
    setSubmitted(true)
    if (nameError || currencyError || codeError) return
    const cleanDetails = Object.fromEntries(details.filter(([k, v]) => k.trim() && v.trim()).map(([k, v]) => [k.trim(), v.trim()]))
    // Empty: money on the account is booked to the default code of its kind.
    const account_code = accountCode.trim() || null
    const body = account
      ? { id: account.id, name: name.trim(), account_code, details: cleanDetails }
      : { name: name.trim(), type, ...(currency ? { currency_code: currency.toLowerCase() } : {}), account_code, details: cleanDetails }
    save.mutate(body, {
      onSuccess: ({ collection_account }) => {
        toast.success(t(account ? "billing.accounts.saved" : "billing.accounts.created", { name: collection_account.name }))
        onClose()
      },
      onError: (e) => toast.error(e.message),
    })
  }

  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="collection-account-drawer">
        <Drawer.Header>
          <Drawer.Title>{account ? t("billing.accounts.editTitle", { name: account.name }) : t("billing.accounts.create")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          <Field label={t("billing.accounts.name")} htmlFor="account-name" error={submitted ? nameError : null}>
            <Input id="account-name" name="name" value={name} placeholder={t("billing.accounts.namePlaceholder")} onChange={(e) => setName(e.target.value)} />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label={t("billing.accounts.type")}>
              <Select value={type} onValueChange={(v) => changeType(v as CollectionAccount["type"])} disabled={!!account}>
                <Select.Trigger data-testid="account-type"><Select.Value /></Select.Trigger>
                <Select.Content>
                  {COLLECTION_ACCOUNT_TYPES.map((v) => (
                    <Select.Item key={v} value={v}>{t(`billing.accounts.types.${v}`)}</Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </Field>
            <Field label={t("billing.filters.currency")} htmlFor="account-currency" error={submitted ? currencyError : null}>
              <Input
                id="account-currency"
                name="currency_code"
                placeholder={t("billing.accounts.anyCurrency")}
                maxLength={3}
                disabled={!!account}
                value={currency.toUpperCase()}
                onChange={(e) => setCurrency(e.target.value)}
              />
            </Field>
          </div>
          <Field
            label={t("billing.accounts.accountCode")}
            htmlFor="account-code"
            hint={t("billing.accounts.accountCodeHint", { code: defaultCode(type) })}
            error={submitted ? codeError : null}
          >
            <Input
              id="account-code"
              name="account_code"
              className="font-mono"
              maxLength={20}
              placeholder={defaultCode(type)}
              value={accountCode}
              onChange={(e) => setAccountCode(e.target.value)}
            />
          </Field>
          <div className="flex flex-col gap-y-2">
            <Label size="small">{t("billing.accounts.details")}</Label>
            {details.map(([key, value], i) => {
              const update = (next: [string, string]) => setDetails(details.map((d, j) => (j === i ? next : d)))
              return (
                <div key={i} className="grid grid-cols-[2fr_3fr] gap-2">
                  <Input
                    size="small"
                    aria-label={t("billing.accounts.detailName")}
                    placeholder={t("billing.accounts.detailName")}
                    value={FIELD_KEYS.has(key) ? t(`billing.accounts.fields.${key}`) : key}
                    readOnly={FIELD_KEYS.has(key)}
                    onChange={(e) => update([e.target.value, value])}
                  />
                  <Input size="small" name={`detail-${key}`} aria-label={key} value={value} onChange={(e) => update([key, e.target.value])} />
                </div>
              )
            })}
            <Button size="small" variant="transparent" className="self-start" onClick={() => setDetails([...details, ["", ""]])}>
              <Plus />
              {t("billing.accounts.addDetail")}
            </Button>
          </div>
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>{t("billing.actions.cancel")}</Button>
          <Button isLoading={save.isPending} onClick={submit} data-testid="collection-account-save">
            {t("billing.settings.save")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

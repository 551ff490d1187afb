import { ArrowUpTray } from "@medusajs/icons"
import { Alert, Badge, Button, Checkbox, FocusModal, Heading, Label, Select, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useRef, useState } from "react"
import { useNavigate } from "react-router-dom"
import { useBillingTranslation } from "../lib/i18n"
import { useCollectionAccounts } from "../lib/payments"
import {
  DATE_FORMATS,
  StatementMapping,
  StatementPreview,
  useImportStatement,
  usePreviewStatement,
} from "../lib/reconciliation"
import { describeError } from "../lib/stripe"
import { Field } from "./field"
import { TitleBlock } from "./section-header"

/** What a CSV column is read as; one column each, except the text, which may join several. */
const ROLES = ["ignore", "date", "amount", "credit", "debit", "description", "reference", "counterparty"] as const
type Role = (typeof ROLES)[number]
const SINGLE: Record<Exclude<Role, "ignore" | "description">, keyof StatementMapping> = {
  date: "date_column",
  amount: "amount_column",
  credit: "credit_column",
  debit: "debit_column",
  reference: "reference_column",
  counterparty: "counterparty_column",
}

function roleOf(mapping: StatementMapping, column: string): Role {
  for (const [role, key] of Object.entries(SINGLE)) if (mapping[key] === column) return role as Role
  return mapping.description_columns.includes(column) ? "description" : "ignore"
}

/** The mapping with `column` read as `role` (taking that role away from the column that had it). */
function withRole(mapping: StatementMapping, column: string, role: Role): StatementMapping {
  const next: StatementMapping = { ...mapping, description_columns: mapping.description_columns.filter((c) => c !== column) }
  for (const key of Object.values(SINGLE)) if (next[key] === column) (next as any)[key] = key === "date_column" ? "" : null
  if (role === "description") next.description_columns = [...next.description_columns, column]
  else if (role !== "ignore") {
    ;(next as any)[SINGLE[role]] = column
    // One signed amount, or credit and debit: not both.
    if (role === "amount") Object.assign(next, { credit_column: null, debit_column: null })
    if (role === "credit" || role === "debit") next.amount_column = null
  }
  return next
}

/**
 * Bank statement import: the account, the file, a preview of its first rows with what each column
 * is read as (the server's guess or the account's saved mapping, corrected here), the lines read
 * and every row that cannot be; then the import, which opens the reconciliation run it starts.
 */
export const BankImportModal = ({ onClose }: { onClose: () => void }) => {
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const navigate = useNavigate()
  const accounts = (useCollectionAccounts().data?.collection_accounts ?? []).filter((a) => a.is_active && a.type === "bank")
  const previewer = usePreviewStatement()
  const importer = useImportStatement()
  const [accountId, setAccountId] = useState("")
  const [file, setFile] = useState<{ name: string; content: string } | null>(null)
  const [mapping, setMapping] = useState<StatementMapping | null>(null)
  const [preview, setPreview] = useState<StatementPreview | null>(null)
  const [previewError, setPreviewError] = useState<string | null>(null)
  const [saveMapping, setSaveMapping] = useState(true)
  const asked = useRef(0)
  // Bumped by "Read again" after a preview that failed (the server was away, say).
  const [attempt, setAttempt] = useState(0)
  const account = accounts.find((a) => a.id === accountId)

  // Every change of account, file or mapping reads the file again; only the latest answer counts.
  useEffect(() => {
    if (!accountId || !file) return
    const request = ++asked.current
    previewer.mutate(
      { collection_account_id: accountId, file_name: file.name, content: file.content, ...(mapping ? { mapping } : {}) },
      {
        onSuccess: (data) => {
          if (request !== asked.current) return
          setPreview(data)
          setPreviewError(null)
          if (!mapping && data.mapping) setMapping(data.mapping)
        },
        onError: (e) => request === asked.current && setPreviewError(describeError(e)),
      }
    )
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accountId, file, mapping, attempt])

  const chooseFile = async (chosen: File | undefined) => {
    if (!chosen) return
    setMapping(null)
    setPreview(null)
    setFile({ name: chosen.name, content: await chosen.text() })
  }

  const canImport = !!accountId && !!file && !!preview && !previewError && !preview.errors.length && preview.line_count > 0
  const submit = () => {
    if (!canImport) return
    importer.mutate(
      {
        collection_account_id: accountId,
        file_name: file!.name,
        content: file!.content,
        ...(preview!.format === "csv" && mapping ? { mapping } : {}),
        save_mapping: saveMapping,
      },
      {
        onSuccess: (result) => {
          if (result.already_imported) {
            toast.info(t("billing.reconciliation.import.alreadyImported", { file: result.bank_statement.file_name }))
            return
          }
          toast.success(t("billing.reconciliation.import.done", { count: result.bank_statement.new_line_count }))
          onClose()
          if (result.reconciliation) navigate(`/billing/reconciliation/${result.reconciliation.id}`)
        },
        onError: (e) => toast.error(describeError(e)),
      }
    )
  }

  const currency = preview?.currency_code ?? account?.currency_code ?? "eur"

  return (
    <FocusModal open onOpenChange={(open) => !open && onClose()}>
      <FocusModal.Content data-testid="bank-import-modal">
        <FocusModal.Header />
        <FocusModal.Body className="flex flex-col items-center overflow-y-auto py-8">
          <div className="flex w-full max-w-[1100px] flex-col gap-y-6 px-6">
            <div className="flex flex-col gap-y-1">
              <FocusModal.Title asChild>
                <Heading>{t("billing.reconciliation.import.title")}</Heading>
              </FocusModal.Title>
              <FocusModal.Description asChild>
                <Text size="small" className="text-ui-fg-subtle">{t("billing.reconciliation.import.hint")}</Text>
              </FocusModal.Description>
            </div>
            <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
              <Field label={t("billing.reconciliation.import.account")}>
                <Select value={accountId} onValueChange={(v) => { setAccountId(v); setMapping(null); setPreview(null) }}>
                  <Select.Trigger data-testid="import-account"><Select.Value placeholder={t("billing.reconciliation.import.chooseAccount")} /></Select.Trigger>
                  <Select.Content>
                    {accounts.map((a) => (
                      <Select.Item key={a.id} value={a.id}>{`${a.name} · ${(a.currency_code ?? "–").toUpperCase()}`}</Select.Item>
                    ))}
                  </Select.Content>
                </Select>
                {!accounts.length && <Text size="xsmall" className="text-ui-fg-error">{t("billing.reconciliation.import.noAccounts")}</Text>}
              </Field>
              <Field label={t("billing.reconciliation.import.file")} htmlFor="import-file" hint={t("billing.reconciliation.import.fileHint")}>
                <label className="bg-ui-bg-field shadow-borders-base hover:bg-ui-bg-field-hover flex h-8 cursor-pointer items-center gap-x-2 rounded-md px-2">
                  <ArrowUpTray className="text-ui-fg-muted" />
                  <Text size="small" className={file ? "truncate" : "text-ui-fg-muted truncate"}>
                    {file?.name ?? t("billing.reconciliation.import.chooseFile")}
                  </Text>
                  <input
                    id="import-file"
                    name="file"
                    type="file"
                    accept=".csv,.txt,.xml,.053,text/csv,application/xml"
                    className="sr-only"
                    data-testid="import-file"
                    onChange={(e) => chooseFile(e.target.files?.[0])}
                  />
                </label>
              </Field>
            </div>

            {previewError && (
              <Alert variant="error" data-testid="import-preview-error">
                <div className="flex items-center justify-between gap-x-4">
                  <span>{previewError}</span>
                  <Button size="small" variant="secondary" isLoading={previewer.isPending} onClick={() => setAttempt(attempt + 1)}>
                    {t("billing.reconciliation.import.readAgain")}
                  </Button>
                </div>
              </Alert>
            )}
            {accountId && file && !preview && !previewError && (
              <Text size="small" className="text-ui-fg-subtle">{t("billing.reconciliation.import.reading")}</Text>
            )}
            {preview && (
              <>
                {preview.format === "csv" && preview.header && mapping && (
                  <MappingPreview preview={preview} mapping={mapping} onChange={setMapping} />
                )}
                <ParsedLines preview={preview} currency={currency} formatMoney={formatMoney} formatDate={formatDate} />
              </>
            )}
          </div>
        </FocusModal.Body>
        <FocusModal.Footer>
          <div className="flex w-full items-center justify-between gap-x-2">
            <div className="flex items-center gap-x-2">
              {preview?.format === "csv" && (
                <>
                  <Checkbox id="import-save-mapping" checked={saveMapping} onCheckedChange={(v) => setSaveMapping(v === true)} />
                  <Label htmlFor="import-save-mapping" size="small">{t("billing.reconciliation.import.saveMapping")}</Label>
                </>
              )}
            </div>
            <div className="flex items-center gap-x-2">
              <Button variant="secondary" onClick={onClose}>{t("billing.actions.cancel")}</Button>
              <Button isLoading={importer.isPending} disabled={!canImport} onClick={submit} data-testid="import-submit">
                {t("billing.reconciliation.import.submit")}
              </Button>
            </div>
          </div>
        </FocusModal.Footer>
      </FocusModal.Content>
    </FocusModal>
  )
}

/** The file's first rows as they are, a select above each column for what it is read as, and the date and number formats. */
const MappingPreview = ({
  preview,
  mapping,
  onChange,
}: {
  preview: StatementPreview
  mapping: StatementMapping
  onChange: (mapping: StatementMapping) => void
}) => {
  const { t } = useBillingTranslation()
  const header = preview.header ?? []
  const sample = (preview.sample ?? []).slice(0, 5)
  return (
    <div className="flex flex-col gap-y-3" data-testid="import-mapping">
      <TitleBlock title={t("billing.reconciliation.import.mapping")} hint={t("billing.reconciliation.import.mappingHint")} level="h2" />
      <div className="flex flex-wrap gap-4">
        <Field label={t("billing.reconciliation.import.dateFormat")} size="xsmall">
          <Select size="small" value={mapping.date_format} onValueChange={(v) => onChange({ ...mapping, date_format: v as StatementMapping["date_format"] })}>
            <Select.Trigger className="w-40" data-testid="import-date-format"><Select.Value /></Select.Trigger>
            <Select.Content>
              {DATE_FORMATS.map((f) => (
                <Select.Item key={f} value={f}>{f}</Select.Item>
              ))}
            </Select.Content>
          </Select>
        </Field>
        <Field label={t("billing.reconciliation.import.decimalSeparator")} size="xsmall">
          <Select size="small" value={mapping.decimal_separator} onValueChange={(v) => onChange({ ...mapping, decimal_separator: v as "." | "," })}>
            <Select.Trigger className="w-40" data-testid="import-decimal-separator"><Select.Value /></Select.Trigger>
            <Select.Content>
              <Select.Item value=".">{t("billing.reconciliation.import.decimalPoint")}</Select.Item>
              <Select.Item value=",">{t("billing.reconciliation.import.decimalComma")}</Select.Item>
            </Select.Content>
          </Select>
        </Field>
      </div>
      <div className="shadow-elevation-card-rest overflow-x-auto rounded-lg">
        <Table>
          <Table.Header>
            <Table.Row>
              {header.map((column, i) => (
                <Table.HeaderCell key={`${column}-${i}`} className="min-w-[150px] py-2 align-top">
                  <div className="flex flex-col gap-y-1">
                    <span className="text-ui-fg-base font-medium">{column}</span>
                    <Select size="small" value={roleOf(mapping, column)} onValueChange={(role) => onChange(withRole(mapping, column, role as Role))}>
                      <Select.Trigger data-testid={`import-column-${column}`}><Select.Value /></Select.Trigger>
                      <Select.Content>
                        {ROLES.map((role) => (
                          <Select.Item key={role} value={role}>{t(`billing.reconciliation.import.roles.${role}`)}</Select.Item>
                        ))}
                      </Select.Content>
                    </Select>
                  </div>
                </Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {sample.map((row, r) => (
              <Table.Row key={r}>
                {header.map((column, i) => (
                  <Table.Cell key={`${column}-${i}`} className="max-w-[260px] truncate font-mono text-xs" title={row[i] ?? ""}>
                    {row[i] ?? ""}
                  </Table.Cell>
                ))}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </div>
  )
}

/** What the import will bring: the first lines read, how many in all, and every row that cannot be read. */
const ParsedLines = ({
  preview,
  currency,
  formatMoney,
  formatDate,
}: {
  preview: StatementPreview
  currency: string
  formatMoney: (amount: string | number | null | undefined, currency: string) => string
  formatDate: (value: string | null | undefined) => string
}) => {
  const { t } = useBillingTranslation()
  return (
    <div className="flex flex-col gap-y-3" data-testid="import-lines">
      <div className="flex items-center gap-x-2">
        <Heading level="h2">{t("billing.reconciliation.import.lines")}</Heading>
        <Badge size="2xsmall" data-testid="import-line-count">{t("billing.reconciliation.import.lineCount", { count: preview.line_count })}</Badge>
        <Badge size="2xsmall">{preview.format === "csv" ? "CSV" : "CAMT.053"} · {currency.toUpperCase()}</Badge>
      </div>
      {preview.errors.length > 0 && (
        <Alert variant="error" data-testid="import-errors">
          <div className="flex flex-col gap-y-1">
            <Text size="small" weight="plus">{t("billing.reconciliation.import.errors", { count: preview.errors.length })}</Text>
            {preview.errors.slice(0, 20).map((e, i) => (
              <Text key={i} size="small">{t("billing.reconciliation.import.rowError", { row: e.row, reason: e.reason })}</Text>
            ))}
          </div>
        </Alert>
      )}
      {preview.lines.length > 0 && (
        <div className="shadow-elevation-card-rest overflow-x-auto rounded-lg">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("billing.reconciliation.import.row")}</Table.HeaderCell>
                <Table.HeaderCell>{t("billing.reconciliation.import.bookedAt")}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t("billing.payments.amount")}</Table.HeaderCell>
                <Table.HeaderCell>{t("billing.reconciliation.import.roles.description")}</Table.HeaderCell>
                <Table.HeaderCell>{t("billing.reconciliation.import.roles.reference")}</Table.HeaderCell>
                <Table.HeaderCell>{t("billing.reconciliation.import.roles.counterparty")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {preview.lines.map((line) => (
                <Table.Row key={line.row_number} data-testid={`import-line-${line.row_number}`}>
                  <Table.Cell>{line.row_number}</Table.Cell>
                  <Table.Cell className="whitespace-nowrap">{formatDate(line.booked_at)}</Table.Cell>
                  <Table.Cell className="whitespace-nowrap text-right">{formatMoney(line.amount, currency)}</Table.Cell>
                  <Table.Cell className="max-w-[360px] truncate" title={line.description ?? ""}>{line.description ?? "–"}</Table.Cell>
                  <Table.Cell>{line.reference ?? "–"}</Table.Cell>
                  <Table.Cell>{line.counterparty ?? "–"}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </div>
  )
}

import { ArrowDownTray } from "@medusajs/icons"
import { Button, Drawer, Input, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { statementUrl, useStatement } from "../lib/customers"
import { downloadFile } from "../lib/download"
import { useBillingTranslation } from "../lib/i18n"
import { isPositive } from "../lib/money"
import { CurrencyField, Field } from "./field"

type Props = { customerId: string; currencies: string[]; onClose: () => void }

const isoDate = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10)

/** A customer's statement for one currency and period: a preview, and the PDF or CSV to send them. */
export const StatementDrawer = ({ customerId, currencies, onClose }: Props) => {
  const { t, formatMoney, formatDate } = useBillingTranslation()
  const now = new Date()
  const [query, setQuery] = useState({
    currency_code: currencies[0] ?? "eur",
    from: isoDate(new Date(now.getFullYear(), 0, 1)),
    to: isoDate(now),
  })
  const valid = !!query.from && !!query.to && query.from <= query.to
  const { data, error, isLoading } = useStatement(customerId, query, valid)
  const statement = data?.statement
  const money = (v: number | string) => formatMoney(v, query.currency_code)

  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="statement-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("billing.statement.title")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          <div className="grid grid-cols-3 gap-3">
            <CurrencyField
              currencies={currencies}
              value={query.currency_code}
              onChange={(currency_code) => setQuery({ ...query, currency_code })}
              testId="statement-currency"
            />
            <Field label={t("billing.statement.from")} htmlFor="statement-from">
              <Input id="statement-from" type="date" value={query.from} onChange={(e) => setQuery({ ...query, from: e.target.value })} />
            </Field>
            <Field label={t("billing.statement.to")} htmlFor="statement-to">
              <Input id="statement-to" type="date" value={query.to} onChange={(e) => setQuery({ ...query, to: e.target.value })} />
            </Field>
          </div>
          {!valid && <Text size="small" className="text-ui-fg-error">{t("billing.statement.badPeriod")}</Text>}
          {error && <Text size="small" className="text-ui-fg-error">{t("billing.errors.load", { message: error.message })}</Text>}
          {valid && !isLoading && statement && (
            <div className="flex flex-col gap-y-2" data-testid="statement-preview">
              <div className="flex justify-between">
                <Text size="small" className="text-ui-fg-subtle">{t("billing.statement.opening", { date: formatDate(statement.from) })}</Text>
                <Text size="small" weight="plus">{money(statement.opening_balance)}</Text>
              </div>
              {statement.entries.length ? (
                <Table>
                  <Table.Header>
                    <Table.Row>
                      <Table.HeaderCell>{t("billing.statement.date")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("billing.statement.document")}</Table.HeaderCell>
                      <Table.HeaderCell className="text-right">{t("billing.statement.debit")}</Table.HeaderCell>
                      <Table.HeaderCell className="text-right">{t("billing.statement.credit")}</Table.HeaderCell>
                      <Table.HeaderCell className="text-right">{t("billing.statement.balance")}</Table.HeaderCell>
                    </Table.Row>
                  </Table.Header>
                  <Table.Body>
                    {statement.entries.map((entry, i) => (
                      <Table.Row key={`${entry.document_id}-${i}`}>
                        <Table.Cell>{formatDate(entry.date)}</Table.Cell>
                        <Table.Cell>
                          <div className="flex flex-col py-1">
                            <Text size="small">{t(`billing.statement.types.${entry.type}`, { defaultValue: entry.type })}</Text>
                            <Text size="xsmall" className="text-ui-fg-subtle">{entry.number ?? entry.description ?? ""}</Text>
                          </div>
                        </Table.Cell>
                        <Table.Cell className="text-right">{isPositive(entry.debit, query.currency_code) ? money(entry.debit) : ""}</Table.Cell>
                        <Table.Cell className="text-right">{isPositive(entry.credit, query.currency_code) ? money(entry.credit) : ""}</Table.Cell>
                        <Table.Cell className="text-right">{money(entry.balance)}</Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              ) : (
                <Text size="small" className="text-ui-fg-subtle">{t("billing.statement.empty")}</Text>
              )}
              <div className="flex justify-between">
                <Text size="small" className="text-ui-fg-subtle">{t("billing.statement.closing", { date: formatDate(statement.to) })}</Text>
                <Text size="small" weight="plus" data-testid="statement-closing">{money(statement.closing_balance)}</Text>
              </div>
            </div>
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>{t("billing.checkout.close")}</Button>
          <Button variant="secondary" disabled={!valid} onClick={() => downloadFile(statementUrl(customerId, query, "csv"))}>
            <ArrowDownTray />
            {t("billing.statement.csv")}
          </Button>
          <Button disabled={!valid} onClick={() => downloadFile(statementUrl(customerId, query, "pdf"))}>
            <ArrowDownTray />
            {t("billing.statement.pdf")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

import { ArrowDownTray, EllipsisHorizontal, Envelope, MinusCircle, Receipt, ReceiptPercent, XCircle } from "@medusajs/icons"
import { Button, DropdownMenu, Drawer, IconButton, Input, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { downloadFile } from "../lib/download"
import { useBillingTranslation } from "../lib/i18n"
import { AdminInvoice, pdfUrl, useInvoiceActions } from "../lib/invoices"
import { useBillingPermissions } from "../lib/permissions"
import { WriteOffDrawer } from "./collections-drawers"

type Dialog = "void" | "credit" | "write-off" | null

/**
 * The "…" menu of a document: issue, send, download, credit note, write off, void — each only when it
 * applies and the user's role allows it (download stays for anyone who can read the invoice).
 */
export const InvoiceActions = ({ invoice }: { invoice: AdminInvoice }) => {
  const { t } = useBillingTranslation()
  const { can } = useBillingPermissions()
  const actions = useInvoiceActions(invoice.id)
  const [dialog, setDialog] = useState<Dialog>(null)
  const issued = invoice.status !== "draft"
  const mayUpdate = can("billing_invoice", "update")
  const creditable = invoice.type === "invoice" && issued && invoice.status !== "void"
  const mayCredit = creditable && can("billing_invoice", "create")
  const mayVoid = creditable && mayUpdate && !["paid", "partially_paid"].includes(invoice.status)
  const mayWriteOff =
    invoice.type === "invoice" && ["open", "partially_paid"].includes(invoice.status) && Number(invoice.amount_due) > 0 && can("billing_write_off", "create")
  const fail = (e: Error) => toast.error(e.message)

  return (
    <>
      <DropdownMenu>
        <DropdownMenu.Trigger asChild>
          <IconButton size="small" variant="transparent" data-testid={`invoice-actions-${invoice.id}`} aria-label={t("billing.actions.menu")}>
            <EllipsisHorizontal />
          </IconButton>
        </DropdownMenu.Trigger>
        <DropdownMenu.Content>
          {!issued && mayUpdate && (
            <DropdownMenu.Item
              onClick={() =>
                actions.issue.mutate(undefined, {
                  onSuccess: ({ invoice }) => toast.success(t("billing.invoice.issued", { number: invoice.number })),
                  onError: fail,
                })
              }
            >
              <Receipt className="text-ui-fg-subtle mr-2" />
              {t("billing.actions.issue")}
            </DropdownMenu.Item>
          )}
          {issued && mayUpdate && (
            <DropdownMenu.Item
              onClick={() =>
                actions.send.mutate(undefined, {
                  onSuccess: () => toast.success(t("billing.actions.sent", { email: invoice.email ?? "" })),
                  onError: fail,
                })
              }
            >
              <Envelope className="text-ui-fg-subtle mr-2" />
              {t("billing.actions.send")}
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Item onClick={() => downloadFile(pdfUrl(invoice.id))}>
            <ArrowDownTray className="text-ui-fg-subtle mr-2" />
            {t("billing.actions.download")}
          </DropdownMenu.Item>
          {mayCredit && (
            <DropdownMenu.Item onClick={() => setDialog("credit")}>
              <ReceiptPercent className="text-ui-fg-subtle mr-2" />
              {t("billing.actions.creditNote")}
            </DropdownMenu.Item>
          )}
          {mayWriteOff && (
            <DropdownMenu.Item onClick={() => setDialog("write-off")}>
              <MinusCircle className="text-ui-fg-subtle mr-2" />
              {t("billing.actions.writeOff")}
            </DropdownMenu.Item>
          )}
          {mayVoid && (
            <>
              <DropdownMenu.Separator />
              <DropdownMenu.Item onClick={() => setDialog("void")}>
                <XCircle className="text-ui-fg-subtle mr-2" />
                {t("billing.actions.void")}
              </DropdownMenu.Item>
            </>
          )}
        </DropdownMenu.Content>
      </DropdownMenu>
      {dialog === "void" && <VoidDrawer invoice={invoice} onClose={() => setDialog(null)} />}
      {dialog === "credit" && <CreditNoteDrawer invoice={invoice} onClose={() => setDialog(null)} />}
      {dialog === "write-off" && <WriteOffDrawer invoice={invoice} onClose={() => setDialog(null)} />}
    </>
  )
}

const VoidDrawer = ({ invoice, onClose }: { invoice: AdminInvoice; onClose: () => void }) => {
  const { t } = useBillingTranslation()
  const actions = useInvoiceActions(invoice.id)
  const [reason, setReason] = useState("")
  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="void-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("billing.void.title", { number: invoice.number })}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-3">
          <Text size="small" className="text-ui-fg-subtle">{t("billing.void.hint")}</Text>
          <Label htmlFor="void-reason">{t("billing.void.reason")}</Label>
          <Textarea id="void-reason" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>{t("billing.actions.cancel")}</Button>
          <Button
            variant="danger"
            isLoading={actions.void.isPending}
            onClick={() =>
              actions.void.mutate(reason, {
                onSuccess: () => {
                  toast.success(t("billing.void.done", { number: invoice.number }))
                  onClose()
                },
                onError: (e) => toast.error(e.message),
              })
            }
          >
            {t("billing.actions.void")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

const CreditNoteDrawer = ({ invoice, onClose }: { invoice: AdminInvoice; onClose: () => void }) => {
  const { t, formatMoney } = useBillingTranslation()
  const actions = useInvoiceActions(invoice.id)
  const [reason, setReason] = useState("")
  const [amount, setAmount] = useState("")
  const [quantities, setQuantities] = useState<Record<string, string>>({})
  const lines = (invoice.lines ?? []).filter((l) => l.kind !== "rounding")
  const selected = Object.entries(quantities)
    .filter(([, q]) => Number(q) > 0)
    .map(([line_id, q]) => ({ line_id, quantity: Number(q) }))

  const submit = () =>
    actions.creditNote.mutate(selected.length ? { reason, lines: selected } : { reason, amount: Number(amount) }, {
      onSuccess: ({ credit_note }) => {
        toast.success(t("billing.credit.done", { number: credit_note.number }))
        onClose()
      },
      onError: (e) => toast.error(e.message),
    })

  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="credit-note-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("billing.credit.title", { number: invoice.number })}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          <Text size="small" className="text-ui-fg-subtle">
            {t("billing.credit.hint", {
              total: formatMoney(invoice.total, invoice.currency_code),
              credited: formatMoney(invoice.amount_credited, invoice.currency_code),
            })}
          </Text>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="credit-reason">{t("billing.credit.reason")}</Label>
            <Input id="credit-reason" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          {lines.length > 0 && (
            <div className="flex flex-col gap-y-2">
              <Label>{t("billing.credit.byLines")}</Label>
              {lines.map((line) => (
                <div key={line.id} className="flex items-center justify-between gap-x-3">
                  <Text size="small" className="flex-1">
                    {line.title} <span className="text-ui-fg-subtle">× {line.quantity}</span>
                  </Text>
                  <Input
                    type="number"
                    min={0}
                    max={Number(line.quantity)}
                    className="w-20"
                    name={`quantity-${line.id}`}
                    value={quantities[line.id] ?? ""}
                    onChange={(e) => setQuantities({ ...quantities, [line.id]: e.target.value })}
                  />
                </div>
              ))}
            </div>
          )}
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="credit-amount">{t("billing.credit.byAmount", { currency: invoice.currency_code.toUpperCase() })}</Label>
            <Input
              id="credit-amount"
              name="amount"
              type="number"
              step="any"
              disabled={selected.length > 0}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          </div>
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>{t("billing.actions.cancel")}</Button>
          <Button isLoading={actions.creditNote.isPending} onClick={submit}>
            {t("billing.credit.submit")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

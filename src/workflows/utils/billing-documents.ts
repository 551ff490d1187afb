import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../modules/billing"
import { paymentUnapplied } from "../../modules/billing/domain/allocation"
import { ReceiptForPdf, renderReceiptPdf } from "../../modules/billing/documents/render-receipt"
import { renderStatementPdf, statementCsv } from "../../modules/billing/documents/render-statement"
import type BillingModuleService from "../../modules/billing/service"
import type { DocumentPdf } from "./document-pdf"

/** The customer as documents name them, or null when Medusa has no such customer. */
export async function documentCustomer(container: MedusaContainer, customerId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "first_name", "last_name", "company_name"],
    filters: { id: customerId },
  })
  const customer = data[0] as any
  if (!customer) return null
  const name = [customer.first_name, customer.last_name].filter(Boolean).join(" ") || null
  return { id: customer.id as string, name, company: customer.company_name ?? null, email: customer.email ?? null }
}

/** A payment as its receipt prints it, in the customer's document language. */
export async function loadReceipt(container: MedusaContainer, paymentId: string) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const payment = await billing.retrieveBillingPayment(paymentId)
  const [allocations, settings, defaults, customer] = await Promise.all([
    billing.listPaymentAllocations({ payment_id: paymentId, amount: { $gt: 0 } } as any, { order: { created_at: "ASC" } }),
    billing.retrieveSettings(),
    billing.documentDefaults(payment.customer_id),
    documentCustomer(container, payment.customer_id),
  ])
  const invoices = allocations.length
    ? await billing.listInvoices({ id: allocations.map((a) => a.invoice_id) }, { select: ["id", "number"] })
    : []
  const account = payment.collection_account_id
    ? await billing.retrieveCollectionAccount(payment.collection_account_id).catch(() => null)
    : null
  const receipt: ReceiptForPdf = {
    receipt_number: payment.receipt_number ?? null,
    locale: defaults.locale,
    currency_code: payment.currency_code,
    amount: payment.amount as any,
    amount_unapplied: paymentUnapplied(payment as any).toString(),
    amount_refunded: payment.amount_refunded as any,
    method: payment.method,
    received_at: payment.received_at,
    reference: payment.reference ?? null,
    account_name: account?.name ?? null,
    seller: (settings.seller as Record<string, any>) ?? null,
    buyer: customer,
    allocations: allocations.map((a) => ({
      invoice_number: invoices.find((i) => i.id === a.invoice_id)?.number ?? null,
      amount: a.amount as any,
    })),
  }
  return { payment, receipt, email: customer?.email ?? null }
}

/** The receipt PDF of a payment, rendered from the payment as it stands. */
export async function receiptPdf(container: MedusaContainer, paymentId: string): Promise<DocumentPdf> {
  const { payment, receipt } = await loadReceipt(container, paymentId)
  return {
    filename: `${payment.receipt_number ?? `receipt-${payment.id}`}.pdf`,
    content: await renderReceiptPdf(receipt),
    stored: false,
  }
}

export type StatementRequest = {
  customer_id: string
  currency_code: string
  from?: Date | null
  to?: Date | null
  locale?: "en" | "zh-CN"
}

/** A customer's statement for a period; `to` is inclusive (the whole day). */
export async function loadStatement(container: MedusaContainer, input: StatementRequest) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const customer = await documentCustomer(container, input.customer_id)
  if (!customer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${input.customer_id} was not found`)
  }
  const end = input.to ? new Date(input.to.getTime() + 86_400_000) : null
  const statement = await billing.retrieveStatement({ ...input, to: end })
  const [settings, defaults] = await Promise.all([billing.retrieveSettings(), billing.documentDefaults(input.customer_id)])
  return {
    ...statement,
    to: input.to ?? null,
    locale: input.locale ?? defaults.locale,
    seller: (settings.seller as Record<string, any>) ?? null,
    customer,
    generated_at: new Date(),
  }
}

/** The statement as a file: PDF or CSV, named after the customer, currency and period. */
export async function statementFile(container: MedusaContainer, input: StatementRequest, format: "pdf" | "csv") {
  const statement = await loadStatement(container, input)
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "all")
  const filename = `statement-${statement.currency_code}-${day(statement.from)}-${day(statement.to)}.${format}`
  const content = format === "pdf" ? await renderStatementPdf(statement) : Buffer.from(statementCsv(statement), "utf8")
  return { filename, content, contentType: format === "pdf" ? "application/pdf" : "text/csv; charset=utf-8" }
}

import type { MedusaContainer } from "@medusajs/framework/types"
import markOverdueInvoicesJob from "../../jobs/mark-overdue-invoices"
import { BILLING_MODULE } from "../../modules/billing"
import type BillingModuleService from "../../modules/billing/service"
import { createInvoiceForOrderWorkflow } from "../../workflows/create-invoice-for-order"
import { recordPaymentWorkflow } from "../../workflows/payments"
import { DemoAddress, DemoStore, placeDemoOrder } from "./demo-store"

type DemoCustomer = { id: string; email: string; first_name?: string | null; last_name?: string | null }

const DAY = 24 * 3600 * 1000
const daysAgo = (days: number) => new Date(Date.now() - days * DAY)

/**
 * Receivables for the collections screens: pay-later orders invoiced weeks or months ago (issued on
 * that day, so due and overdue as a real store's would be), one paid in part, the invoices marked
 * overdue as the hourly job does, and a note of a call. The store's invoicing trigger is set to
 * manual meanwhile so each order gets exactly the invoice made here.
 */
export async function seedCollectionsDemo(
  container: MedusaContainer,
  demo: DemoStore,
  customers: { acme: DemoCustomer; zhang: DemoCustomer; camille: DemoCustomer }
) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const settings = await billing.retrieveSettings()
  await billing.updateSettings({ invoice_trigger: "manual" })

  const munich: DemoAddress = { first_name: "Jonas", last_name: "Weber", company: "ACME GmbH", address_1: "Industriestr. 5", city: "München", postal_code: "80331", country_code: "de" }
  const paris: DemoAddress = { first_name: "Camille", last_name: "Durand", address_1: "12 rue de Rivoli", city: "Paris", postal_code: "75001", country_code: "fr" }
  const tokyo: DemoAddress = { first_name: "伟", last_name: "张", address_1: "1-1 Chiyoda", city: "Tokyo", postal_code: "100-0001", country_code: "jp" }

  const invoiceIssuedDaysAgo = async (
    customer: DemoCustomer,
    currency: "eur" | "jpy",
    address: DemoAddress,
    items: { handle: string; quantity: number }[],
    days: number
  ) => {
    const orderId = await placeDemoOrder(container, demo, { currency, email: customer.email, customer_id: customer.id, address, items })
    const { result } = await createInvoiceForOrderWorkflow(container).run({ input: { order_id: orderId, issue: false } })
    return billing.issueInvoice(result.id, { issued_at: daysAgo(days) })
  }

  try {
    // ACME (Net 30): one invoice 45 days overdue, paid in part three weeks ago, and one 10 days overdue.
    const acmeOld = await invoiceIssuedDaysAgo(customers.acme, "eur", munich, [{ handle: "notebook", quantity: 20 }], 75)
    await invoiceIssuedDaysAgo(customers.acme, "eur", munich, [{ handle: "coffee-mug", quantity: 8 }], 40)
    await recordPaymentWorkflow(container).run({
      input: {
        customer_id: customers.acme.id,
        currency_code: "eur",
        amount: "50.00",
        method: "bank_transfer",
        received_at: daysAgo(21),
        reference: "ACME part payment",
        allocate: [{ invoice_id: acmeOld.id, amount: "50.00" }],
      },
    })
    // Camille (Net 14): a small order long forgotten, over 90 days overdue.
    await invoiceIssuedDaysAgo(customers.camille, "eur", paris, [{ handle: "medusa-t-shirt", quantity: 3 }], 130)
    // 张伟 (JPY, Net 14): five weeks overdue.
    await invoiceIssuedDaysAgo(customers.zhang, "jpy", tokyo, [{ handle: "coffee-mug", quantity: 4 }], 50)
  } finally {
    await billing.updateSettings({ invoice_trigger: settings.invoice_trigger })
  }

  await markOverdueInvoicesJob(container)
  await billing.createContactNote({
    customer_id: customers.camille.id,
    channel: "call",
    note: "Voicemail; left a message about the open T-shirt order.",
    next_action: "Call again",
    next_action_date: new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10),
  } as any)
}

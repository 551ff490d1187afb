import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  cancelOrderWorkflow,
  capturePaymentWorkflow,
  createCustomersWorkflow,
  createOrderFulfillmentWorkflow,
  createUserAccountWorkflow,
} from "@medusajs/medusa/core-flows"
import { BILLING_MODULE } from "../modules/billing"
import type BillingModuleService from "../modules/billing/service"
import { seedCollectionsDemo } from "./lib/collections-demo"
import { createDemoStore, placeDemoOrder } from "./lib/demo-store"

export const DEMO_ADMIN = {
  email: process.env.DEMO_ADMIN_EMAIL || "admin@billing.demo",
  password: process.env.DEMO_ADMIN_PASSWORD || "supersecret",
}

/**
 * `npm start` runs this on every start; it seeds the demo store only once (a flag in the
 * store's metadata) and makes sure the demo admin can log in.
 */
export default async function seedDemo({ container }: ExecArgs) {
  const log = (line: string) => console.log(`[seed] ${line}`)
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores()

  await ensureAdminUser(container)

  if (store?.metadata?.billing_demo_seeded) {
    log(`Demo store already seeded. Admin login: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`)
    return
  }

  const demo = await createDemoStore(container)
  const { result: customers } = await createCustomersWorkflow(container).run({
    input: {
      customersData: [
        { email: "erika.muster@example.com", first_name: "Erika", last_name: "Muster", phone: "+49 30 1234567" },
        {
          email: "accounts@acme-gmbh.example",
          first_name: "Jonas",
          last_name: "Weber",
          company_name: "ACME GmbH",
          metadata: { tax_id: "DE123456789" },
        },
        { email: "zhang.wei@example.cn", first_name: "伟", last_name: "张", phone: "+81 3 1234 5678" },
        { email: "camille.durand@example.fr", first_name: "Camille", last_name: "Durand" },
      ],
    },
  })
  const [erika, acme, zhang, camille] = customers

  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  await billing.updateSettings({
    payment_terms_days: 14,
    seller: {
      company_name: "Billing Demo GmbH",
      address_1: "Torstraße 5",
      postal_code: "10119",
      city: "Berlin",
      country_code: "de",
      tax_id: "DE999999999",
      email: "billing@demo.example",
      bank_name: "Demo Bank",
      iban: "DE89 3704 0044 0532 0130 00",
      bic: "COBADEFFXXX",
    },
    invoice_notes: "Thank you for your order! 感谢您的惠顾！",
  })
  // A business customer on Net 30, and a customer who reads documents in Chinese.
  await billing.upsertCustomerSettings(acme.id, { payment_terms_days: 30 })
  await billing.upsertCustomerSettings(zhang.id, { locale: "zh-CN" })

  const berlin = { address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" }
  const orders = {
    // Placed, payment authorized, not captured yet.
    authorized: await placeDemoOrder(container, demo, {
      currency: "eur", email: erika.email, customer_id: erika.id,
      address: { first_name: "Erika", last_name: "Muster", ...berlin },
      items: [{ handle: "medusa-t-shirt", quantity: 2 }],
    }),
    // Paid (captured).
    paid: await placeDemoOrder(container, demo, {
      currency: "eur", email: acme.email, customer_id: acme.id,
      address: { first_name: "Jonas", last_name: "Weber", company: "ACME GmbH", address_1: "Industriestr. 5", city: "München", postal_code: "80331", country_code: "de" },
      items: [{ handle: "coffee-mug", quantity: 3 }, { handle: "notebook", quantity: 5 }],
    }),
    // Paid and shipped.
    fulfilled: await placeDemoOrder(container, demo, {
      currency: "jpy", email: zhang.email, customer_id: zhang.id,
      address: { first_name: "伟", last_name: "张", address_1: "1-1 Chiyoda", city: "Tokyo", postal_code: "100-0001", country_code: "jp" },
      items: [{ handle: "coffee-mug", quantity: 1 }, { handle: "notebook", quantity: 3 }],
    }),
    // Canceled by the merchant.
    canceled: await placeDemoOrder(container, demo, {
      currency: "eur", email: camille.email, customer_id: camille.id,
      address: { first_name: "Camille", last_name: "Durand", address_1: "12 rue de Rivoli", city: "Paris", postal_code: "75001", country_code: "fr" },
      items: [{ handle: "notebook", quantity: 1 }],
    }),
  }

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const paymentsOf = async (orderId: string) => {
    const { data } = await query.graph({
      entity: "order",
      fields: ["payment_collections.payments.id", "items.*"],
      filters: { id: orderId },
    })
    return data[0]
  }
  for (const orderId of [orders.paid, orders.fulfilled]) {
    const order = await paymentsOf(orderId)
    await capturePaymentWorkflow(container).run({
      input: { payment_id: order.payment_collections[0].payments[0].id },
    })
  }
  const fulfilledOrder = await paymentsOf(orders.fulfilled)
  await createOrderFulfillmentWorkflow(container).run({
    input: {
      order_id: orders.fulfilled,
      items: fulfilledOrder.items.map((i: any) => ({ id: i.id, quantity: i.quantity })),
    },
  })
  await cancelOrderWorkflow(container).run({ input: { order_id: orders.canceled } })

  // Canceling the last order credits its invoice in full (a credit note follows the order).
  const invoices = await waitForInvoices(container, Object.values(orders), Object.values(orders).length + 1)
  // Overdue receivables for Billing → Collections, the reports and the dashboard.
  await seedCollectionsDemo(container, demo, { acme, zhang, camille })
  await storeModule.updateStores(store.id, { metadata: { ...(store.metadata ?? {}), billing_demo_seeded: true } })

  log(`Demo store seeded: 2 regions (EUR, JPY), ${customers.length} customers, 8 orders (4 of them overdue), ${invoices + 4} invoices and credit notes.`)
  log(`Publishable API key: ${demo.publishableKey}`)
  log(`Admin login: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`)
}

async function ensureAdminUser(container: ExecArgs["container"]) {
  const userModule = container.resolve(Modules.USER)
  const [existing] = await userModule.listUsers({ email: DEMO_ADMIN.email })
  if (existing) {
    return
  }
  const authModule = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await authModule.register("emailpass", {
    body: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
  } as any)
  if (error || !authIdentity) {
    throw new Error(`Could not create the demo admin ${DEMO_ADMIN.email}: ${error}`)
  }
  await createUserAccountWorkflow(container).run({
    input: { authIdentityId: authIdentity.id, userData: { email: DEMO_ADMIN.email, first_name: "Demo", last_name: "Admin" } },
  })
}

/** Invoices are written by the `order.placed` subscriber, just after each order: wait for them. */
async function waitForInvoices(container: ExecArgs["container"], orderIds: string[], expected: number) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  const deadline = Date.now() + 20_000
  let count = 0
  while (Date.now() < deadline) {
    count = await billing.listInvoices({ order_id: orderIds }, { select: ["id"] }).then((r) => r.length)
    if (count >= expected) break
    await new Promise((r) => setTimeout(r, 200))
  }
  return count
}

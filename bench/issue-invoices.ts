// Run by bench/run.js with `medusa exec` on a fresh database: issue invoices for N orders with C
// concurrent clients, through the real workflow, against the same workflow leaving drafts (no numbering).
import type { ExecArgs } from "@medusajs/framework/types"
import { createOrderWorkflow } from "@medusajs/medusa/core-flows"
import { BILLING_MODULE } from "../src/modules/billing"
import type BillingModuleService from "../src/modules/billing/service"
import { createDemoStore } from "../src/scripts/lib/demo-store"
import { createInvoiceForOrderWorkflow } from "../src/workflows/create-invoice-for-order"
import { withClients } from "./with-clients"

const N = Number(process.env.BENCH_ORDERS || 1000)
const CLIENTS = Number(process.env.BENCH_CLIENTS || 8)

export default async function benchIssueInvoices({ container }: ExecArgs) {
  const billing = container.resolve<BillingModuleService>(BILLING_MODULE)
  await billing.updateSettings({ invoice_trigger: "manual" })
  const store = await createDemoStore(container)
  const address = { first_name: "Bench", last_name: "Buyer", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" }

  const { wallMs: orderMs, latencies: _ } = await withClients(
    Array.from({ length: N }, (_, i) => i),
    CLIENTS,
    async (i) => {
      const { result } = await createOrderWorkflow(container).run({
        input: {
          region_id: store.regions.eur,
          sales_channel_id: store.salesChannelId,
          email: `bench-${i}@example.com`,
          currency_code: "eur",
          shipping_address: address,
          billing_address: address,
          items: [{ variant_id: store.variants["notebook"], quantity: 1 + (i % 3) }],
        } as any,
      })
      orders.push(result.id)
    }
  )
  console.log(`[bench] created ${orders.length} orders in ${(orderMs / 1000).toFixed(1)} s`)

  const run = (issue: boolean) =>
    withClients(orders, CLIENTS, (order_id) => createInvoiceForOrderWorkflow(container).run({ input: { order_id, issue } }))

  // Baseline first: the same workflow, drafts only (no number, no PDF). Then drafts are removed.
  const drafts = await run(false)
  for (const invoice of await billing.listInvoices({ order_id: orders }, { select: ["id"] })) {
    await billing.deleteInvoices(invoice.id)
  }
  const issued = await run(true)

  const numbers = (await billing.listInvoices({ order_id: orders, status: "open" }, { select: ["number"] }))
    .map((i) => Number(i.number!.split("-").pop()))
    .sort((a, b) => a - b)
  const gapless = numbers.length === N && numbers.every((n, i) => n === i + 1)
  console.log(
    `BENCH_RESULT ${JSON.stringify({
      n: N,
      clients: CLIENTS,
      issued: { wallMs: issued.wallMs, latencies: issued.latencies },
      drafts: { wallMs: drafts.wallMs, latencies: drafts.latencies },
      gapless,
      distinct: new Set(numbers).size,
    })}`
  )
}

const orders: string[] = []

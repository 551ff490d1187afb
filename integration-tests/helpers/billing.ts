import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { TestEventUtils } from "@medusajs/test-utils"
import { inflateRawSync } from "zlib"
import { createDemoStore, DemoStore, placeDemoOrder } from "../../src/scripts/lib/demo-store"
import { eventually } from "./storefront"

type Api = { get: Function; post: Function; delete: Function }

/** How long a test waits for an event's subscribers: generous, so a loaded machine is not a failure. */
export const SUBSCRIBERS_TIMEOUT = 60_000

/** The error response of a request that must be refused; fails the test if it was not. */
export const refuse = (promise: Promise<any>) =>
  promise.then(
    (res) => {
      throw new Error(`expected a refusal, got ${res.status}`)
    },
    (e) => e.response
  )

export const berlin = {
  first_name: "Erika",
  last_name: "Muster",
  address_1: "Hauptstr. 1",
  city: "Berlin",
  postal_code: "10115",
  country_code: "de",
}

/** The order's invoices and credit notes as the admin API lists them. */
export async function documentsOf(api: Api, headers: Record<string, string>, orderId: string) {
  return (await api.get(`/admin/invoices?order_id=${orderId}&order=created_at`, { headers })).data.invoices as any[]
}

/**
 * Waits until the order has at least `count` documents, all issued (subscribers run just after
 * the order, and a document is a draft for a moment between its creation and its issue).
 */
export async function waitForDocuments(api: Api, headers: Record<string, string>, orderId: string, count = 1) {
  return eventually(async () => {
    const docs = await documentsOf(api, headers, orderId)
    return docs.length >= count && docs.every((d) => d.status !== "draft") ? docs : null
  })
}

/**
 * Places an order with the workflows a storefront checkout runs and waits until every
 * `order.placed` subscriber has finished, so a test can also assert that nothing was invoiced.
 */
export async function placeOrderAndSettle(
  container: MedusaContainer,
  store: DemoStore,
  input: Partial<Parameters<typeof placeDemoOrder>[2]> = {}
) {
  const settled = TestEventUtils.waitSubscribersExecution("order.placed", container.resolve(Modules.EVENT_BUS), { timeout: SUBSCRIBERS_TIMEOUT })
  const orderId = await placeDemoOrder(container, store, {
    currency: "eur",
    email: "buyer@example.com",
    address: berlin,
    items: [{ handle: "notebook", quantity: 1 }],
    ...input,
  })
  await settled
  return orderId
}

/** The files of an XLSX (a zip), read through its central directory as a spreadsheet program does. */
export function unzip(buffer: Buffer): Map<string, string> {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const files = new Map<string, string>()
  let at = buffer.readUInt32LE(end + 16)
  for (let i = 0; i < buffer.readUInt16LE(end + 10); i++) {
    const size = buffer.readUInt32LE(at + 20)
    const nameLength = buffer.readUInt16LE(at + 28)
    const local = buffer.readUInt32LE(at + 42)
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28)
    files.set(buffer.toString("utf8", at + 46, at + 46 + nameLength), inflateRawSync(buffer.subarray(start, start + size)).toString("utf8"))
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32)
  }
  return files
}

export { createDemoStore }
export type { DemoStore }

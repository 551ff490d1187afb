import type { CreateCustomerDTO, CustomerDTO, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { adminHeaders } from "./admin-auth"
import { createDemoStore, DemoStore, placeOrderAndSettle, waitForDocuments } from "./billing"

type Api = { get: Function; post: Function; delete: Function }

/** Who an order is for and what it holds; by default the suite's customer (or a guest) and one notebook. */
export type InvoicedOrderInput = {
  customer?: { id: string; email: string }
  quantity?: number
  items?: { handle: string; quantity: number }[]
}

/**
 * Registers a `beforeEach` that gives every test of the suite what billing needs: the demo store,
 * an admin's request headers and, when `customer` is given, that customer. The database is emptied
 * after each test, so all of it is made again before the next one.
 *
 * `store`, `headers` and `customer` are the same objects for the whole suite, filled anew before
 * each test (as Medusa's own integration tests fill `adminHeaders`), so they can be destructured once.
 */
export function useBillingFixture(
  { api, getContainer }: { api: Api; getContainer: () => MedusaContainer },
  options: { customer?: CreateCustomerDTO } = {}
) {
  const store = {} as DemoStore
  const headers: Record<string, string> = {}
  const customer = {} as CustomerDTO

  const createCustomer = (data: CreateCustomerDTO) => getContainer().resolve(Modules.CUSTOMER).createCustomers(data)

  beforeEach(async () => {
    Object.assign(store, await createDemoStore(getContainer()))
    Object.assign(headers, (await adminHeaders(getContainer())).headers)
    if (options.customer) Object.assign(customer, await createCustomer(options.customer))
  })

  /**
   * Places an order (paid "later" with the system provider: authorized, not captured) and waits until
   * its invoice is issued. Notebook × quantity (9.99) + shipping (4.95), 19 % VAT: 1 → 17.78 EUR, 2 → 29.67 EUR.
   */
  const orderWithInvoice = async ({ customer: buyer = options.customer && customer, quantity = 1, items }: InvoicedOrderInput = {}) => {
    const orderId = await placeOrderAndSettle(getContainer(), store, {
      ...(buyer && { email: buyer.email, customer_id: buyer.id }),
      items: items ?? [{ handle: "notebook", quantity }],
    })
    const [invoice] = await waitForDocuments(api, headers, orderId)
    return { orderId, invoice }
  }

  /** The issued invoice of an order placed as `orderWithInvoice` places it. */
  const invoiceFor = async (order?: InvoicedOrderInput) => (await orderWithInvoice(order)).invoice

  return { store, headers, customer, createCustomer, orderWithInvoice, invoiceFor }
}

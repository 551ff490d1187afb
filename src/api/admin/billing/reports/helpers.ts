import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { BILLING_MODULE } from "../../../../modules/billing"
import type BillingModuleService from "../../../../modules/billing/service"

export const billingOf = (req: MedusaRequest) => req.scope.resolve<BillingModuleService>(BILLING_MODULE)

export type CustomerName = { name: string | null; email: string | null }

/** Customers' names and emails from Medusa's customer module, a batch of ids at a time. */
export async function customerNames(req: MedusaRequest, ids: string[]): Promise<Map<string, CustomerName>> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const names = new Map<string, CustomerName>()
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += 1000) {
    const { data } = await query.graph({
      entity: "customer",
      fields: ["id", "email", "first_name", "last_name", "company_name"],
      filters: { id: unique.slice(i, i + 1000) },
    })
    for (const c of data as any[]) {
      const person = [c.first_name, c.last_name].filter(Boolean).join(" ")
      names.set(c.id, { name: c.company_name || person || null, email: c.email ?? null })
    }
  }
  return names
}

/** Adds `name` and `email` after `customer_id` to each row. */
export async function withCustomerNames<T extends { customer_id: string }>(req: MedusaRequest, rows: T[]) {
  const names = await customerNames(req, rows.map((r) => r.customer_id))
  return rows.map(({ customer_id, ...rest }) => ({ customer_id, ...(names.get(customer_id) ?? { name: null, email: null }), ...rest }))
}

/** The ids of the customers a search names: their id itself, or email, name or company containing it. */
export async function customersMatching(req: MedusaRequest, q: string): Promise<string[]> {
  const customers = await req.scope.resolve(Modules.CUSTOMER).listCustomers({ q } as any, { select: ["id"] })
  return [...new Set([q, ...customers.map((c: any) => c.id as string)])]
}

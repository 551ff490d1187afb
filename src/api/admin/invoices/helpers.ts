import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

/** Reads one invoice with the requested fields, or throws a 404 a person understands. */
export async function refetchInvoice(id: string, scope: MedusaContainer, fields: string[]) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [invoice],
  } = await query.graph({ entity: "invoice", fields, filters: { id } })
  if (!invoice) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Invoice with id: ${id} was not found`)
  }
  return invoice
}

import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ownDocuments, storeInvoiceFields } from "./helpers"

/** The logged-in customer's invoices and credit notes, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { limit = 20, offset = 0 } = req.validatedQuery as { limit?: number; offset?: number }
  const { data: invoices, metadata } = await query.graph({
    entity: "invoice",
    fields: storeInvoiceFields,
    filters: ownDocuments(req) as any,
    pagination: { skip: offset, take: limit, order: { issued_at: "DESC" } },
  })
  res.json({ invoices, count: metadata?.count ?? invoices.length, offset, limit })
}

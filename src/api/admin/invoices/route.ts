import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { RemoteQueryFilters } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createInvoiceForOrderWorkflow } from "../../../workflows/create-invoice-for-order"
import { refetchInvoice } from "./helpers"
import type { AdminCreateInvoiceType, AdminGetInvoicesParamsType } from "./validators"

/** Lists invoices and credit notes, newest first, filtered by status, order, customer, currency or `q`. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetInvoicesParamsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { overdue, ...filters } = req.filterableFields as Record<string, any>
  if (overdue) {
    filters.status = ["open", "partially_paid"]
    filters.due_at = { ...(filters.due_at ?? {}), $lt: new Date() }
  }
  const { data: invoices, metadata } = await query.graph({
    entity: "invoice",
    fields: req.queryConfig.fields,
    // Validated by AdminGetInvoicesParams; the cast bridges zod's strings and the generated enum types.
    filters: filters as RemoteQueryFilters<"invoice">,
    pagination: req.queryConfig.pagination,
  })
  res.json({ invoices, count: metadata?.count ?? invoices.length, offset: metadata?.skip ?? 0, limit: metadata?.take ?? 0 })
}

/** Invoices an order in one click; returns the order's existing invoice if it already has one. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateInvoiceType>, res: MedusaResponse) => {
  const { result } = await createInvoiceForOrderWorkflow(req.scope).run({
    input: {
      order_id: req.validatedBody.order_id,
      issue: req.validatedBody.issue,
      actor: { actor_type: "user", actor_id: req.auth_context.actor_id },
    },
  })
  const invoice = await refetchInvoice(result.id, req.scope, req.queryConfig.fields)
  res.status(result.created ? 201 : 200).json({ invoice })
}

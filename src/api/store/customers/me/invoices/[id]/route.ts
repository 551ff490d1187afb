import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retrieveOwnDocument, storeInvoiceFields } from "../helpers"

/** One of the logged-in customer's documents with its lines; 404 for anyone else's. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const invoice = await retrieveOwnDocument(req, [
    ...storeInvoiceFields,
    "lines.kind",
    "lines.rank",
    "lines.title",
    "lines.subtitle",
    "lines.sku",
    "lines.quantity",
    "lines.unit_price",
    "lines.subtotal",
    "lines.discount_total",
    "lines.tax_total",
    "lines.total",
    "lines.tax_lines",
  ])
  res.json({ invoice })
}

import type { MedusaResponse } from "@medusajs/framework/http"
import type { MedusaContainer } from "@medusajs/framework/types"
import { z } from "@medusajs/framework/zod"
import { day } from "./day"
import { loadStatement, statementFile } from "../../workflows/utils/billing-documents"


/** ?currency_code=eur&from=2026-01-01&to=2026-01-31&format=json|pdf|csv&locale=en|zh-CN (to is inclusive). */
export type GetStatementParamsType = z.infer<typeof GetStatementParams>
export const GetStatementParams = z
  .object({
    currency_code: z.string({ error: "currency_code is required, e.g. eur." }).length(3, "currency_code is a three-letter ISO code, e.g. eur").toLowerCase(),
    from: day("from").optional(),
    to: day("to").optional(),
    format: z.enum(["json", "pdf", "csv"]).default("json"),
    locale: z.enum(["en", "zh-CN"]).optional(),
  })
  .strict()

/** Answers with the statement as JSON, or as a PDF or CSV download. */
export async function respondWithStatement(scope: MedusaContainer, res: MedusaResponse, customerId: string, params: GetStatementParamsType) {
  const { format, ...request } = params
  if (format === "json") {
    const { seller, customer, generated_at, ...statement } = await loadStatement(scope, { customer_id: customerId, ...request })
    res.json({ statement })
    return
  }
  const file = await statementFile(scope, { customer_id: customerId, ...request }, format)
  res.setHeader("Content-Type", file.contentType)
  res.setHeader("Content-Disposition", `attachment; filename="${file.filename}"`)
  res.setHeader("Content-Length", String(file.content.length))
  res.status(200).end(file.content)
}

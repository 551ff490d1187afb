import { z } from "@medusajs/framework/zod"
import { day } from "../../../utils/day"
import { DATE_FORMATS } from "../../../../modules/billing/domain/bank-statement"
import { EXCEPTION_TYPES, RESOLUTION_ACTIONS } from "../../../../modules/billing/domain/reconciliation"
import { ReconciliationTolerances } from "../validators"

export type AdminCreateReconciliationType = z.infer<typeof AdminCreateReconciliation>
export const AdminCreateReconciliation = z
  .object({
    kind: z.enum(["stripe_payout", "three_way", "bank_statement"]),
    /** stripe_payout: one payout (po_…), or the payouts that arrived from … to (inclusive days). */
    payout_id: z.string().trim().min(1).optional(),
    from: day("from").optional(),
    to: day("to").optional(),
    /** bank_statement: the account's unmatched lines, of one statement if given. */
    collection_account_id: z.string().trim().min(1).optional(),
    bank_statement_id: z.string().trim().min(1).optional(),
    tolerances: ReconciliationTolerances.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const period = () => {
      if (!v.from || !v.to) ctx.addIssue({ code: "custom", path: ["from"], message: "from and to are required (YYYY-MM-DD)" })
    }
    if (v.kind === "stripe_payout" && !v.payout_id) period()
    if (v.kind === "three_way") period()
    if (v.kind === "bank_statement" && !v.collection_account_id) {
      ctx.addIssue({ code: "custom", path: ["collection_account_id"], message: "collection_account_id is required for a bank statement run" })
    }
  })

export type AdminGetReconciliationsParamsType = z.infer<typeof AdminGetReconciliationsParams>
export const AdminGetReconciliationsParams = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  kind: z.enum(["stripe_payout", "three_way", "bank_statement"]).optional(),
  status: z.enum(["running", "completed", "failed"]).optional(),
})

export type AdminGetExceptionsParamsType = z.infer<typeof AdminGetExceptionsParams>
export const AdminGetExceptionsParams = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  status: z.enum(["open", "resolved"]).optional(),
  type: z.enum(Object.keys(EXCEPTION_TYPES) as [string, ...string[]]).optional(),
  run_id: z.string().min(1).optional(),
})

export const AdminGetMatchesParams = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

export type AdminResolveExceptionType = z.infer<typeof AdminResolveException>
export const AdminResolveException = z
  .object({
    action: z.enum(RESOLUTION_ACTIONS),
    note: z.string().trim().max(2000).nullable().optional(),
    /** record_payment from a bank line: who paid, and the invoices it pays. */
    customer_id: z.string().trim().min(1).optional(),
    invoice_ids: z.array(z.string().trim().min(1)).max(50).optional(),
    /** link: the payment it is. */
    payment_id: z.string().trim().min(1).optional(),
    /** write_off: what the difference is. */
    reason: z.enum(["fee", "fx", "rounding"]).optional(),
  })
  .strict()

export const StatementMappingInput = z
  .object({
    delimiter: z.enum([",", ";", "\t", "|"]).optional(),
    date_column: z.string().trim().min(1, "date_column is required"),
    date_format: z.enum(DATE_FORMATS),
    amount_column: z.string().trim().min(1).nullable().optional(),
    credit_column: z.string().trim().min(1).nullable().optional(),
    debit_column: z.string().trim().min(1).nullable().optional(),
    decimal_separator: z.enum([".", ","]),
    description_columns: z.array(z.string().trim().min(1)).max(5).default([]),
    reference_column: z.string().trim().min(1).nullable().optional(),
    counterparty_column: z.string().trim().min(1).nullable().optional(),
  })
  .strict()
  .refine((m) => !!m.amount_column || !!m.credit_column, "map either an amount column or a credit column (and a debit column)")

const StatementFile = {
  collection_account_id: z.string().trim().min(1),
  file_name: z.string().trim().min(1).max(255).default("statement"),
  /** csv or camt053; guessed from the content when left out. */
  format: z.enum(["csv", "camt053"]).optional(),
  /** The file's text (UTF-8). */
  content: z.string().min(1, "the file is empty").max(20_000_000, "the file is larger than 20 MB"),
  mapping: StatementMappingInput.optional(),
}

export type AdminPreviewBankStatementType = z.infer<typeof AdminPreviewBankStatement>
export const AdminPreviewBankStatement = z.object(StatementFile).strict()

export type AdminImportBankStatementType = z.infer<typeof AdminImportBankStatement>
export const AdminImportBankStatement = z
  .object({
    ...StatementFile,
    /** Keep the mapping on the collection account for its next files (default true). */
    save_mapping: z.boolean().default(true),
    /** Match the lines at once in a bank reconciliation run (default true). */
    reconcile: z.boolean().default(true),
    tolerances: ReconciliationTolerances.optional(),
  })
  .strict()

export const AdminGetBankStatementsParams = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  collection_account_id: z.string().min(1).optional(),
})

export const AdminClosePeriod = z.object({ period: z.string().trim().min(1, "period is required, e.g. 2026-10") }).strict()
export const AdminReopenPeriod = z.object({ reason: z.string().trim().min(1, "a reason is required to reopen a period").max(500) }).strict()

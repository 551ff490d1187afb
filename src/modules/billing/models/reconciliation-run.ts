import { model } from "@medusajs/framework/utils"

export const ReconciliationKind = {
  STRIPE_PAYOUT: "stripe_payout",
  THREE_WAY: "three_way",
  BANK_STATEMENT: "bank_statement",
} as const
export type ReconciliationKind = (typeof ReconciliationKind)[keyof typeof ReconciliationKind]

/**
 * One reconciliation: who started it (an admin or the schedule), when, with which parameters,
 * how far it got, and what it found. It holds its matches and its exceptions; running it again
 * updates them in place (a match or exception is keyed by what it is about), so re-runs add nothing.
 */
export const ReconciliationRun = model
  .define({ name: "ReconciliationRun", tableName: "billing_reconciliation_run" }, {
    id: model.id({ prefix: "brun" }).primaryKey(),
    kind: model.enum(Object.values(ReconciliationKind)),
    status: model.enum(["running", "completed", "failed"]).default("running"),
    // payout_id | from, to | bank_statement_id, with the tolerances used.
    params: model.json(),
    started_by_type: model.text().default("system"),
    started_by_id: model.text().nullable(),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    // How many items were looked at, of how many.
    progress_done: model.number().default(0),
    progress_total: model.number().default(0),
    // Items matched without any difference, and exceptions found (open or resolved).
    matched_count: model.number().default(0),
    exception_count: model.number().default(0),
    // Figures of the kind of run: payout amount vs sum of its transactions, period totals…
    summary: model.json().nullable(),
    error: model.text().nullable(),
    // How many times it ran (1 + re-runs).
    runs: model.number().default(1),
  })
  .indexes([{ on: ["kind", "started_at"] }])

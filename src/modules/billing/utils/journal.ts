import type { AccountCodes } from "../domain/accounts"
import type { SqlManager } from "./number-counter"

/** The journal of `[from, to)`, read from the books. Built by the journal export (issue [5/7]). */
export async function readJournal(_manager: SqlManager, _input: { from: Date; to: Date; codes: AccountCodes }): Promise<unknown[]> {
  throw new Error("The journal export is being built.")
}

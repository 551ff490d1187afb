/**
 * Whether an error is a unique constraint refusing a second row for the same external id: what
 * happens when two processes record the same Stripe or Medusa fact at the same moment (the loser
 * then knows the fact is recorded). PostgreSQL's code 23505, or the words of the driver or of
 * MikroORM ("duplicate key …", "… already exists").
 */
export function isUniqueViolation(e: unknown): boolean {
  const error = e as { code?: string; message?: string } | null
  return error?.code === "23505" || /unique|duplicate|already exists/i.test(error?.message ?? "")
}

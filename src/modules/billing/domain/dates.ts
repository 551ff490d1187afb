/** Adds whole days to a date (UTC calendar days, so every process agrees). */
export function addDays(date: Date, days: number): Date {
  const result = new Date(date.getTime())
  result.setUTCDate(result.getUTCDate() + days)
  return result
}

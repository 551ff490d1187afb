import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A row of a detail list: what it is, its value, and the key that names it in test ids. */
export type DetailRow = [label: string, value: ReactNode, key?: string]

/**
 * Labels on the left and their values on the right, one row each, as on a detail page's summary.
 * With `testIdPrefix`, each value is `${testIdPrefix}-${key}` for tests; `children` go below the rows.
 */
export const DetailList = ({
  rows,
  className,
  valueClassName,
  testId,
  testIdPrefix,
  children,
}: {
  rows: DetailRow[]
  /** Gaps and padding of the grid. */
  className: string
  valueClassName?: string
  testId?: string
  testIdPrefix?: string
  children?: ReactNode
}) => (
  <div className={`grid grid-cols-[auto_1fr] ${className}`} data-testid={testId}>
    {rows.map(([label, value, key = label]) => (
      <div key={key} className="contents">
        <Text size="small" weight="plus">{label}</Text>
        <Text size="small" as="div" className={valueClassName} data-testid={testIdPrefix ? `${testIdPrefix}-${key}` : undefined}>{value}</Text>
      </div>
    ))}
    {children}
  </div>
)

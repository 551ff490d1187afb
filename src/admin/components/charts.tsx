import { Text } from "@medusajs/ui"
import { ReactNode } from "react"

/**
 * Small SVG charts of the Billing reports. Amounts arrive as exact decimal strings; they are turned
 * into numbers here only to size bars on screen — nothing computed here is shown as money.
 */

const magnitude = (value: number | string) => Math.max(0, Number(value) || 0)

/** The colours of the dashboard's tags, so charts look like the rest of the admin. */
export const CHART_COLORS = {
  green: "var(--tag-green-icon, #10b981)",
  blue: "var(--tag-blue-icon, #3b82f6)",
  orange: "var(--tag-orange-icon, #f97316)",
  red: "var(--tag-red-icon, #e11d48)",
  purple: "var(--tag-purple-icon, #8b5cf6)",
  grey: "var(--tag-neutral-icon, #71717a)",
  axis: "var(--border-base, #e4e4e7)",
}

/** Aging from "not yet due" (green) to the oldest bucket (red). */
export function agingColor(index: number, count: number) {
  if (index === 0) return CHART_COLORS.green
  const steps = [CHART_COLORS.blue, CHART_COLORS.orange, CHART_COLORS.red, CHART_COLORS.purple]
  if (count <= 2) return CHART_COLORS.red
  const position = Math.round(((index - 1) / Math.max(1, count - 2)) * (steps.length - 2))
  return index === count - 1 ? CHART_COLORS.red : steps[Math.min(position, steps.length - 2)]
}

export type Bar = { key: string; label: string; value: number | string; display: string; color: string; onClick?: () => void }

/** Columns of equal width, so labels (HTML, readable at any width) line up with the bars (SVG) above them. */
const Columns = ({ count, children, className = "" }: { count: number; children: ReactNode; className?: string }) => (
  <div className={`grid ${className}`} style={{ gridTemplateColumns: `repeat(${Math.max(1, count)}, minmax(0, 1fr))` }}>
    {children}
  </div>
)

/**
 * One bar per bucket: the amount above, the bucket's name below. The SVG stretches to the card's
 * width at a fixed height; text stays HTML so it keeps its size whatever the width.
 */
export const BarChart = ({ bars, height = 140, testId, ariaLabel }: { bars: Bar[]; height?: number; testId?: string; ariaLabel: string }) => {
  const max = Math.max(...bars.map((b) => magnitude(b.value)), 0)
  const slot = 100
  const width = Math.max(1, bars.length) * slot
  return (
    <div className="flex flex-col gap-y-1" data-testid={testId}>
      <Columns count={bars.length}>
        {bars.map((bar) => (
          <Text key={bar.key} size="xsmall" className="text-ui-fg-subtle truncate text-center" title={bar.display}>{bar.display}</Text>
        ))}
      </Columns>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        className="w-full"
        style={{ height }}
        role="img"
        aria-label={ariaLabel}
        data-testid="chart"
      >
        <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke={CHART_COLORS.axis} vectorEffect="non-scaling-stroke" />
        {bars.map((bar, i) => {
          const h = max ? Math.max(magnitude(bar.value) ? 2 : 0, (magnitude(bar.value) / max) * (height - 4)) : 0
          return (
            <g key={bar.key} onClick={bar.onClick} className={bar.onClick ? "cursor-pointer" : undefined} data-testid={`chart-bar-${bar.key}`}>
              <title>{`${bar.label}: ${bar.display}`}</title>
              {/* The whole column is clickable, not only a short bar. */}
              <rect x={i * slot} y={0} width={slot} height={height} fill="transparent" />
              <rect x={i * slot + slot * 0.2} y={height - h} width={slot * 0.6} height={h} style={{ fill: bar.color }} data-testid="chart-bar" />
            </g>
          )
        })}
      </svg>
      <Columns count={bars.length}>
        {bars.map((bar) => (
          <Text key={bar.key} size="xsmall" className="text-ui-fg-subtle truncate text-center" title={bar.label}>{bar.label}</Text>
        ))}
      </Columns>
    </div>
  )
}

export type TrendPoint = { key: string; label: string; series: { value: number | string; display: string }[] }

/** Months side by side, each with one bar per series (invoiced, collected…), and a legend. */
export const GroupedBarChart = ({
  points,
  series,
  height = 140,
  testId,
  ariaLabel,
}: {
  points: TrendPoint[]
  series: { name: string; color: string }[]
  height?: number
  testId?: string
  ariaLabel: string
}) => {
  const max = Math.max(0, ...points.flatMap((p) => p.series.map((s) => magnitude(s.value))))
  const slot = 100
  const width = Math.max(1, points.length) * slot
  const barWidth = (slot * 0.7) / Math.max(1, series.length)
  return (
    <div className="flex flex-col gap-y-1" data-testid={testId}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        className="w-full"
        style={{ height }}
        role="img"
        aria-label={ariaLabel}
        data-testid="chart"
      >
        <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke={CHART_COLORS.axis} vectorEffect="non-scaling-stroke" />
        {points.map((point, i) =>
          point.series.map((s, j) => {
            const h = max ? Math.max(magnitude(s.value) ? 2 : 0, (magnitude(s.value) / max) * (height - 4)) : 0
            return (
              <rect
                key={`${point.key}-${j}`}
                x={i * slot + slot * 0.15 + j * barWidth}
                y={height - h}
                width={barWidth - 4}
                height={h}
                style={{ fill: series[j]?.color }}
                data-testid="chart-bar"
              >
                <title>{`${point.label} · ${series[j]?.name}: ${s.display}`}</title>
              </rect>
            )
          })
        )}
      </svg>
      <Columns count={points.length}>
        {points.map((point) => (
          <Text key={point.key} size="xsmall" className="text-ui-fg-subtle truncate text-center">{point.label}</Text>
        ))}
      </Columns>
      <Legend items={series.map((s) => ({ label: s.name, color: s.color }))} />
    </div>
  )
}

export const Legend = ({ items }: { items: { label: ReactNode; color: string }[] }) => (
  <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
    {items.map((item, i) => (
      <span key={i} className="flex items-center gap-x-1.5">
        <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: item.color }} />
        <Text size="xsmall" className="text-ui-fg-subtle">{item.label}</Text>
      </span>
    ))}
  </div>
)

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

/** Each bucket or month takes this many SVG units of width; the SVG is stretched to the card. */
const SLOT = 100

/** A bar's height: proportional to the largest, with a sliver left for any non-zero amount. */
const barHeight = (value: number | string, max: number, height: number) =>
  max ? Math.max(magnitude(value) ? 2 : 0, (magnitude(value) / max) * (height - 4)) : 0

/** The SVG of a chart: `slots` columns wide, a fixed height, and the axis along the bottom. */
const ChartFrame = ({ slots, height, ariaLabel, children }: { slots: number; height: number; ariaLabel: string; children: ReactNode }) => {
  const width = Math.max(1, slots) * SLOT
  return (
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
      {children}
    </svg>
  )
}

/**
 * One bar per bucket: the amount above, the bucket's name below. The SVG stretches to the card's
 * width at a fixed height; text stays HTML so it keeps its size whatever the width.
 */
export const BarChart = ({ bars, height = 140, testId, ariaLabel }: { bars: Bar[]; height?: number; testId?: string; ariaLabel: string }) => {
  const max = Math.max(...bars.map((b) => magnitude(b.value)), 0)
  return (
    <div className="flex flex-col gap-y-1" data-testid={testId}>
      <Columns count={bars.length}>
        {bars.map((bar) => (
          <Text key={bar.key} size="xsmall" className="text-ui-fg-subtle truncate text-center" title={bar.display}>{bar.display}</Text>
        ))}
      </Columns>
      <ChartFrame slots={bars.length} height={height} ariaLabel={ariaLabel}>
        {bars.map((bar, i) => {
          const h = barHeight(bar.value, max, height)
          return (
            <g key={bar.key} onClick={bar.onClick} className={bar.onClick ? "cursor-pointer" : undefined} data-testid={`chart-bar-${bar.key}`}>
              <title>{`${bar.label}: ${bar.display}`}</title>
              {/* The whole column is clickable, not only a short bar. */}
              <rect x={i * SLOT} y={0} width={SLOT} height={height} fill="transparent" />
              <rect x={i * SLOT + SLOT * 0.2} y={height - h} width={SLOT * 0.6} height={h} style={{ fill: bar.color }} data-testid="chart-bar" />
            </g>
          )
        })}
      </ChartFrame>
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
  const barWidth = (SLOT * 0.7) / Math.max(1, series.length)
  return (
    <div className="flex flex-col gap-y-1" data-testid={testId}>
      <ChartFrame slots={points.length} height={height} ariaLabel={ariaLabel}>
        {points.map((point, i) =>
          point.series.map((s, j) => {
            const h = barHeight(s.value, max, height)
            return (
              <rect
                key={`${point.key}-${j}`}
                x={i * SLOT + SLOT * 0.15 + j * barWidth}
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
      </ChartFrame>
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

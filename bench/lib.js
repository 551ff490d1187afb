// Shared helpers of the benchmarks: percentiles and the result table.
const fs = require("fs")
const path = require("path")

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
const median = (values) => percentile(values, 50)

/** Prints the rows side by side (figure, ours, baseline, ratio) and appends them to .cache/bench/results.json. */
function report(rows) {
  const root = path.resolve(__dirname, "..")
  const widths = [62, 16, 16, 8]
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(" ")
  console.log(line(["figure", "ours", "baseline", "ratio"]))
  for (const r of rows) {
    const ratio = typeof r.ours === "number" && typeof r.baseline === "number" && r.baseline ? (r.ours / r.baseline).toFixed(2) : "–"
    console.log(line([r.figure, `${r.ours}${r.unit ? ` ${r.unit}` : ""}`, `${r.baseline ?? "–"}${r.baseline !== undefined && r.unit ? ` ${r.unit}` : ""}`, ratio]))
  }
  const file = path.join(root, ".cache", "bench", "results.json")
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const previous = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : []
  fs.writeFileSync(file, JSON.stringify([...previous, ...rows.map((r) => ({ ...r, at: new Date().toISOString() }))], null, 2))
}

module.exports = { percentile, median, report }

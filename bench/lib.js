// Shared helpers of the benchmarks: percentiles and the result table.
const fs = require("fs")
const path = require("path")

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
const median = (values) => percentile(values, 50)

/** Prints the rows side by side (figure, ours, baseline, ratio) and appends them to .cache/bench/results.json. */
/** Where a run of `npm run bench` leaves every figure it printed, as JSON. */
const RESULTS_FILE = path.resolve(__dirname, "..", ".cache", "bench", "results.json")

const ratioOf = (r) => (typeof r.ours === "number" && typeof r.baseline === "number" && r.baseline ? (r.ours / r.baseline).toFixed(2) : "–")

/** Prints figures as a table (figure, ours, baseline, ratio). */
function printTable(rows) {
  const widths = [62, 16, 16, 8]
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(" ")
  console.log(line(["figure", "ours", "baseline", "ratio"]))
  for (const r of rows) {
    if (r.heading) {
      console.log(`-- ${r.heading}`)
      continue
    }
    console.log(line([r.figure, `${r.ours}${r.unit ? ` ${r.unit}` : ""}`, `${r.baseline ?? "–"}${r.baseline !== undefined && r.unit ? ` ${r.unit}` : ""}`, ratioOf(r)]))
  }
}

/** Prints a benchmark's figures and adds them, with their section (BENCH_SECTION), to RESULTS_FILE. */
function report(rows) {
  printTable(rows)
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true })
  const previous = fs.existsSync(RESULTS_FILE) ? JSON.parse(fs.readFileSync(RESULTS_FILE, "utf8")) : []
  const section = process.env.BENCH_SECTION || null
  fs.writeFileSync(
    RESULTS_FILE,
    JSON.stringify([...previous, ...rows.map((r) => ({ section, ...r, ratio: ratioOf(r), at: new Date().toISOString() }))], null, 2)
  )
}

/**
 * POSTs requests to `baseUrl` over `connections` keep-alive connections, each connection sending
 * its next request when the previous one was answered (a closed loop, like autocannon), until
 * `count` requests were sent or `seconds` have passed. `next(i)` makes request i
 * (`{ path, headers, body }`). Returns how many were sent, the wall time, each request's latency
 * (ms) and the count of responses per status (or error code).
 */
async function httpLoad(baseUrl, { next, count = Infinity, seconds = Infinity }, connections) {
  const http = require("http")
  const url = new URL(baseUrl)
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const send = (r) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: r.path, method: "POST", agent, headers: { ...r.headers, "content-length": Buffer.byteLength(r.body) } },
        (res) => {
          res.resume()
          res.on("end", () => resolve(res.statusCode))
        }
      )
      req.on("error", reject)
      req.end(r.body)
    })
  const latencies = []
  const statuses = {}
  let sent = 0
  const started = process.hrtime.bigint()
  const deadline = Date.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (sent < count && Date.now() < deadline) {
        const r = next(sent++)
        const t0 = process.hrtime.bigint()
        const status = await send(r).catch((e) => e.code || "error")
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6)
        statuses[status] = (statuses[status] || 0) + 1
      }
    })
  )
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6
  agent.destroy()
  return { sent, wallMs, latencies, statuses }
}

module.exports = { percentile, median, report, printTable, RESULTS_FILE, httpLoad }

#!/usr/bin/env node
// PDF rendering: our invoice PDF (Noto Sans SC, en and zh-CN) against @rsc-labs/medusa-documents-v2's pdfkit
// "basic" invoice template, both rendering an invoice of the same order, in this process, interleaved.
// The peer plugin is fetched into .cache/bench/peer (npm pack + its pinned pdfkit), never into the project.
require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } })
const fs = require("fs")
const path = require("path")
const { execFileSync } = require("child_process")
const { median, percentile, report } = require("./lib")
const { renderDocumentPdf } = require("../src/modules/billing/documents/render-pdf")
const { buildInvoiceFromOrder } = require("../src/modules/billing/domain/invoice-from-order")

const root = path.resolve(__dirname, "..")
const peerDir = path.join(root, ".cache", "bench", "peer")
const ROUNDS = Number(process.env.BENCH_PDF_ROUNDS || 5)
const PER_ROUND = Number(process.env.BENCH_PDF_RENDERS || 20)

function preparePeer() {
  const entry = path.join(peerDir, "node_modules", "@rsc-labs", "medusa-documents-v2", ".medusa", "server", "src", "modules", "documents", "services", "templates", "invoices", "basic", "basic.js")
  if (!fs.existsSync(entry)) {
    fs.mkdirSync(peerDir, { recursive: true })
    fs.writeFileSync(path.join(peerDir, "package.json"), JSON.stringify({ name: "bench-peer", private: true }))
    // Its own pinned pdfkit and i18next; --legacy-peer-deps because its peers pin older Medusa packages.
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--legacy-peer-deps", "--ignore-scripts", "--omit=peer", "--loglevel=error", "pdfkit@0.15.0", "i18next@23.15.1"], { cwd: peerDir, stdio: "inherit" })
    const tgz = execFileSync("npm", ["pack", "@rsc-labs/medusa-documents-v2@0.2.11", "--silent"], { cwd: peerDir, encoding: "utf8" }).trim()
    const target = path.join(peerDir, "node_modules", "@rsc-labs", "medusa-documents-v2")
    fs.mkdirSync(target, { recursive: true })
    execFileSync("tar", ["xzf", tgz, "-C", target, "--strip-components=1"], { cwd: peerDir })
  }
  return require(entry).default
}

// One order, as Medusa returns it: 3 lines, shipping, 19 % VAT, a billing address.
const order = {
  id: "order_bench",
  display_id: 1042,
  currency_code: "eur",
  email: "erika@example.com",
  created_at: new Date("2026-11-29T10:00:00Z"),
  billing_address: { first_name: "Erika", last_name: "Muster", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" },
  shipping_address: { first_name: "Erika", last_name: "Muster", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" },
  items: [
    { id: "i1", title: "Medusa T-Shirt", subtitle: "M", quantity: 2, unit_price: 25, raw_unit_price: { value: "25" }, subtotal: 50 },
    { id: "i2", title: "Coffee Mug", subtitle: "White", quantity: 3, unit_price: 12.5, raw_unit_price: { value: "12.5" }, subtotal: 37.5 },
    { id: "i3", title: "Notebook", subtitle: "A5", quantity: 5, unit_price: 9.99, raw_unit_price: { value: "9.99" }, subtotal: 49.95 },
  ],
  shipping_methods: [{ id: "s1", name: "Standard shipping", amount: 4.95, subtotal: 4.95 }],
  subtotal: 137.45, item_total: 163.57, shipping_total: 5.89, tax_total: 27.06, discount_total: 0, total: 169.46,
}
// documents-v2 reads Medusa's BigNumber totals (`.numeric`) as the order module returns them server-side.
const peerOrder = {
  ...order,
  shipping_subtotal: { numeric: 4.95 },
  tax_total: { numeric: 27.06 },
  total: { numeric: 169.46 },
}
const built = buildInvoiceFromOrder({
  currency_code: "eur",
  total: order.total,
  items: order.items.map((i) => ({ ...i, tax_lines: [{ code: "DE19", rate: 19 }] })),
  shipping_methods: order.shipping_methods.map((s) => ({ ...s, title: s.name, quantity: 1, unit_price: s.amount, tax_lines: [{ code: "DE19", rate: 19 }] })),
})
const ours = (locale) => ({
  ...built, type: "invoice", status: "open", number: "INV-2026-001042", locale, issued_at: "2026-11-29T10:00:00Z", due_at: "2026-12-13T10:00:00Z",
  payment_terms_days: 14, order_display_id: 1042, notes: null,
  seller: { company_name: "Baseline GmbH", address_1: "Teststr. 5", city: "Berlin", postal_code: "10115", tax_id: "DE999999999" },
  buyer: { name: "Erika Muster", email: order.email, address: order.billing_address },
})
const peerSettings = { storeAddress: { company: "Baseline GmbH", address_1: "Teststr. 5", city: "Berlin", postal_code: "10115" }, template: "BASIC" }
const peerInvoice = { displayNumber: "INV-1042", created_at: new Date("2026-11-29T10:00:00Z") }

async function timeRenders(render) {
  const times = []
  let bytes = 0
  for (let i = 0; i < PER_ROUND; i++) {
    const t0 = process.hrtime.bigint()
    const pdf = await render()
    times.push(Number(process.hrtime.bigint() - t0) / 1e6)
    bytes = pdf.length
  }
  return { times, bytes }
}

async function main() {
  const peer = preparePeer()
  // Warm-up: the first render of each parses its fonts.
  await renderDocumentPdf(ours("en"))
  await peer(peerSettings, peerInvoice, peerOrder)
  const samples = { en: [], zh: [], peer: [] }
  let size = {}
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, render] of [
      ["en", () => renderDocumentPdf(ours("en"))],
      ["zh", () => renderDocumentPdf(ours("zh-CN"))],
      ["peer", () => peer(peerSettings, peerInvoice, peerOrder)],
    ]) {
      const { times, bytes } = await timeRenders(render)
      samples[key].push(...times)
      size[key] = bytes
    }
  }
  const ms = (k) => Number(median(samples[k]).toFixed(1))
  const perSecond = (k) => Number((1000 / median(samples[k])).toFixed(1))
  report([
    { figure: "PDF render, same order, median ms (ours en vs documents-v2)", ours: ms("en"), baseline: ms("peer"), unit: "ms" },
    { figure: "PDF render, p95 ms (ours en vs documents-v2)", ours: Number(percentile(samples.en, 95).toFixed(1)), baseline: Number(percentile(samples.peer, 95).toFixed(1)), unit: "ms" },
    { figure: "PDF render throughput, one core (ours en vs documents-v2)", ours: perSecond("en"), baseline: perSecond("peer"), unit: "docs/s" },
    { figure: "PDF render, zh-CN document, median ms (documents-v2 has no CJK)", ours: ms("zh"), baseline: ms("peer"), unit: "ms" },
    { figure: "PDF size (ours en vs documents-v2)", ours: size.en, baseline: size.peer, unit: "B" },
  ])
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})

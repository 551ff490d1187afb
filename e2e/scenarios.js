// Admin scenarios in a real browser. Each scenario is one test: it passes when every step
// finds what a merchant would see. Later issues add their scenarios to SCENARIOS.
const { chromium } = require("playwright-core")

const ADMIN = {
  email: process.env.DEMO_ADMIN_EMAIL || "admin@billing.demo",
  password: process.env.DEMO_ADMIN_PASSWORD || "supersecret",
}

// What the dashboard and our own i18n files say in each language.
const TEXT = {
  en: { login: "Continue with Email", orders: "Orders", billing: "Billing", widgetTitle: "Billing", invoices: "Invoices", bill: "Bill to" },
  zhCN: { login: "使用邮箱继续", orders: "订单", billing: "账单", widgetTitle: "账单", invoices: "发票", bill: "购买方" },
}

/** The admin scrolls inside an inner div: grow the viewport so a "full page" screenshot is really full. */
async function shot(page, file) {
  const height = await page.evaluate(() =>
    Math.max(...[...document.querySelectorAll("*")].map((e) => e.getBoundingClientRect().top + e.scrollHeight))
  )
  await page.setViewportSize({ width: 1440, height: Math.min(4000, Math.max(900, Math.ceil(height))) })
  await page.screenshot({ path: file, fullPage: true })
  await page.setViewportSize({ width: 1440, height: 900 })
}

/** Clicks the first row of a list until the page navigates (a refetch can swallow the first click). */
async function openFirstRow(page, rows, urlPattern) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await rows.first().locator("td").first().click()
    try {
      await page.waitForURL(urlPattern, { timeout: 10_000 })
      return
    } catch {}
  }
  throw new Error(`clicking the first row did not open ${urlPattern}`)
}

const SCENARIOS = [
  {
    name: "logs in to the admin",
    run: async ({ page, base, t, save }) => {
      await page.goto(`${base}/app`)
      await page.locator('input[name="email"]').fill(ADMIN.email)
      await page.locator('input[name="password"]').fill(ADMIN.password)
      await save("1-login")
      await page.getByRole("button", { name: t.login }).click()
      await page.getByRole("link", { name: t.orders, exact: true }).first().waitFor()
    },
  },
  {
    name: "opens an order and sees its invoice in the Billing widget",
    run: async ({ page, t, save }) => {
      await page.getByRole("link", { name: t.orders, exact: true }).first().click()
      await page.locator("table tbody tr").first().waitFor()
      await save("2-orders")
      await openFirstRow(page, page.locator("table tbody tr"), /\/orders\/order_/)
      const widget = page.getByTestId("billing-order-widget")
      await widget.getByText(t.widgetTitle, { exact: true }).waitFor()
      await widget.getByText(/INV-\d{4}-\d{6}/).waitFor()
      await widget.scrollIntoViewIfNeeded()
      await save("3-order-billing-widget")
      await widget.screenshot({ path: `${page.__shots}/widget.png` })
    },
  },
  {
    name: "opens the Billing section from the sidebar and an invoice from its list",
    run: async ({ page, t, save }) => {
      await page.getByRole("link", { name: t.billing, exact: true }).first().click()
      const list = page.getByTestId("billing-invoices-page")
      await list.getByRole("heading", { name: t.invoices }).waitFor()
      await list.locator("table tbody tr").first().waitFor()
      await list.getByText(/INV-\d{4}-\d{6}/).first().waitFor()
      await save("4-billing-invoices")
      await openFirstRow(page, list.locator("table tbody tr"), /\/billing\/invoices\/inv_/)
      const detail = page.getByTestId("billing-invoice-page")
      await detail.getByText(t.bill).waitFor()
      await detail.getByText(/INV-\d{4}-\d{6}/).first().waitFor()
      await save("5-invoice-detail")
    },
  },
]

async function runScenarios({ base, chromium: executablePath, shots, lang }) {
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  })
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  // The dashboard's language is the i18next cookie "lng" (zhCN, not zh-CN).
  await context.addCookies([{ name: "lng", value: lang, url: base }])
  // Offline machine: refuse anything that is not this app (e.g. flag icons from a CDN) at once.
  await context.route((url) => !["localhost", "127.0.0.1"].includes(url.hostname), (route) => route.abort())
  const page = await context.newPage()
  page.setDefaultTimeout(Number(process.env.E2E_STEP_TIMEOUT || 60_000))
  page.__shots = shots
  const errors = []
  page.on("pageerror", (e) => errors.push(e.message))

  const t = TEXT[lang]
  const save = (name) => shot(page, `${shots}/${lang}-${name}.png`)
  const results = []
  let broken = false
  for (const scenario of SCENARIOS) {
    const started = Date.now()
    if (broken) {
      results.push({ name: scenario.name, ok: false, ms: 0, error: "skipped: an earlier step failed" })
      continue
    }
    try {
      await scenario.run({ page, base, t, save })
      if (errors.length) throw new Error(`uncaught error in the page: ${errors.join("; ")}`)
      results.push({ name: scenario.name, ok: true, ms: Date.now() - started })
    } catch (e) {
      broken = true
      await save(`failed-${scenario.name.replace(/\W+/g, "-")}`).catch(() => {})
      results.push({ name: scenario.name, ok: false, ms: Date.now() - started, error: e.message.split("\n")[0] })
    }
  }
  await browser.close()
  return results
}

module.exports = { runScenarios, SCENARIOS }

// Admin scenarios in a real browser. Each scenario is one test: it passes when every step
// finds what a merchant would see. Later issues add their scenarios to SCENARIOS.
const { chromium } = require("playwright-core")

const ADMIN = {
  email: process.env.DEMO_ADMIN_EMAIL || "admin@billing.demo",
  password: process.env.DEMO_ADMIN_PASSWORD || "supersecret",
}

// What the dashboard and our own i18n files say in each language.
const TEXT = {
  en: {
    login: "Continue with Email", orders: "Orders", billing: "Billing", widgetTitle: "Billing", invoices: "Invoices", bill: "Bill to",
    open: "Open", void: "Void", create: "Create invoice", download: "Download PDF", creditNote: "Credit note",
    issueCredit: "Issue credit note", settingsTitle: "Billing", save: "Save", saved: "Billing settings saved", activity: "Activity",
  },
  zhCN: {
    login: "使用邮箱继续", orders: "订单", billing: "账单", widgetTitle: "账单", invoices: "发票", bill: "购买方",
    open: "待付款", void: "作废", create: "开具发票", download: "下载 PDF", creditNote: "开具红字发票",
    issueCredit: "开具红字发票", settingsTitle: "账单", save: "保存", saved: "账单设置已保存", activity: "操作记录",
  },
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
      await detail.getByText(/(INV|CN)-\d{4}-\d{6}/).first().waitFor()
      await save("5-invoice-detail")
    },
  },
]

/** Opens a document's "…" menu and picks an action (a second click if the first one only closed another menu). */
async function chooseAction(page, row, name) {
  const item = page.getByRole("menuitem", { name })
  for (let attempt = 0; attempt < 3; attempt++) {
    await row.locator('[data-testid^="invoice-actions-"]').click()
    try {
      await item.waitFor({ timeout: 5_000 })
      return item.click()
    } catch {
      await page.keyboard.press("Escape")
    }
  }
  throw new Error(`the action "${name}" is not in the menu`)
}

/** The document rows of the order's Billing card that are still open. */
const openRows = (page, t) =>
  page.getByTestId("billing-order-widget").locator('[data-testid^="billing-document-"]').filter({ hasText: t.open })

async function openOrderOf(page, t, customerName) {
  await page.getByRole("link", { name: t.orders, exact: true }).first().click()
  await page.locator("table tbody tr").first().waitFor()
  const row = page.locator("table tbody tr").filter({ hasText: customerName }).first()
  for (let attempt = 0; attempt < 3; attempt++) {
    await row.locator("td").first().click()
    try {
      await page.waitForURL(/\/orders\/order_/, { timeout: 10_000 })
      break
    } catch {}
  }
  await page.getByTestId("billing-order-widget").waitFor()
}

// Scenarios that change data run in English only; they leave the demo store consistent
// (the order keeps exactly one open invoice) so that they can run again.
SCENARIOS.push(
  {
    name: "voids an invoice, creates a new one in one click, downloads its PDF and credits part of it",
    only: "en",
    run: async ({ page, t, save, shots }) => {
      await openOrderOf(page, t, "Erika Muster")
      const widget = page.getByTestId("billing-order-widget")
      const open = openRows(page, t).last()
      await open.waitFor()
      await chooseAction(page, open, t.void)
      const voidDrawer = page.getByTestId("void-drawer")
      await voidDrawer.locator("textarea").fill("Wrong billing address")
      await voidDrawer.getByRole("button", { name: t.void }).click()
      await page.getByText(/voided/).first().waitFor()

      await widget.getByRole("button", { name: t.create }).click()
      await page.getByText(/Invoice INV-\d{4}-\d{6} created/).first().waitFor()
      const fresh = openRows(page, t).last()
      await fresh.waitFor()
      await save("6-order-widget-new-invoice")

      const downloading = page.waitForEvent("download")
      await chooseAction(page, fresh, t.download)
      const download = await downloading
      const file = `${shots}/downloaded-invoice.pdf`
      await download.saveAs(file)
      if (!require("fs").readFileSync(file).subarray(0, 5).toString().startsWith("%PDF")) throw new Error("the download is not a PDF")
      // The menu stays open while the browser downloads; close it as a person would.
      await page.keyboard.press("Escape")

      await chooseAction(page, fresh, t.creditNote)
      const creditDrawer = page.getByTestId("credit-note-drawer")
      await creditDrawer.locator('input[name="reason"]').fill("Late delivery")
      await creditDrawer.locator('input[name="amount"]').fill("5")
      await save("7-credit-note-drawer")
      await creditDrawer.getByRole("button", { name: t.issueCredit }).click()
      await page.getByText(/Credit note CN-\d{4}-\d{6} issued/).first().waitFor()
      await widget.getByText(/Credit note CN-\d{4}-\d{6}/).first().waitFor()

      await fresh.locator("a").first().click()
      const detail = page.getByTestId("billing-invoice-page")
      await detail.getByTestId("invoice-credit-notes").waitFor()
      await detail.getByTestId("invoice-activity").getByText("Credited by a credit note").first().waitFor()
      await save("8-invoice-with-credit-note")
    },
  },
  {
    name: "edits Settings → Billing: previews the next number, refuses a format without {SEQ}, saves payment terms",
    run: async ({ page, base, t, save }) => {
      await page.goto(`${base}/app/settings/billing`)
      const settings = page.getByTestId("billing-settings-page")
      await settings.getByRole("heading", { name: t.settingsTitle }).first().waitFor()
      const format = settings.locator('input[name="format-invoice"]')
      const original = await format.inputValue()
      await format.fill("INV/{YY}/{SEQ:4}")
      await settings.getByTestId("preview-invoice").getByText(/INV\/\d{2}\/\d{4}/).waitFor()
      await format.fill("INV-{YYYY}")
      await settings.getByTestId("preview-invoice").getByText(/\{SEQ\}/).waitFor()
      if (!(await settings.getByRole("button", { name: t.save }).isDisabled())) throw new Error("Save should be disabled for a bad format")
      await save("9-settings-bad-format")
      await format.fill(original)
      const terms = settings.locator('input[name="payment_terms_days"]')
      const before = await terms.inputValue()
      await terms.fill("21")
      await settings.getByRole("button", { name: t.save }).click()
      await page.getByText(t.saved).first().waitFor()
      await page.reload()
      await settings.locator('input[name="payment_terms_days"]').waitFor()
      if ((await settings.locator('input[name="payment_terms_days"]').inputValue()) !== "21") throw new Error("payment terms were not saved")
      await save("10-settings")
      await settings.locator('input[name="payment_terms_days"]').fill(before)
      await settings.getByRole("button", { name: t.save }).click()
      await page.getByText(t.saved).first().waitFor()
    },
  }
)

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
  for (const scenario of SCENARIOS.filter((s) => !s.only || s.only === lang)) {
    const started = Date.now()
    if (broken) {
      results.push({ name: scenario.name, ok: false, ms: 0, error: "skipped: an earlier step failed" })
      continue
    }
    try {
      await scenario.run({ page, base, t, save, shots })
      if (errors.length) throw new Error(`uncaught error in the page: ${errors.join("; ")}`)
      results.push({ name: scenario.name, ok: true, ms: Date.now() - started })
    } catch (e) {
      broken = true
      await save(`failed-${scenario.name.replace(/\W+/g, "-")}`).catch(() => {})
      results.push({ name: scenario.name, ok: false, ms: Date.now() - started, error: e.message.split("\n").slice(0, 4).join(" | ") })
    }
  }
  await browser.close()
  return results
}

module.exports = { runScenarios, SCENARIOS }

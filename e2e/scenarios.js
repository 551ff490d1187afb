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
    recordPayment: "Record payment", statement: "Statement", cancel: "Cancel", close: "Close",
    payments: "Payments", paymentsTitle: "Payments", allocations: "Applied to invoices", unapply: "Unapply", refund: "Refund",
    accounts: "Collection accounts", addAccount: "Add account", archive: "Archive", archived: "Archived", active: "Active",
    cash: "Cash", bankTransfer: "Bank transfer", openPayment: "Open payment", downloadReceipt: "Download receipt",
    sendReceipt: "Send receipt", sentTo: "Sent to", allocate: "Allocate credit", unappliedFrom: /Unapplied from INV-/,
    stripe: "Stripe", stripeTitle: "Stripe connection", stripeEvents: "Events", fetchMissed: "Fetch missed events", stripeEmpty: /No Stripe events yet/, failedStatus: "Failed", retry: "Retry", ignoredStatus: "Ignored", all: "All",
    backfillResult: /Fetched \d+ events from Stripe|Missed events could not be fetched/,
    collect: "Collect with Stripe", linkReady: /Stripe payment link ready/, linkFailed: "The Stripe payment link could not be created", openLink: "Open link", linkCreated: "Stripe payment link created",
    payouts: "Payouts", payoutPaid: "Paid", payoutInTransit: "In transit", payoutFailed: "Failed", notFetched: "Not fetched yet",
    balanceTransactions: "Balance transactions", charge: "Charge", refund: "Refund", payout: "Payout",
    paid: "Paid", fraudulent: "Fraudulent", disputed: "Disputed", disputeWon: "Dispute won", disputes: "Disputes", stripeTransactions: "Stripe balance transactions",
    outcomeOpen: "Open", outcomeWon: "Won",
  },
  zhCN: {
    login: "使用邮箱继续", orders: "订单", billing: "账单", widgetTitle: "账单", invoices: "发票", bill: "购买方",
    open: "待付款", void: "作废", create: "开具发票", download: "下载 PDF", creditNote: "开具红字发票",
    issueCredit: "开具红字发票", settingsTitle: "账单", save: "保存", saved: "账单设置已保存", activity: "操作记录",
    recordPayment: "登记收款", statement: "对账单", cancel: "取消", close: "关闭",
    payments: "收款", paymentsTitle: "收款", allocations: "核销的发票", unapply: "取消核销", refund: "退款",
    accounts: "收款账户", addAccount: "添加账户", archive: "归档", archived: "已归档", active: "启用",
    cash: "现金", bankTransfer: "银行转账", openPayment: "查看收款", downloadReceipt: "下载收据",
    sendReceipt: "发送收据", sentTo: "已发送至", allocate: "核销余额", unappliedFrom: /已取消对 INV-\S+ 的核销/,
    stripe: "Stripe", stripeTitle: "Stripe 连接", stripeEvents: "事件", fetchMissed: "补拉遗漏事件", stripeEmpty: /暂无 Stripe 事件/, failedStatus: "失败", retry: "重试", ignoredStatus: "已忽略", all: "全部",
    backfillResult: /已从 Stripe 获取 \d+ 个事件|无法补拉遗漏事件/,
    collect: "通过 Stripe 收款", linkReady: /Stripe 付款链接已生成/, linkFailed: "无法生成 Stripe 付款链接", openLink: "打开链接", linkCreated: "已生成 Stripe 付款链接",
    payouts: "提现", payoutPaid: "已到账", payoutInTransit: "在途", payoutFailed: "失败", notFetched: "尚未获取",
    balanceTransactions: "余额交易", charge: "扣款", refund: "退款", payout: "提现",
    paid: "已付款", fraudulent: "欺诈", disputed: "争议中", disputeWon: "争议胜诉", disputes: "争议（拒付）", stripeTransactions: "Stripe 余额交易",
    outcomeOpen: "处理中", outcomeWon: "胜诉",
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
      // The first visit makes `medusa develop` compile the admin (every module of it, ours
      // included): minutes on a busy 2-core machine. Later visits are served from its cache.
      await page.goto(`${base}/app`, { timeout: Number(process.env.E2E_FIRST_LOAD_TIMEOUT || 600_000) })
      await page.locator('input[name="email"]').fill(ADMIN.email, { timeout: 120_000 })
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

// Scenarios that change data leave the demo store consistent (the order keeps exactly one open
// invoice) so that they can run again; "only" limits one to a language.
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

/** Opens a customer from the Customers list and waits for their Billing card. */
async function openCustomer(page, base, email) {
  await page.goto(`${base}/app/customers`)
  const row = page.locator("table tbody tr").filter({ hasText: email }).first()
  await row.waitFor()
  for (let attempt = 0; attempt < 3; attempt++) {
    await row.locator("td").first().click()
    try {
      await page.waitForURL(/\/customers\/cus_/, { timeout: 10_000 })
      break
    } catch {}
  }
  const widget = page.getByTestId("billing-customer-widget")
  await widget.waitFor()
  return widget
}

/** Reads the admin API with the browser's own session, as the dashboard does. */
async function adminGet(page, base, path) {
  const res = await page.request.get(`${base}${path}`)
  if (!res.ok()) throw new Error(`GET ${path} answered ${res.status()}: ${await res.text()}`)
  return res.json()
}

/** Picks an option of a Medusa UI select. */
async function choose(page, trigger, option) {
  await trigger.click()
  await page.getByRole("option", { name: option, exact: true }).click()
}

const DEMO_CUSTOMER = "erika.muster@example.com"
// What the recording scenario left for the next one (scenarios run in order in one browser).
const recorded = { paymentId: null, invoiceId: null, reference: null }

SCENARIOS.push(
  {
    name: "shows a customer's Billing card, the checkout drawer with their open invoice, and their statement",
    run: async ({ page, base, t, save, shots }) => {
      const widget = await openCustomer(page, base, DEMO_CUSTOMER)
      await widget.getByTestId("customer-balance-eur").waitFor()
      await widget.getByTestId("customer-recent-invoices").getByText(/INV-\d{4}-\d{6}/).first().waitFor()
      await widget.scrollIntoViewIfNeeded()
      await save("11-customer-billing")

      await widget.getByRole("button", { name: t.recordPayment }).click()
      const drawer = page.getByTestId("record-payment-drawer")
      await drawer.locator('[data-testid^="allocation-invoice-INV-"]').first().waitFor()
      await save("12-record-payment-drawer")
      await drawer.getByRole("button", { name: t.cancel }).click()
      await drawer.waitFor({ state: "detached" })

      await widget.getByRole("button", { name: t.statement }).click()
      const statement = page.getByTestId("statement-drawer")
      await statement.getByTestId("statement-closing").waitFor()
      await save("13-statement-drawer")
      const downloading = page.waitForEvent("download")
      await statement.getByRole("button", { name: /PDF/ }).click()
      const file = `${shots}/downloaded-statement.pdf`
      await (await downloading).saveAs(file)
      if (!require("fs").readFileSync(file).subarray(0, 5).toString().startsWith("%PDF")) throw new Error("the statement is not a PDF")
      await statement.getByRole("button", { name: t.close }).click()
      await statement.waitFor({ state: "detached" })
    },
  },
  {
    name: "records a payment from the customer's page with automatic allocation: a receipt number, and the invoice is paid in part",
    run: async ({ page, base, t, save }) => {
      const widget = await openCustomer(page, base, DEMO_CUSTOMER)
      const customerId = page.url().match(/cus_\w+/)[0]
      await widget.getByRole("button", { name: t.recordPayment }).click()
      const drawer = page.getByTestId("record-payment-drawer")
      await drawer.locator('[data-testid^="allocation-invoice-INV-"]').first().waitFor()
      recorded.reference = `E2E-${Date.now()}`
      await drawer.locator('input[name="amount"]').fill("20")
      await choose(page, drawer.getByTestId("payment-method"), t.bankTransfer)
      await drawer.locator('input[name="reference"]').fill(recorded.reference)
      await save("14-record-payment-filled")
      await drawer.getByTestId("record-payment-submit").click()
      await drawer.getByTestId("receipt-number").filter({ hasText: /RCT-\d{4}-\d{6}/ }).waitFor()
      await save("15-payment-recorded")

      // What the merchant's books now say, read from the admin API.
      const { payments } = await adminGet(page, base, `/admin/billing/payments?customer_id=${customerId}&q=${recorded.reference}`)
      if (payments.length !== 1) throw new Error(`expected the recorded payment, found ${payments.length}`)
      const { payment } = await adminGet(page, base, `/admin/billing/payments/${payments[0].id}`)
      const allocation = payment.allocations[0]
      if (!allocation || Number(allocation.amount) !== 20) throw new Error(`the payment was not applied to an invoice: ${JSON.stringify(payment)}`)
      const { invoice } = await adminGet(page, base, `/admin/invoices/${allocation.invoice_id}`)
      if (!["paid", "partially_paid"].includes(invoice.status)) throw new Error(`invoice ${invoice.number} is ${invoice.status}`)
      Object.assign(recorded, { paymentId: payment.id, invoiceId: invoice.id })

      await drawer.getByRole("link", { name: t.openPayment }).click()
      await page.waitForURL(/\/billing\/payments\/bpay_/)
    },
  },
  {
    name: "downloads and sends the receipt, unapplies the payment, allocates the credit again, unapplies it and refunds it; the invoice is open again",
    run: async ({ page, base, t, save, shots }) => {
      if (!recorded.paymentId) throw new Error("no payment was recorded")
      await page.goto(`${base}/app/billing/payments/${recorded.paymentId}`)
      const detail = page.getByTestId("billing-payment-page")
      const allocations = detail.getByTestId("payment-allocations")
      await allocations.getByText(/INV-\d{4}-\d{6}/).waitFor()
      await save("16-payment-detail-applied")

      const downloading = page.waitForEvent("download")
      await detail.getByRole("button", { name: t.downloadReceipt }).click()
      const file = `${shots}/downloaded-receipt.pdf`
      await (await downloading).saveAs(file)
      if (!require("fs").readFileSync(file).subarray(0, 5).toString().startsWith("%PDF")) throw new Error("the receipt is not a PDF")
      await detail.getByRole("button", { name: t.sendReceipt }).click()
      await page.getByText(`${t.sentTo} ${DEMO_CUSTOMER}`).first().waitFor()
      await allocations.getByRole("button", { name: t.unapply }).first().click()
      await page.getByRole("alertdialog").getByRole("button", { name: t.unapply }).click()
      await page.getByText(t.unappliedFrom).first().waitFor()
      await detail.getByTestId("payment-unapplied").getByText("€20.00").waitFor()

      // The credit can be applied again (oldest due first), and taken back once more.
      await detail.getByRole("button", { name: t.allocate }).click()
      const allocate = page.getByTestId("allocate-credit-drawer")
      await allocate.locator('[data-testid^="allocation-invoice-INV-"]').first().waitFor()
      await save("17-allocate-credit-drawer")
      await allocate.getByRole("button", { name: t.allocate }).click()
      await detail.getByTestId("payment-unapplied").getByText("€0.00").waitFor()
      await allocations.getByRole("button", { name: t.unapply }).first().click()
      await page.getByRole("alertdialog").getByRole("button", { name: t.unapply }).click()
      await detail.getByTestId("payment-unapplied").getByText("€20.00").waitFor()

      await detail.getByRole("button", { name: t.refund }).click()
      const drawer = page.getByTestId("refund-drawer")
      if ((await drawer.locator('input[name="amount"]').inputValue()) !== "20") throw new Error("the refund should offer the unapplied credit")
      await drawer.locator('textarea[name="reason"]').fill("Paid twice by mistake")
      await save("18-refund-drawer")
      await drawer.getByRole("button", { name: t.refund }).click()
      await detail.getByTestId("payment-refunds").getByText("Paid twice by mistake").waitFor()
      await detail.getByTestId("payment-refunded").getByText("€20.00").waitFor()
      await save("19-payment-detail-refunded")

      const { invoice } = await adminGet(page, base, `/admin/invoices/${recorded.invoiceId}`)
      if (invoice.status !== "open") throw new Error(`invoice ${invoice.number} should be open again, is ${invoice.status}`)
    },
  },
  {
    name: "opens Billing → Payments from the sidebar and a payment from its list",
    run: async ({ page, t, save }) => {
      await page.getByRole("link", { name: t.billing, exact: true }).first().click()
      await page.getByTestId("billing-invoices-page").waitFor()
      await page.getByRole("link", { name: t.payments, exact: true }).first().click()
      const list = page.getByTestId("billing-payments-page")
      await list.getByRole("heading", { name: t.paymentsTitle }).waitFor()
      await list.locator("table tbody tr").first().waitFor()
      await list.getByText(/RCT-\d{4}-\d{6}/).first().waitFor()
      await save("20-payments")
      await openFirstRow(page, list.locator("table tbody tr"), /\/billing\/payments\/bpay_/)
      const detail = page.getByTestId("billing-payment-page")
      await detail.getByTestId("payment-amounts").waitFor()
      await detail.getByTestId("payment-allocations").waitFor()
      await save("21-payment-detail")
    },
  },
  {
    name: "turns a payment method off and on in Settings → Billing, adds a collection account and archives it",
    run: async ({ page, base, t, save }) => {
      await page.goto(`${base}/app/settings/billing`)
      const settings = page.getByTestId("billing-settings-page")
      const cheque = settings.locator("#method-cheque")
      const saveSettings = async () => {
        await settings.getByRole("button", { name: t.save }).click()
        await page.getByText(t.saved).first().waitFor()
        await page.getByText(t.saved).first().waitFor({ state: "detached" })
      }
      await cheque.click()
      await saveSettings()
      await page.reload()
      await cheque.waitFor()
      if ((await cheque.getAttribute("data-state")) !== "unchecked") throw new Error("the cheque method was not turned off")
      await cheque.click()
      await saveSettings()

      const section = page.getByTestId("settings-collection-accounts")
      await section.getByRole("heading", { name: t.accounts }).waitFor()
      await section.getByRole("button", { name: t.addAccount }).click()
      const drawer = page.getByTestId("collection-account-drawer")
      const name = `Front desk ${new Date().toISOString().slice(0, 19).replace("T", " ")}`
      await drawer.locator('input[name="name"]').fill(name)
      await choose(page, drawer.getByTestId("account-type"), t.cash)
      await drawer.locator('input[name="currency_code"]').fill("eur")
      await drawer.locator('input[name="detail-location"]').fill("Berlin shop")
      await save("22-collection-account-drawer")
      await drawer.getByTestId("collection-account-save").click()
      const row = section.getByTestId(`collection-account-${name}`)
      await row.getByText("EUR").waitFor()
      await row.getByText(t.active).waitFor()
      await save("23-collection-accounts")
      await row.getByRole("button", { name: t.archive }).click()
      await row.getByText(t.archived, { exact: true }).waitFor()
    },
  }
)

/**
 * Posts a Stripe event to the webhook signed as Stripe does (`t=…,v1=HMAC-SHA256(secret, "t.body")`),
 * with the first secret in BILLING_STRIPE_WEBHOOK_SECRETS of this process (the app started by
 * test-e2e.js inherits it).
 */
async function postSignedStripeEvent(page, base, event) {
  const secret = process.env.BILLING_STRIPE_WEBHOOK_SECRETS.split(",")[0].trim()
  const body = JSON.stringify(event)
  const timestamp = Math.floor(Date.now() / 1000)
  const signature = require("crypto").createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")
  const res = await page.request.post(`${base}/hooks/billing/stripe`, {
    headers: { "content-type": "application/json", "stripe-signature": `t=${timestamp},v1=${signature}` },
    data: body,
  })
  if (!res.ok()) throw new Error(`the webhook refused the signed event: ${res.status()} ${await res.text()}`)
}

SCENARIOS.push({
  name: "opens Billing → Stripe: the webhook URL to paste into Stripe, the events list and the missed-events drawer",
  run: async ({ page, base, t, save }) => {
    await page.goto(`${base}/app/billing`)
    await page.getByTestId("billing-invoices-page").waitFor()
    await page.getByRole("link", { name: t.stripe, exact: true }).first().click()
    const stripePage = page.getByTestId("billing-stripe-page")
    await stripePage.getByRole("heading", { name: t.stripeTitle }).waitFor()
    await stripePage.getByTestId("stripe-webhook-url").getByText(`${base}/hooks/billing/stripe`, { exact: true }).waitFor()
    const { stripe } = await adminGet(page, base, "/admin/billing/stripe")
    if (!stripe.webhook_secrets.length) {
      // An app at E2E_BASE_URL may run without Stripe secrets (the one test-e2e.js starts has them).
      await stripePage.getByTestId("stripe-not-configured").waitFor()
    } else if (process.env.BILLING_STRIPE_WEBHOOK_SECRETS) {
      // Two signed events: one billing does not act on (ignored), and a payment naming an invoice
      // that does not exist (failed, with its error; retried from the list).
      const stamp = Date.now()
      const event = (id, type, object) => ({
        id, object: "event", type, api_version: "2024-06-20", created: Math.floor(stamp / 1000), livemode: false,
        ...(process.env.BILLING_STRIPE_ACCOUNT_ID ? { account: process.env.BILLING_STRIPE_ACCOUNT_ID } : {}),
        data: { object },
      })
      const ignored = `evt_e2e_ignored_${stamp}`
      const failed = `evt_e2e_failed_${stamp}`
      await postSignedStripeEvent(page, base, event(ignored, "charge.refunded", { id: `ch_e2e_${stamp}`, object: "charge", amount: 1000, currency: "eur" }))
      await postSignedStripeEvent(page, base, event(failed, "payment_intent.succeeded", {
        id: `pi_e2e_${stamp}`, object: "payment_intent", amount: 1000, amount_received: 1000, currency: "eur",
        latest_charge: `ch_e2e_paid_${stamp}`, metadata: { invoice_id: "inv_does_not_exist" },
      }))
      // Events are applied asynchronously: reload until the failure is recorded.
      const failedRow = stripePage.getByTestId("stripe-events").locator("tbody tr").filter({ hasText: failed })
      for (let attempt = 0; attempt < 10; attempt++) {
        await page.reload()
        await stripePage.getByTestId("stripe-events").locator("tbody tr").first().waitFor()
        if (await failedRow.getByTestId("stripe-event-status-failed").isVisible()) break
        await page.waitForTimeout(1000)
      }
      await stripePage.getByTestId("stripe-events").locator("tbody tr").filter({ hasText: ignored }).getByTestId("stripe-event-status-ignored").waitFor()
      await failedRow.getByText(/inv_does_not_exist/).waitFor()
      await failedRow.getByTestId(`stripe-retry-${failed}`).click()
      await page.getByText(new RegExp(`${failed}.*(${t.failedStatus})`)).first().waitFor()
      await failedRow.getByRole("button", { name: t.retry }).and(page.locator(":enabled")).waitFor()
      // The filters ask the API: only ignored events, then only one type.
      const rows = stripePage.getByTestId("stripe-events").locator("tbody tr")
      await choose(page, stripePage.getByTestId("filter-stripe-status"), t.ignoredStatus)
      await failedRow.waitFor({ state: "detached" })
      await rows.filter({ hasText: ignored }).waitFor()
      await choose(page, stripePage.getByTestId("filter-stripe-status"), t.all)
      await stripePage.locator('input[name="type"]').fill("payment_intent.succeeded")
      await failedRow.waitFor()
      await rows.filter({ hasText: ignored }).waitFor({ state: "detached" })
      await stripePage.locator('input[name="type"]').fill("")
      await rows.filter({ hasText: ignored }).waitFor()
    }
    const events = stripePage.getByTestId("stripe-events")
    await events.getByRole("heading", { name: t.stripeEvents }).waitFor()
    await events.locator("tbody tr").first().or(events.getByText(t.stripeEmpty)).waitFor()
    // Clicking Retry may have scrolled the table sideways: show it from its first column.
    await events.evaluate((el) => el.querySelectorAll("*").forEach((e) => (e.scrollLeft = 0)))
    await save("24-stripe")

    await events.getByRole("button", { name: t.fetchMissed }).click()
    const drawer = page.getByTestId("stripe-backfill-drawer")
    await drawer.locator('input[name="since"]').fill(new Date(Date.now() - 3 * 86400_000).toISOString().slice(0, 10))
    await save("25-stripe-backfill-drawer")
    // Without an API key (or before the endpoint exists) the answer is an error toast; either way the admin is told.
    await drawer.getByTestId("stripe-backfill-submit").click()
    await page.getByText(t.backfillResult).first().waitFor()
    await page.waitForTimeout(700) // the toast slides in
    await save("26-stripe-backfill-result")
    if (await drawer.isVisible()) {
      await drawer.getByRole("button", { name: t.cancel }).click()
      await drawer.waitFor({ state: "detached" })
    }
  },
})

/** Writes through the admin API with the browser's own session, as the dashboard does. */
async function adminPost(page, base, path, body) {
  const res = await page.request.post(`${base}${path}`, { data: body })
  if (!res.ok()) throw new Error(`POST ${path} answered ${res.status()}: ${await res.text()}`)
  return res.json()
}

const NO_FAKE_STRIPE =
  "the app at E2E_BASE_URL was not started by test-e2e.js, so it does not talk to the fake Stripe API"

/**
 * An open invoice without a payment link yet. When every open invoice has one (an earlier run
 * opened it), the demo order's invoice is replaced by a fresh one, as a merchant would after a
 * correction, so the order still has exactly one open invoice.
 */
async function invoiceToCollect(page, base) {
  const { invoices } = await adminGet(page, base, "/admin/invoices?type=invoice&status[]=open&status[]=partially_paid&limit=100")
  for (const invoice of invoices) {
    const { payment_link } = await adminGet(page, base, `/admin/invoices/${invoice.id}/payment-link`)
    if (!payment_link) return invoice
  }
  const replaceable = invoices.find((i) => i.email === DEMO_CUSTOMER && i.order_id && Number(i.amount_paid) === 0)
  if (!replaceable) throw new Error("no open invoice without a payment link, and none of the demo customer's to replace")
  await adminPost(page, base, `/admin/invoices/${replaceable.id}/void`, { reason: "Replaced to collect it with Stripe again (e2e)" })
  const { invoice } = await adminPost(page, base, "/admin/invoices", { order_id: replaceable.order_id })
  return invoice
}

/** An amount as the admin shows it in this language (the same Intl formatting as the dashboard). */
const shownMoney = (lang, amount, currency) =>
  new Intl.NumberFormat(lang === "zhCN" ? "zh-CN" : "en-US", { style: "currency", currency: currency.toUpperCase() }).format(String(amount))

SCENARIOS.push(
  {
    name: "collects an open invoice with Stripe: the payment link with its amount, copy and open buttons, and its QR code",
    run: async ({ page, base, t, save, lang, fakeStripe }) => {
      // Against an app of its own, no Stripe at all: without an API key the admin is told which setting is missing.
      const { stripe } = await adminGet(page, base, "/admin/billing/stripe")
      if (!fakeStripe && stripe.api_key) return { skipped: NO_FAKE_STRIPE }
      const invoice = await invoiceToCollect(page, base)
      await page.goto(`${base}/app/billing/invoices/${invoice.id}`)
      const detail = page.getByTestId("billing-invoice-page")
      await detail.getByText(invoice.number).first().waitFor()
      await detail.getByRole("button", { name: t.collect }).waitFor()
      await detail.getByTestId("invoice-header").screenshot({ path: `${page.__shots}/${lang}-invoice-collect-button.png` })
      await detail.getByRole("button", { name: t.collect }).click()
      if (!fakeStripe) {
        await page.getByText(t.linkFailed).first().waitFor()
        await page.getByText(/BILLING_STRIPE_API_KEY/).first().waitFor()
        await page.waitForTimeout(700) // the toast slides in
        await save("27-invoice-stripe-not-configured")
        return
      }
      await page.getByText(t.linkReady).first().waitFor()

      // The link the admin sees is the Checkout Session Stripe (the fake) created for this invoice and amount.
      const session = fakeStripe.state.checkoutSessions.filter((s) => s.metadata?.invoice_id === invoice.id).pop()
      if (!session) throw new Error(`no Checkout Session was created for ${invoice.number}`)
      const card = detail.getByTestId("invoice-payment-link")
      await card.getByTestId("payment-link-url").getByText(session.url, { exact: true }).waitFor()
      const { payment_link: link } = await adminGet(page, base, `/admin/invoices/${invoice.id}/payment-link`)
      if (String(link.amount_due) !== String(invoice.amount_due)) throw new Error(`the link is for ${link.amount_due}, the invoice owes ${invoice.amount_due}`)
      await card.getByTestId("payment-link-amount").getByText(shownMoney(lang, link.amount, link.currency_code), { exact: true }).waitFor()
      if ((await card.getByRole("link", { name: t.openLink }).getAttribute("href")) !== session.url) throw new Error("Open link does not open the payment link")
      await card.getByTestId("payment-link-copy").click()
      const qr = card.getByTestId("payment-link-qr")
      await qr.waitFor()
      if (!(await qr.evaluate((img) => img.complete && img.naturalWidth > 0))) throw new Error("the QR code image did not load")
      await page.mouse.move(0, 0) // no tooltip of the copy button in the picture
      await page.waitForTimeout(700) // the toast slides in
      await save("27-invoice-stripe-payment-link")
      await card.screenshot({ path: `${page.__shots}/${lang}-payment-link-card.png` })

      // Once open, the link is shown again (not a second one) and the button is gone; the activity log names it.
      await page.reload()
      await card.getByTestId("payment-link-qr").waitFor()
      if (await detail.getByRole("button", { name: t.collect }).count()) throw new Error("Collect with Stripe is offered again while a link is open")
      await detail.getByTestId("invoice-activity").getByText(t.linkCreated).first().waitFor()
      if (fakeStripe.state.checkoutSessions.filter((s) => s.metadata?.invoice_id === invoice.id).length !== 1) throw new Error("a second Checkout Session was created")
    },
  },
  {
    name: "lists Stripe payouts (paid, in transit, failed) and opens a paid payout with its balance transactions",
    run: async ({ page, base, t, save, lang, fakeStripe }) => {
      if (!fakeStripe) return { skipped: NO_FAKE_STRIPE }
      // Stripe's side: a paid payout of two charges (one converted from USD) less a refund, seeded in
      // the fake; billing fetches its balance transactions when the signed payout.paid arrives.
      const stamp = `${lang}_${Date.now()}`
      const now = Math.floor(Date.now() / 1000)
      const po = `po_e2e_${stamp}`
      const txn = (id, type, source, amount, fee, extra = {}) => ({
        id: `txn_e2e_${id}_${stamp}`, object: "balance_transaction", type, source, amount, fee, net: amount - fee, currency: "eur",
        exchange_rate: null, status: "available", available_on: now, created: now - 3 * 86400, payout: po, ...extra,
      })
      const charge = { id: `ch_e2e_${stamp}`, object: "charge", amount: 10000, currency: "eur", payment_intent: `pi_e2e_${stamp}` }
      const usdCharge = { id: `ch_e2e_usd_${stamp}`, object: "charge", amount: 5000, currency: "usd", payment_intent: `pi_e2e_usd_${stamp}` }
      const refund = { id: `re_e2e_${stamp}`, object: "refund", amount: 2000, currency: "eur", charge: charge.id }
      fakeStripe.state.charges.push(charge, usdCharge)
      fakeStripe.state.refunds.push(refund)
      const carried = [
        txn("charge", "charge", charge.id, 10000, 320),
        txn("usd", "charge", usdCharge.id, 4600, 163, { exchange_rate: 0.92 }),
        txn("refund", "refund", refund.id, -2000, 0),
      ]
      const total = carried.reduce((sum, x) => sum + x.net, 0)
      carried.push(txn("payout", "payout", po, -total, 0, { created: now - 86400 }))
      fakeStripe.state.balanceTransactions.push(...carried)
      const payout = (id, status, amount, extra = {}) => ({
        id, object: "payout", amount, currency: "eur", status, arrival_date: now, created: now - 86400, automatic: true,
        failure_code: null, failure_message: null, ...extra,
      })
      const paid = payout(po, "paid", total)
      fakeStripe.state.payouts.push(paid)
      const event = (type, object) => ({
        id: `evt_e2e_${object.id}`, object: "event", type, api_version: "2024-06-20", created: now, livemode: false,
        ...(process.env.BILLING_STRIPE_ACCOUNT_ID ? { account: process.env.BILLING_STRIPE_ACCOUNT_ID } : {}),
        data: { object },
      })
      await postSignedStripeEvent(page, base, event("payout.updated", payout(`po_e2e_transit_${stamp}`, "in_transit", 4500)))
      await postSignedStripeEvent(page, base, event("payout.failed", payout(`po_e2e_failed_${stamp}`, "failed", 2500, {
        failure_code: "account_closed", failure_message: "The bank account has been closed.",
      })))
      await postSignedStripeEvent(page, base, event("payout.paid", paid))

      // Events are applied asynchronously: wait until billing has the payout's transactions.
      let stored = null
      for (let attempt = 0; attempt < 30 && !stored?.transactions_fetched_at; attempt++) {
        if (attempt) await page.waitForTimeout(1000)
        stored = await page.request.get(`${base}/admin/billing/stripe/payouts/${po}`).then((r) => (r.ok() ? r.json() : null)).then((b) => b?.payout ?? null)
      }
      if (!stored?.transactions_fetched_at) throw new Error(`billing did not fetch the balance transactions of ${po}: ${JSON.stringify(stored)}`)
      if (stored.balance_transactions.length !== carried.length) throw new Error(`expected ${carried.length} balance transactions, billing stored ${stored.balance_transactions.length}`)

      await page.goto(`${base}/app/billing`)
      await page.getByTestId("billing-invoices-page").waitFor()
      await page.getByRole("link", { name: t.stripe, exact: true }).first().click()
      const section = page.getByTestId("stripe-payouts")
      await section.getByRole("heading", { name: t.payouts }).waitFor()
      const row = section.locator("tbody tr").filter({ hasText: po })
      await row.getByText(t.payoutPaid, { exact: true }).waitFor()
      await row.getByText(shownMoney(lang, "121.17", "eur"), { exact: true }).waitFor()
      await row.getByText(String(carried.length), { exact: true }).waitFor()
      await section.locator("tbody tr").filter({ hasText: `po_e2e_transit_${stamp}` }).getByText(t.notFetched).waitFor()
      await section.locator("tbody tr").filter({ hasText: `po_e2e_failed_${stamp}` }).getByText("The bank account has been closed.").waitFor()
      await section.scrollIntoViewIfNeeded()
      await save("28-stripe-payouts")
      await section.screenshot({ path: `${page.__shots}/${lang}-payouts-section.png` })

      await row.locator("td").first().click()
      await page.waitForURL(new RegExp(`/billing/stripe/payouts/bspo_`))
      const detail = page.getByTestId("billing-payout-page")
      const transactions = detail.getByTestId("payout-transactions")
      await transactions.getByRole("heading", { name: t.balanceTransactions }).waitFor()
      const line = (id) => transactions.getByTestId(`payout-transaction-txn_e2e_${id}_${stamp}`)
      await line("charge").getByText(t.charge, { exact: true }).waitFor()
      await line("charge").getByText(shownMoney(lang, "100.00", "eur"), { exact: true }).waitFor()
      await line("charge").getByText(shownMoney(lang, "3.20", "eur"), { exact: true }).waitFor()
      await line("charge").getByText(shownMoney(lang, "96.80", "eur"), { exact: true }).waitFor()
      await line("usd").getByText("0.92", { exact: true }).waitFor()
      await line("refund").getByText(t.refund, { exact: true }).waitFor()
      await line("refund").getByText(charge.id).waitFor()
      await line("payout").getByText(shownMoney(lang, "-121.17", "eur"), { exact: true }).first().waitFor()
      await save("29-stripe-payout-detail")
    },
  }
)

/** Deletes through the admin API with the browser's own session, as the dashboard does. */
async function adminDelete(page, base, path) {
  const res = await page.request.delete(`${base}${path}`)
  if (!res.ok()) throw new Error(`DELETE ${path} answered ${res.status()}: ${await res.text()}`)
  return res.json()
}

/** Reloads the page until the locator shows (signed events are applied asynchronously). */
async function reloadUntilVisible(page, locator, what, attempts = 20) {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt) {
      await page.waitForTimeout(1000)
      await page.reload()
    }
    try {
      await locator.waitFor({ timeout: 5_000 })
      return
    } catch {}
  }
  throw new Error(`${what} did not show after ${attempts} reloads`)
}

/** Asks the admin API until an answer satisfies the check (events are applied asynchronously). */
async function pollAdmin(page, base, path, check, what, attempts = 30) {
  let last = null
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt) await page.waitForTimeout(1000)
    last = await adminGet(page, base, path)
    if (check(last)) return last
  }
  throw new Error(`${what}: ${JSON.stringify(last).slice(0, 500)}`)
}

/**
 * An open invoice of an order with a customer and nothing paid on it yet. When the only ones left
 * carry an earlier dispute's badge, the order's invoice is replaced by a fresh one (voided and
 * created again), so the order still has exactly one open invoice.
 */
async function invoiceToDispute(page, base) {
  const { invoices } = await adminGet(page, base, "/admin/invoices?type=invoice&status[]=open&limit=100")
  // The demo customer's order (the canceled order's invoice waits for its credit note).
  const candidates = invoices.filter(
    (i) => i.email === DEMO_CUSTOMER && i.customer_id && i.order_id && Number(i.amount_paid) === 0 && Number(i.amount_due) > 0
  )
  const clean = candidates.find((i) => !i.dispute_status)
  if (clean) return clean
  if (!candidates.length) throw new Error(`no open invoice of ${DEMO_CUSTOMER}'s order with nothing paid on it`)
  return replaceInvoice(page, base, candidates[0], "Replaced after a dispute test (e2e)")
}

async function replaceInvoice(page, base, old, reason) {
  await adminPost(page, base, `/admin/invoices/${old.id}/void`, { reason })
  const { invoice: created } = await adminPost(page, base, "/admin/invoices", { order_id: old.order_id })
  const { invoice } = await adminGet(page, base, `/admin/invoices/${created.id}`)
  return invoice
}

SCENARIOS.push({
  name: "shows a Stripe dispute (chargeback): the invoice reopened with a Disputed badge everywhere, the payment's disputes and Stripe transactions, and Dispute won once reinstated",
  run: async ({ page, base, t, save, lang }) => {
    const { stripe } = await adminGet(page, base, "/admin/billing/stripe")
    if (!stripe.webhook_secrets?.length) return { skipped: "the app has no Stripe webhook secret (BILLING_STRIPE_WEBHOOK_SECRETS): it takes no signed events" }
    if (!process.env.BILLING_STRIPE_WEBHOOK_SECRETS) return { skipped: "this process has no BILLING_STRIPE_WEBHOOK_SECRETS to sign events with" }

    const invoice = await invoiceToDispute(page, base)
    const stamp = `${lang}_${Date.now()}`
    let failed = true
    try {
      await disputeScenario({ page, base, t, save, lang, invoice, stamp })
      failed = false
    } finally {
      // Even after a failed step: the Stripe payment given back, and the order with one open invoice again.
      const restoring = giveBackDisputeTest(page, base, invoice, `pi_e2e_${stamp}`)
      await (failed ? restoring.catch(() => {}) : restoring)
    }
  },
})

/** Undoes what the dispute scenario did to the demo store (a merchant would not; the next scenarios need it). */
async function giveBackDisputeTest(page, base, invoice, pi) {
  await givePaymentsBack(page, base, pi, "Dispute test payment given back (e2e)")
  await replaceUnlessVoid(page, base, invoice.id, "Replaced after a dispute test (e2e)")
}

/** Voids an invoice a scenario changed (nothing paid on it any more) and issues its order's invoice again. */
async function replaceUnlessVoid(page, base, invoiceId, reason) {
  const { invoice } = await adminGet(page, base, `/admin/invoices/${invoiceId}`)
  if (invoice.status !== "void") await replaceInvoice(page, base, invoice, reason)
}

/** Gives back what a scenario's payments (found by `query`) paid: unapplied, then refunded, so their invoices are open again for the next run. */
async function givePaymentsBack(page, base, query, reason) {
  const { payments } = await adminGet(page, base, `/admin/billing/payments?q=${encodeURIComponent(query)}`)
  for (const { id } of payments) {
    const { payment } = await adminGet(page, base, `/admin/billing/payments/${id}`)
    for (const allocation of payment.allocations.filter((a) => !a.unapplied_at && Number(a.amount) > 0)) {
      await adminDelete(page, base, `/admin/billing/payments/${id}/allocations/${allocation.id}`)
    }
    const { payment: unapplied } = await adminGet(page, base, `/admin/billing/payments/${id}`)
    if (Number(unapplied.amount_unapplied) > 0) {
      await adminPost(page, base, `/admin/billing/payments/${id}/refunds`, { amount: unapplied.amount_unapplied, reason })
    }
  }
}

async function disputeScenario({ page, base, t, save, lang, invoice, stamp }) {
  const currency = invoice.currency_code.toLowerCase()
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits
  const cents = Math.round(Number(invoice.amount_due) * 10 ** digits)
  const major = (minor) => (minor / 10 ** digits).toFixed(digits)
  const money = (minor) => shownMoney(lang, major(minor), currency)
  const now = Math.floor(Date.now() / 1000)
  const pi = `pi_e2e_${stamp}`
  const ch = `ch_e2e_${stamp}`
  const dp = `dp_e2e_${stamp}`
  const event = (type, object, suffix = type) => ({
    id: `evt_e2e_${suffix.replace(/\W+/g, "_")}_${stamp}`, object: "event", type, api_version: "2024-06-20", created: now, livemode: false,
    ...(process.env.BILLING_STRIPE_ACCOUNT_ID ? { account: process.env.BILLING_STRIPE_ACCOUNT_ID } : {}),
    data: { object },
  })

  // The customer pays the invoice through Stripe: billing records the payment and applies it.
  await postSignedStripeEvent(page, base, event("payment_intent.succeeded", {
    id: pi, object: "payment_intent", amount: cents, amount_received: cents, currency, status: "succeeded",
    latest_charge: ch, created: now, metadata: { invoice_id: invoice.id },
  }))
  await pollAdmin(page, base, `/admin/invoices/${invoice.id}`, (r) => r.invoice.status === "paid", `${invoice.number} was not paid by ${pi}`)
  const { payments } = await adminGet(page, base, `/admin/billing/payments?q=${pi}`)
  if (payments.length !== 1) throw new Error(`expected the Stripe payment ${pi}, found ${payments.length}`)
  const paymentId = payments[0].id

  // The cardholder disputes the charge: Stripe withdraws the amount and a dispute fee.
  const withdrawal = {
    id: `txn_dw_${stamp}`, object: "balance_transaction", type: "adjustment", reporting_category: "dispute", source: dp,
    amount: -cents, fee: 1500, net: -cents - 1500, currency, status: "available", created: now,
  }
  const dispute = (status, transactions) => ({
    id: dp, object: "dispute", amount: cents, currency, charge: ch, payment_intent: pi, reason: "fraudulent", status,
    evidence_details: { due_by: now + 7 * 86400 }, balance_transactions: transactions,
  })
  await postSignedStripeEvent(page, base, event("charge.dispute.funds_withdrawn", dispute("needs_response", [withdrawal])))

  const detail = page.getByTestId("billing-invoice-page")
  await page.goto(`${base}/app/billing/invoices/${invoice.id}`)
  await detail.getByText(invoice.number).first().waitFor()
  const header = detail.getByTestId("invoice-header")
  await reloadUntilVisible(page, header.getByTestId("invoice-dispute-open"), "the Disputed badge on the invoice page")
  await header.getByTestId("invoice-dispute-open").getByText(t.disputed, { exact: true }).waitFor()
  await header.getByText(t.open, { exact: true }).waitFor()
  const { invoice: reopened } = await adminGet(page, base, `/admin/invoices/${invoice.id}`)
  if (reopened.status !== "open" || Number(reopened.amount_due) !== Number(invoice.amount_due)) {
    throw new Error(`the dispute should reopen ${invoice.number} for ${invoice.amount_due}: it is ${reopened.status}, due ${reopened.amount_due}`)
  }
  await save("30-invoice-disputed")
  await header.screenshot({ path: `${page.__shots}/${lang}-invoice-disputed-header.png` })

  // The same badge in the invoices list (found by its number) and on the order's Billing card.
  await page.goto(`${base}/app/billing`)
  const list = page.getByTestId("billing-invoices-page")
  await list.locator("table tbody tr").first().waitFor()
  await list.locator('input[type="search"]').fill(invoice.number)
  const listRow = list.locator("table tbody tr").filter({ hasText: invoice.number })
  await listRow.getByTestId("invoice-dispute-open").waitFor()
  // The search refetches the list: wait until only the invoice is left, then picture its row.
  await list.locator("table tbody tr").filter({ hasNotText: invoice.number }).first().waitFor({ state: "detached" })
  for (let attempt = 0; ; attempt++) {
    try {
      await listRow.screenshot({ path: `${page.__shots}/${lang}-invoices-list-disputed-row.png`, timeout: 5_000 })
      break
    } catch (e) {
      if (attempt === 2) throw e
    }
  }
  await page.goto(`${base}/app/orders/${invoice.order_id}`)
  const widget = page.getByTestId("billing-order-widget")
  await widget.getByTestId(`billing-document-${invoice.number}`).getByTestId("invoice-dispute-open").waitFor()
  await widget.scrollIntoViewIfNeeded()
  await widget.screenshot({ path: `${page.__shots}/${lang}-order-widget-disputed.png` })

  // The payment: its dispute (open, withdrawn, fee, evidence deadline), the disputed amount, Stripe's transactions.
  await page.goto(`${base}/app/billing/payments/${paymentId}`)
  const payment = page.getByTestId("billing-payment-page")
  const disputes = payment.getByTestId("payment-disputes")
  await disputes.getByRole("heading", { name: t.disputes }).waitFor()
  const row = disputes.getByTestId(`dispute-${dp}`)
  await row.getByText(t.outcomeOpen, { exact: true }).waitFor()
  // Stripe's reason, in the admin's language.
  await row.getByText(new RegExp(`^${t.fraudulent} · `)).waitFor()
  await row.getByText(money(cents), { exact: true }).first().waitFor()
  await row.getByText(money(1500), { exact: true }).waitFor()
  await payment.getByTestId("payment-disputed").getByText(money(cents), { exact: true }).waitFor()
  const transactions = payment.getByTestId("payment-stripe-transactions")
  await transactions.getByRole("heading", { name: t.stripeTransactions }).waitFor()
  await transactions.getByText(withdrawal.id).waitFor()
  await transactions.getByText(money(-cents - 1500), { exact: true }).waitFor()
  await save("31-payment-disputed")

  // The merchant wins: the dispute closes as won and Stripe reinstates the funds (and the fee).
  const reinstatement = {
    id: `txn_dr_${stamp}`, object: "balance_transaction", type: "adjustment", reporting_category: "dispute_reversal", source: dp,
    amount: cents, fee: -1500, net: cents + 1500, currency, status: "available", created: now + 1,
  }
  await postSignedStripeEvent(page, base, event("charge.dispute.closed", dispute("won", [withdrawal, reinstatement])))
  await postSignedStripeEvent(page, base, event("charge.dispute.funds_reinstated", dispute("won", [withdrawal, reinstatement])))
  await page.goto(`${base}/app/billing/invoices/${invoice.id}`)
  await detail.getByText(invoice.number).first().waitFor()
  await reloadUntilVisible(page, header.getByTestId("invoice-dispute-won"), "the Dispute won badge on the invoice page")
  await header.getByTestId("invoice-dispute-won").getByText(t.disputeWon, { exact: true }).waitFor()
  await header.getByText(t.paid, { exact: true }).waitFor()
  await pollAdmin(page, base, `/admin/invoices/${invoice.id}`, (r) => r.invoice.status === "paid", `${invoice.number} should be paid again after the win`, 5)
  await save("32-invoice-dispute-won")
  await page.goto(`${base}/app/billing/payments/${paymentId}`)
  await disputes.getByTestId(`dispute-${dp}`).getByText(t.outcomeWon, { exact: true }).waitFor()
  await transactions.getByText(reinstatement.id).waitFor()
  await save("33-payment-dispute-won")
}

async function runScenarios({ base, chromium: executablePath, shots, lang, fakeStripe = null }) {
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
  // E2E_GREP runs only the scenarios whose name matches (and the login, which they all need).
  const grep = process.env.E2E_GREP ? new RegExp(process.env.E2E_GREP, "i") : null
  const chosen = SCENARIOS.filter((s, i) => (!s.only || s.only === lang) && (!grep || i === 0 || grep.test(s.name)))
  for (const scenario of chosen) {
    const started = Date.now()
    if (broken) {
      results.push({ name: scenario.name, ok: false, ms: 0, error: "skipped: an earlier step failed" })
      continue
    }
    try {
      // A scenario that cannot run here (e.g. it needs the fake Stripe API) answers { skipped: why }.
      const outcome = await scenario.run({ page, base, t, save, shots, lang, fakeStripe })
      if (errors.length) throw new Error(`uncaught error in the page: ${errors.join("; ")}`)
      results.push({ name: scenario.name, ok: true, ms: Date.now() - started, ...(outcome?.skipped ? { skipped: outcome.skipped } : {}) })
    } catch (e) {
      broken = true
      await save(`failed-${scenario.name.replace(/\W+/g, "-")}`).catch(() => {})
      results.push({ name: scenario.name, ok: false, ms: Date.now() - started, error: e.message.split("\n").slice(0, 4).join(" | ") })
    }
  }
  await browser.close()
  return results
}

// Writing off part of an invoice from its page: the amount shows in the totals, the amount due
// drops by it, and "Written off" stands beside the status. The invoice is replaced afterwards.
const WRITE_OFF_TEXT = {
  en: { writeOff: "Write off", saved: /of INV-\S+ written off/, badDebt: "Bad debt" },
  zhCN: { writeOff: "核销", saved: /已核销 INV-\S+ 的/, badDebt: "坏账" },
}

SCENARIOS.push({
  name: "writes off part of an open invoice from its page: Written off in the totals and beside the status, the amount due lower",
  run: async ({ page, base, save, lang }) => {
    const w = WRITE_OFF_TEXT[lang]
    const invoice = await invoiceToDispute(page, base)
    const currency = invoice.currency_code
    try {
      await page.goto(`${base}/app/billing/invoices/${invoice.id}`)
      const detail = page.getByTestId("billing-invoice-page")
      await detail.getByTestId("invoice-amount-due").waitFor()
      if (await detail.getByTestId("invoice-amount-written-off").count()) throw new Error("nothing is written off yet: the totals should not show a written-off line")
      await detail.getByTestId(`invoice-actions-${invoice.id}`).click()
      await page.getByRole("menuitem", { name: w.writeOff }).click()
      const drawer = page.getByTestId("write-off-drawer")
      await drawer.locator("#write-off-amount").fill("1")
      await drawer.locator("#write-off-note").fill(`Goodwill (e2e ${lang})`)
      await save("72-invoice-write-off-drawer")
      await drawer.getByRole("button", { name: w.writeOff, exact: true }).click()
      await page.getByText(w.saved).first().waitFor()
      await detail.getByTestId("invoice-amount-written-off").getByText(shownMoney(lang, "1.00", currency), { exact: true }).waitFor()
      const due = (Number(invoice.amount_due) - 1).toFixed(2)
      await detail.getByTestId("invoice-amount-due").getByText(shownMoney(lang, due, currency), { exact: true }).waitFor()
      await detail.getByTestId("invoice-written-off").first().waitFor()
      await detail.getByTestId("invoice-activity").getByText(` · ${w.badDebt} · `, { exact: false }).first().waitFor()
      await save("73-invoice-written-off")
      const { invoice: after } = await adminGet(page, base, `/admin/invoices/${invoice.id}`)
      if (Number(after.amount_written_off) !== 1 || Number(after.amount_due).toFixed(2) !== due) {
        throw new Error(`the server should hold 1 written off and ${due} due: ${after.amount_written_off} / ${after.amount_due}`)
      }
    } finally {
      await replaceUnlessVoid(page, base, invoice.id, "Replaced after a write-off test (e2e)")
    }
  },
})

// Billing → Reconciliation: a bank statement imported, matched and its exception resolved; a month closed.
const RECON_TEXT = {
  en: {
    reconciliation: "Reconciliation", importStatement: "Import bank statement", roleDate: "Date", roleAmount: "Amount (signed)", roleText: "Text",
    completed: "Completed", unmatched: "Bank line matched nothing", resolve: "Resolve", recordPayment: "Record payment",
    resolved: "Resolved", found: "Found", periods: "Periods", closeMonth: "Close month", close: "Close", closed: "Closed", reopen: "Reopen",
    reopened: "Open (reopened)", newRun: "New run",
  },
  zhCN: {
    reconciliation: "对账", importStatement: "导入银行对账单", roleDate: "日期", roleAmount: "金额（带正负号）", roleText: "摘要",
    completed: "已完成", unmatched: "银行流水未匹配", resolve: "处理", recordPayment: "登记收款",
    resolved: "已处理", found: "发现", periods: "会计期间", closeMonth: "关闭月份", close: "关闭", closed: "已关闭", reopen: "重新打开",
    reopened: "已重新打开", newRun: "新建对账",
  },
}
const RECON_ACCOUNT = "E2E bank (reconciliation)"

/** The demo store's EUR bank account for statements (made once, kept for the next runs). */
async function reconciliationAccount(page, base) {
  const { collection_accounts } = await adminGet(page, base, "/admin/billing/collection-accounts")
  const found = collection_accounts.find((a) => a.name === RECON_ACCOUNT && a.is_active && a.type === "bank" && a.currency_code === "eur")
  if (found) return found
  const { collection_account } = await adminPost(page, base, "/admin/billing/collection-accounts", {
    name: RECON_ACCOUNT, type: "bank", currency_code: "eur", details: { bank_name: "E2E Bank", iban: "DE89370400440532013000" },
  })
  return collection_account
}

SCENARIOS.push({
  name: "imports a bank statement, matches it and resolves an exception",
  run: async ({ page, base, t, save, lang }) => {
    const r = RECON_TEXT[lang]
    const invoice = await invoiceToDispute(page, base)
    const account = await reconciliationAccount(page, base)
    const stamp = `E2EBANK${lang}${Date.now()}`
    let failed = true
    try {
      await bankStatementScenario({ page, base, t, r, save, lang, invoice, account, stamp })
      failed = false
    } finally {
      const restoring = givePaymentsBack(page, base, stamp, "Bank statement test payment given back (e2e)")
      await (failed ? restoring.catch((e) => console.error(`[e2e] could not give back the bank test's payments: ${e.message}`)) : restoring)
    }
  },
})

async function bankStatementScenario({ page, base, t, r, save, lang, invoice, account, stamp }) {
  const today = new Date().toISOString().slice(0, 10)
  const due = Number(invoice.amount_due).toFixed(2)
  const csv = ["Date,Amount,Text", `${today},${due},"Payment ${invoice.number} ${stamp}"`, `${today},12.34,"Donation ${stamp}"`, ""].join("\n")

  // Billing → Reconciliation from the sidebar.
  await page.goto(`${base}/app/billing`)
  await page.getByTestId("billing-invoices-page").waitFor()
  await page.getByRole("link", { name: r.reconciliation, exact: true }).first().click()
  const runsPage = page.getByTestId("billing-reconciliation-page")
  await runsPage.getByRole("heading", { name: r.reconciliation, exact: true }).waitFor()
  await save("40-reconciliation-runs")

  // Import: the account, the file, a preview of its rows with the columns guessed.
  await runsPage.getByRole("button", { name: r.importStatement }).click()
  const modal = page.getByTestId("bank-import-modal")
  await choose(page, modal.getByTestId("import-account"), `${account.name} · EUR`)
  await modal.getByTestId("import-file").setInputFiles({ name: `statement-${stamp}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) })
  const mapping = modal.getByTestId("import-mapping")
  await mapping.getByTestId("import-column-Date").getByText(r.roleDate, { exact: true }).waitFor()
  await mapping.getByTestId("import-column-Amount").getByText(r.roleAmount, { exact: true }).waitFor()
  await mapping.getByTestId("import-column-Text").getByText(r.roleText, { exact: true }).waitFor()
  await mapping.getByText(`Donation ${stamp}`).waitFor()
  const lines = modal.getByTestId("import-lines")
  await lines.getByTestId("import-line-2").getByText(shownMoney(lang, due, "eur"), { exact: true }).waitFor()
  await lines.getByTestId("import-line-3").getByText(`Donation ${stamp}`).waitFor()
  await save("41-bank-import-preview")

  // Import and match: the run opens, shows its progress, then its match rate and the one line left.
  await modal.getByTestId("import-submit").click()
  await page.waitForURL(/\/billing\/reconciliation\/brun_/)
  const run = page.getByTestId("billing-run-page")
  await run.locator('[role="progressbar"]').waitFor()
  await save("42-run-started")
  await run.getByTestId("run-status-completed").getByText(r.completed, { exact: true }).waitFor()
  await run.getByTestId("run-match-rate").getByText("50%", { exact: true }).waitFor()
  await run.getByTestId("run-open-exceptions").getByText("1", { exact: true }).waitFor()
  const exceptions = run.getByTestId("run-exceptions")
  const row = exceptions.locator("table tbody tr").filter({ hasText: r.unmatched })
  // The row explains the exception in the admin's language, with its amount.
  await row.getByText(/12[.,]34/).first().waitFor()
  if (!(await row.locator(`[title*="Donation ${stamp}"]`).count())) {
    throw new Error("the row should keep the run's own sentence about the bank line")
  }
  await run.getByTestId("run-matches").getByText(/bpay_/).first().waitFor()
  await save("43-run-completed")
  const { invoice: paid } = await adminGet(page, base, `/admin/invoices/${invoice.id}`)
  if (paid.status !== "paid") throw new Error(`the bank line naming ${invoice.number} should pay it: it is ${paid.status}`)

  // Resolve: the donation is a payment of the demo customer, kept as their credit.
  await row.getByRole("button", { name: r.resolve }).click()
  const drawer = page.getByTestId("resolve-exception-drawer")
  await drawer.getByTestId("resolve-action-record_payment").click()
  await drawer.locator('input[name="customer"]').fill("erika")
  await drawer.getByTestId(`resolve-customer-${DEMO_CUSTOMER}`).click()
  await drawer.getByTestId("resolve-customer-chosen").waitFor()
  await drawer.getByTestId("resolve-invoices").waitFor()
  await drawer.locator('textarea[name="note"]').fill("Donation from Erika, kept as credit")
  await save("44-resolve-drawer")
  await drawer.getByTestId("resolve-submit").click()
  await drawer.waitFor({ state: "detached" })
  await run.getByTestId("run-open-exceptions").getByText("0", { exact: true }).waitFor()

  // The exception, resolved, with its history.
  await choose(page, exceptions.getByTestId("filter-exception-status"), r.resolved)
  const resolvedRow = exceptions.locator("table tbody tr").filter({ hasText: r.unmatched })
  await resolvedRow.getByText(r.resolved, { exact: true }).waitFor()
  await resolvedRow.locator("td").first().click()
  const detail = page.getByTestId("exception-drawer")
  const history = detail.getByTestId("exception-history")
  await history.getByTestId("exception-history-found").getByText(r.found, { exact: true }).waitFor()
  await history.getByTestId("exception-history-resolved").getByText(new RegExp(`^${r.resolved} · ${r.recordPayment}$`)).waitFor()
  await detail.getByTestId("exception-resolution").getByText("Donation from Erika, kept as credit").waitFor()
  // The run's own sentence names the bank line's text.
  await detail.getByTestId("exception-details").getByText(new RegExp(`Donation ${stamp}`)).waitFor()
  await page.waitForTimeout(500) // the drawer slides in
  await save("45-exception-resolved")
  const { payments } = await adminGet(page, base, `/admin/billing/payments?q=Donation ${stamp}`)
  if (payments.length !== 1 || Number(payments[0].amount) !== 12.34) throw new Error(`expected the donation as a payment of 12.34: ${JSON.stringify(payments)}`)
  await page.keyboard.press("Escape")
  await detail.waitFor({ state: "detached" })

  // Periods: close the oldest month offered, see it closed, and reopen it (the demo store stays open).
  await page.goto(`${base}/app/billing/reconciliation`)
  const periods = page.getByTestId("reconciliation-periods")
  await periods.getByRole("heading", { name: r.periods }).waitFor()
  const now = new Date()
  const oldest = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1))
  const period = oldest.toISOString().slice(0, 7)
  const label = new Intl.DateTimeFormat(lang === "zhCN" ? "zh-CN" : "en-US", { year: "numeric", month: "long", timeZone: "UTC" }).format(oldest)
  await choose(page, periods.getByTestId("period-month"), label)
  await periods.getByRole("button", { name: r.closeMonth }).click()
  await page.getByRole("alertdialog").getByRole("button", { name: r.close, exact: true }).click()
  const periodRow = periods.getByTestId(`period-${period}`)
  await periodRow.getByText(r.closed, { exact: true }).waitFor()
  await save("46-period-closed")
  await periodRow.getByRole("button", { name: r.reopen }).click()
  const reopen = page.getByTestId("period-reopen-prompt")
  await reopen.locator('textarea[name="reason"]').fill("E2E: closed only to try it")
  await save("47-period-reopen-prompt")
  await reopen.getByTestId("period-reopen-submit").click()
  await periodRow.getByText(r.reopened, { exact: true }).waitFor()

  // A run of this month's orders, invoices and payments, from the New run drawer.
  await page.getByTestId("reconciliation-runs").getByRole("button", { name: r.newRun }).click()
  const newRun = page.getByTestId("reconciliation-new-run-drawer")
  await newRun.getByTestId("run-kind-three_way").click()
  await newRun.locator('input[name="from"]').fill(`${today.slice(0, 8)}01`)
  await newRun.locator('input[name="to"]').fill(today)
  await page.waitForTimeout(500)
  await save("48-new-run-drawer")
  await newRun.getByTestId("run-start").click()
  await page.waitForURL(/\/billing\/reconciliation\/brun_/)
  await run.locator('[data-testid="run-status-completed"], [data-testid="run-status-failed"]').first().waitFor()
  await run.getByTestId("run-status-completed").waitFor({ timeout: 1000 })
  await run.getByTestId("run-exceptions").waitFor()
  await save("49-three-way-run")
}

// Settings → Billing → Accounting: account codes and bank matching tolerances; a collection account's own code.
const ACCOUNTING_TEXT = {
  en: { accounting: "Accounting", codeInvalid: "Letters, digits, dots and dashes, at most 20.", cashDefault: "1000 (default)", edit: "Edit" },
  zhCN: { accounting: "会计核算", codeInvalid: "仅限字母、数字、点和连字符，最多 20 个字符。", cashDefault: "1000（默认）", edit: "编辑" },
}
const TILL_ACCOUNT = "E2E till (account code)"

SCENARIOS.push({
  name: "changes the receivable account code and the date tolerance in Settings → Billing → Accounting, keeps them over a reload and sets them back; a collection account shows its code",
  run: async ({ page, base, t, save, lang }) => {
    const a = ACCOUNTING_TEXT[lang]
    await page.goto(`${base}/app/settings/billing`)
    const settings = page.getByTestId("billing-settings-page")
    const section = settings.getByTestId("settings-accounting")
    await section.getByRole("heading", { name: a.accounting }).waitFor()
    const receivable = section.locator('input[name="account_codes.receivable"]')
    const days = section.locator('input[name="reconciliation.date_tolerance_days"]')
    const saveButton = settings.getByRole("button", { name: t.save })
    const saveSettings = async () => {
      const posted = page.waitForResponse((r) => r.url().endsWith("/admin/billing/settings") && r.request().method() === "POST", { timeout: 15_000 })
      await saveButton.click()
      const response = await posted
      if (!response.ok()) throw new Error(`saving the settings answered ${response.status()}: ${await response.text()}`)
      await page.getByText(t.saved).first().waitFor()
      await page.getByText(t.saved).first().waitFor({ state: "detached" })
    }
    const expectKept = async (code, tolerance) => {
      await page.reload()
      await receivable.waitFor()
      if ((await receivable.inputValue()) !== code) throw new Error(`the receivable code shows ${await receivable.inputValue()}, expected ${code}`)
      if ((await days.inputValue()) !== tolerance) throw new Error(`the date tolerance shows ${await days.inputValue()}, expected ${tolerance}`)
      const { settings: saved } = await adminGet(page, base, "/admin/billing/settings")
      if (saved.account_codes.receivable !== code || String(saved.reconciliation.date_tolerance_days) !== tolerance) {
        throw new Error(`the API answers ${JSON.stringify({ codes: saved.account_codes, reconciliation: saved.reconciliation })}`)
      }
    }

    // A code the journal cannot take is refused before saving.
    await receivable.fill("12 10")
    await section.getByText(a.codeInvalid).waitFor()
    if (!(await saveButton.isDisabled())) throw new Error("Save should be disabled for an account code with a space")

    await receivable.fill("1210")
    await days.fill("5")
    await saveSettings()
    await expectKept("1210", "5")
    await section.scrollIntoViewIfNeeded()
    await section.screenshot({ path: `${page.__shots}/${lang}-settings-accounting.png` })
    await save("50-settings-accounting")

    // Empty goes back to the default code; 3 days is the default tolerance.
    await receivable.fill("")
    await days.fill("3")
    await saveSettings()
    await expectKept("1200", "3")

    // A collection account with its own code, then back to none: the table names the default it books to.
    // One account for every run (made on the first), archived between runs so no payment picks it.
    const accounts = page.getByTestId("settings-collection-accounts")
    const drawer = page.getByTestId("collection-account-drawer")
    const row = accounts.getByTestId(`collection-account-${TILL_ACCOUNT}`)
    const saveAccount = async () => {
      await drawer.getByTestId("collection-account-save").click()
      await drawer.waitFor({ state: "detached" })
    }
    const { collection_accounts } = await adminGet(page, base, "/admin/billing/collection-accounts")
    if (collection_accounts.some((account) => account.name === TILL_ACCOUNT)) {
      await row.getByRole("button", { name: a.edit }).click()
    } else {
      await accounts.getByRole("button", { name: t.addAccount }).click()
      await drawer.locator('input[name="name"]').fill(TILL_ACCOUNT)
      await choose(page, drawer.getByTestId("account-type"), t.cash)
    }
    await drawer.locator('input[name="account_code"]').fill("1020")
    await page.waitForTimeout(500) // the drawer slides in
    await save("51-collection-account-code-drawer")
    await saveAccount()
    await row.getByTestId("collection-account-code").getByText("1020", { exact: true }).waitFor()
    await row.getByRole("button", { name: a.edit }).click()
    await drawer.locator('input[name="account_code"]').fill("")
    await saveAccount()
    await row.getByTestId("collection-account-code").getByText(a.cashDefault, { exact: true }).waitFor()
    if (await row.getByText(t.active, { exact: true }).isVisible()) {
      await row.getByRole("button", { name: t.archive }).click()
      await row.getByText(t.archived, { exact: true }).waitFor()
    }
    await accounts.scrollIntoViewIfNeeded()
    await accounts.screenshot({ path: `${page.__shots}/${lang}-settings-collection-account-codes.png` })
  },
})

// [6/7] Collections: the queue (promise → payment → kept), the aging report and its drill-down,
// the dashboard's charts, Settings → Billing → Reminders, and the "Overdue" badge. The demo seed
// issued some invoices weeks or months ago, so they are overdue (see src/scripts/lib/collections-demo.ts).
const COLLECTIONS_TEXT = {
  en: {
    promise: "Promise", savePromise: "Save promise", recordPayment: "Record payment", close: "Close",
    promiseSaved: /Promise of .+ saved/, aging: "Aging", collectionsTab: "Collections", remindersTitle: "Reminders", collectionsTitle: "Collections",
    overdue: "Overdue", dashboard: "Billing dashboard", note: "Note", saveNote: "Save note", noted: "Contact noted",
    reminderSent: /Reminder sent/, pause: "Pause reminders", resume: "Resume reminders", pausedByHand: /Reminders paused · Paused by hand/, remindersActive: "Reminders are sent on schedule.",
  },
  zhCN: {
    promise: "付款承诺", savePromise: "保存承诺", recordPayment: "登记收款", close: "关闭",
    promiseSaved: /已保存 .+ 的付款承诺/, aging: "账龄", collectionsTab: "回款", remindersTitle: "付款提醒", collectionsTitle: "催收",
    overdue: "已逾期", dashboard: "账单概览", note: "记录联系", saveNote: "保存记录", noted: "已记录联系",
    reminderSent: /提醒已发送/, pause: "暂停提醒", resume: "恢复提醒", pausedByHand: /提醒已暂停 · 手动暂停/, remindersActive: "按计划发送付款提醒。",
  },
}

const todayInBrowser = () => new Date().toISOString().slice(0, 10)

/** The queue's customer with the most overdue invoices (so they stay in the queue once one is paid). */
async function queueCustomer(page, base) {
  const { customers } = await adminGet(page, base, "/admin/billing/collections?limit=50")
  if (!customers?.length) throw new Error("the collections queue is empty: the demo seed should have left overdue invoices")
  return [...customers].sort((a, b) => b.invoices.length - a.invoices.length)[0]
}

SCENARIOS.push(
  {
    name: "collections queue: records a promise to pay, then a payment of the invoice; the promise shows kept",
    run: async ({ page, base, t, save, lang }) => {
      const c = COLLECTIONS_TEXT[lang]
      const customer = await queueCustomer(page, base)
      const invoice = customer.invoices[0]
      const reference = `E2E-COLL-${lang}-${Date.now()}`
      let failed = true
      try {
        await page.goto(`${base}/app/billing/collections`)
        const queue = page.getByTestId("billing-collections-page")
        const card = queue.getByTestId(`collections-customer-${customer.customer_id}-${customer.currency_code}`)
        await card.getByTestId(`collections-invoice-${invoice.number}`).waitFor()
        await save("60-collections-queue")

        // A note of the call first: the card's last contact follows.
        await card.getByRole("button", { name: c.note, exact: true }).click()
        const noteDrawer = page.getByTestId("contact-note-drawer")
        await noteDrawer.locator('textarea[name="note"]').fill(`Called about ${invoice.number} (${reference})`)
        await noteDrawer.locator('input[name="next_action"]').fill("Check the payment")
        await noteDrawer.getByTestId("contact-note-drawer-submit").click()
        await page.getByText(c.noted).first().waitFor()
        await noteDrawer.waitFor({ state: "detached" })

        // The promise: exactly what the invoice owes, by today.
        await card.getByRole("button", { name: c.promise, exact: true }).click()
        const drawer = page.getByTestId("promise-drawer")
        await drawer.locator('input[name="amount"]').fill(String(invoice.amount_due))
        await drawer.locator('input[name="promised_date"]').fill(todayInBrowser())
        await drawer.locator('textarea[name="note"]').fill(reference)
        await page.waitForTimeout(400) // the drawer slides in
        await save("61-promise-drawer")
        const posted = page.waitForResponse((r) => /\/admin\/customers\/[^/]+\/promises$/.test(r.url()) && r.request().method() === "POST")
        await drawer.getByTestId("promise-drawer-submit").click()
        const response = await posted
        if (!response.ok()) throw new Error(`saving the promise answered ${response.status()}: ${await response.text()}`)
        const { promise } = await response.json()
        await page.getByText(c.promiseSaved).first().waitFor()
        await drawer.waitFor({ state: "detached" })
        // A payment of today from an earlier run already counts for a promise made today: then it is kept at once.
        await card.getByTestId(`promise-status-${promise.status}`).waitFor()
        await card.getByTestId("collections-promise").getByText(shownMoney(lang, invoice.amount_due, customer.currency_code), { exact: false }).waitFor()

        // The payment of that invoice, from its row.
        const row = card.getByTestId(`collections-invoice-${invoice.number}`)
        await row.getByRole("button", { name: c.recordPayment, exact: true }).click()
        const payment = page.getByTestId("record-payment-drawer")
        await payment.locator('input[name="amount"]').waitFor()
        if ((await payment.locator('input[name="amount"]').inputValue()) !== String(invoice.amount_due)) {
          throw new Error(`the payment drawer offers ${await payment.locator('input[name="amount"]').inputValue()}, not what ${invoice.number} owes (${invoice.amount_due})`)
        }
        await payment.locator('input[name="reference"]').fill(reference)
        await payment.getByTestId("record-payment-submit").click()
        await payment.getByTestId("record-payment-result").waitFor()
        await payment.getByRole("button", { name: c.close, exact: true }).click()
        await payment.waitFor({ state: "detached" })

        // Kept: on the queue's card while the customer still owes something, and on the customer's page.
        await row.waitFor({ state: "detached" })
        if (await card.isVisible()) {
          await card.getByTestId("promise-status-kept").waitFor()
          await save("62-collections-promise-kept")
        }
        const { promises } = await adminGet(page, base, `/admin/customers/${customer.customer_id}/promises`)
        const ours = promises.find((p) => p.id === promise.id)
        if (ours?.status !== "kept") throw new Error(`the promise is ${ours?.status}, expected kept`)
        await page.goto(`${base}/app/customers/${customer.customer_id}`)
        const widget = page.getByTestId("billing-customer-widget")
        await widget.getByTestId("customer-promises").getByTestId("promise-status-kept").first().waitFor()
        await widget.getByTestId("customer-contact-notes").getByText(reference, { exact: false }).waitFor()
        await widget.scrollIntoViewIfNeeded()
        await save("63-customer-promises")

        // Reminders paused by hand until a day, then resumed.
        const reminderState = widget.getByTestId("customer-reminders")
        await reminderState.getByRole("button", { name: c.pause, exact: true }).click()
        const pause = page.getByTestId("pause-reminders-drawer")
        const until = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)
        await pause.locator('input[name="until"]').fill(until)
        await pause.locator('textarea[name="reason"]').fill(`Waiting for the customer's accountant (${reference})`)
        await pause.getByTestId("pause-reminders-drawer-submit").click()
        await pause.waitFor({ state: "detached" })
        await reminderState.getByTestId("customer-reminders-state").getByText(c.pausedByHand).waitFor()
        await reminderState.getByRole("button", { name: c.resume, exact: true }).click()
        await reminderState.getByRole("button", { name: c.pause, exact: true }).waitFor()
        failed = false
      } finally {
        const restoring = givePaymentsBack(page, base, reference, "Collections test payment given back (e2e)")
        await (failed ? restoring.catch((e) => console.error(`[e2e] could not give back the collections test's payment: ${e.message}`)) : restoring)
      }
    },
  },
  {
    name: "aging report: buckets per currency with bars, a customer's invoices in the drill-down, and the collections report",
    run: async ({ page, base, t, save, lang }) => {
      const c = COLLECTIONS_TEXT[lang]
      const report = await adminGet(page, base, `/admin/billing/reports/aging?as_of=${todayInBrowser()}&limit=50`)
      const customer = report.customers.find((x) => Object.entries(x.buckets).some(([key, amount]) => key !== "current" && Number(amount) > 0))
      if (!customer) throw new Error(`no customer owes anything overdue in the aging report: ${JSON.stringify(report).slice(0, 300)}`)
      await page.goto(`${base}/app/billing/reports`)
      const aging = page.getByTestId("aging-report")
      await page.getByTestId("reports-tab-aging").getByText(c.aging).waitFor()
      const chart = aging.getByTestId(`aging-chart-${customer.currency_code}`)
      await chart.locator('[data-testid="chart-bar"]').first().waitFor({ state: "attached" })
      const row = aging.getByTestId(`aging-customer-${customer.customer_id}`).first()
      await row.waitFor()
      await save("64-aging-report")

      await row.locator("td").first().click()
      const drill = page.getByTestId("aging-drill-down")
      await drill.locator('[data-testid^="aging-invoice-"]').first().waitFor()
      const { invoices } = await adminGet(page, base, `/admin/billing/reports/aging/invoices?as_of=${todayInBrowser()}&customer_id=${customer.customer_id}&currency_code=${customer.currency_code}`)
      if ((await drill.locator('[data-testid^="aging-invoice-"]').count()) !== invoices.length) throw new Error("the drill-down does not list the customer's invoices")
      await page.waitForTimeout(400)
      await save("65-aging-drill-down")
      await drill.getByRole("button", { name: c.close, exact: true }).click()
      await drill.waitFor({ state: "detached" })

      // One bucket of the customer: only that bucket's invoices.
      const [bucket] = Object.entries(customer.buckets).find(([key, amount]) => key !== "current" && Number(amount) > 0)
      await row.getByTestId(`aging-cell-${bucket}`).click()
      await drill.locator('[data-testid^="aging-invoice-"]').first().waitFor()
      const inBucket = invoices.filter((i) => i.bucket === bucket).length
      if ((await drill.locator('[data-testid^="aging-invoice-"]').count()) !== inBucket) throw new Error(`the ${bucket} drill-down does not list that bucket's ${inBucket} invoice(s)`)
      await drill.getByRole("button", { name: c.close, exact: true }).click()
      await drill.waitFor({ state: "detached" })

      const csv = await page.request.get(`${base}/admin/billing/reports/aging/export?format=csv&as_of=${todayInBrowser()}`)
      if (!csv.ok()) throw new Error(`the CSV export answered ${csv.status()}`)

      await page.getByTestId("reports-tab-collections").click()
      const collections = page.getByTestId("collections-report")
      await collections.getByTestId("report-promises").waitFor()
      await collections.locator('[data-testid^="report-currency-"]').first().waitFor()
      await save("66-collections-report")
    },
  },
  {
    name: "dashboard: open and overdue per currency, aging bars as of today and the collections trend",
    run: async ({ page, base, t, save, lang }) => {
      const c = COLLECTIONS_TEXT[lang]
      await page.goto(`${base}/app/billing/dashboard`)
      const dashboard = page.getByTestId("billing-dashboard-page")
      await dashboard.getByRole("heading", { name: c.dashboard }).waitFor()
      const bars = async (section) => {
        const area = dashboard.getByTestId(section)
        // A bar of nothing (a month without invoices) has no height: wait for the chart, not for a visible bar.
        await area.locator('[data-testid="chart-bar"]').first().waitFor({ state: "attached" })
        // Bars that show something: a height above zero.
        return area.locator('[data-testid="chart-bar"]').evaluateAll((rects) => rects.filter((r) => Number(r.getAttribute("height")) > 0).length)
      }
      if (!(await bars("dashboard-aging"))) throw new Error("the aging chart has no bar")
      if (!(await bars("dashboard-trend"))) throw new Error("the trend chart has no bar")
      await dashboard.locator('[data-testid^="dashboard-figures-"]').first().getByTestId("dashboard-overdue").waitFor()
      await dashboard.getByTestId("dashboard-queue-link").waitFor()
      await save("67-billing-dashboard")
      await dashboard.getByTestId("dashboard-queue-link").click()
      await page.getByTestId("billing-collections-page").waitFor()
    },
  },
  {
    name: "Settings → Billing → Reminders: adds a level, keeps it over a reload, refuses a duplicate level with the server's message, and removes it",
    run: async ({ page, base, t, save, lang }) => {
      const c = COLLECTIONS_TEXT[lang]
      await page.goto(`${base}/app/settings/billing`)
      const settings = page.getByTestId("billing-settings-page")
      const section = settings.getByTestId("settings-reminders")
      await section.getByRole("heading", { name: c.remindersTitle }).waitFor()
      await settings.getByTestId("settings-collections").getByRole("heading", { name: c.collectionsTitle }).waitFor()
      const levels = section.locator('[data-testid^="reminder-level-"]')
      const saveButton = settings.getByRole("button", { name: t.save })
      const post = async () => {
        const posted = page.waitForResponse((r) => r.url().endsWith("/admin/billing/settings") && r.request().method() === "POST", { timeout: 15_000 })
        await saveButton.click()
        return posted
      }
      const saveOk = async () => {
        const response = await post()
        if (!response.ok()) throw new Error(`saving the settings answered ${response.status()}: ${await response.text()}`)
        await page.getByText(t.saved).first().waitFor()
      }
      const days = async () => {
        const { settings: saved } = await adminGet(page, base, "/admin/billing/settings")
        return saved.reminders.levels.map((l) => l.days)
      }
      const before = await days()
      const fresh = Math.max(0, ...before) + 11

      await section.getByTestId("add-reminder-level").click()
      const added = levels.nth(before.length)
      await added.locator(`input[name="reminders.levels.${before.length}.days"]`).fill(String(fresh))
      await added.scrollIntoViewIfNeeded()
      await save("68-settings-reminders")
      await section.screenshot({ path: `${page.__shots}/${lang}-settings-reminders-section.png` })
      await settings.getByTestId("settings-collections").screenshot({ path: `${page.__shots}/${lang}-settings-collections-section.png` })
      await saveOk()
      await page.reload()
      await section.waitFor()
      if (!(await days()).includes(fresh)) throw new Error(`level ${fresh} was not saved`)
      await section.locator(`input[name$=".days"]`).nth(before.length).waitFor()
      const shown = await section.locator('input[name$=".days"]').evaluateAll((inputs) => inputs.map((i) => i.value))
      if (!shown.includes(String(fresh))) throw new Error(`after a reload the levels show ${shown.join(", ")}, not ${fresh}`)

      // The same day twice: the server's own sentence, nothing saved.
      await section.getByTestId("add-reminder-level").click()
      await levels.nth(before.length + 1).locator('input[name$=".days"]').fill(String(fresh))
      const refused = await post()
      if (refused.status() !== 400) throw new Error(`a duplicate level answered ${refused.status()}`)
      const { message } = await refused.json()
      await page.getByText(message.slice(0, 60), { exact: false }).first().waitFor()
      await save("69-settings-reminders-duplicate")

      // Back as it was: the added level removed.
      await page.reload()
      await section.waitFor()
      const index = (await section.locator('input[name$=".days"]').evaluateAll((inputs) => inputs.map((i) => i.value))).indexOf(String(fresh))
      await section.getByTestId(`remove-level-${index}`).click()
      await saveOk()
      const after = await days()
      if (after.join() !== before.join()) throw new Error(`the levels are ${after.join(", ")}, expected ${before.join(", ")}`)
    },
  },
  {
    name: "an overdue invoice shows the Overdue badge in the list and on its page, with its Reminders card",
    run: async ({ page, base, t, save, lang }) => {
      const c = COLLECTIONS_TEXT[lang]
      const { invoices } = await adminGet(page, base, "/admin/invoices?overdue=true&type=invoice&limit=50")
      const invoice = invoices.find((i) => i.overdue_at)
      if (!invoice) throw new Error("no invoice is marked overdue: the demo seed should have marked its backdated invoices")
      await page.goto(`${base}/app/billing/invoices/${invoice.id}`)
      const detail = page.getByTestId("billing-invoice-page")
      await detail.getByTestId("invoice-header").getByTestId("invoice-overdue").getByText(c.overdue, { exact: true }).waitFor()
      await detail.getByTestId("invoice-reminders").waitFor()
      // "Send reminder now": the customer is emailed and the card lists it.
      const reminders = detail.getByTestId("invoice-reminders").getByTestId("invoice-reminder")
      const sentBefore = await reminders.count()
      await detail.getByTestId("send-reminder").click()
      await page.getByText(c.reminderSent).first().waitFor()
      await reminders.nth(sentBefore).waitFor()
      await save("70-invoice-overdue")

      await page.goto(`${base}/app/billing`)
      const list = page.getByTestId("billing-invoices-page")
      await list.locator('[data-testid="invoice-overdue"]').first().waitFor()
    },
  }
)

module.exports = { runScenarios, SCENARIOS }

// The admin with Medusa's `rbac` flag on (MEDUSA_FF_RBAC=true): a user whose role only reads sees
// the billing pages but none of their actions; the store owner (super admin) sees them all.
// scripts/test-e2e.js runs it after the other scenarios, on the same app restarted with the flag.
const { chromium, request: http } = require("playwright-core")

const ADMIN = {
  email: process.env.DEMO_ADMIN_EMAIL || "admin@billing.demo",
  password: process.env.DEMO_ADMIN_PASSWORD || "supersecret",
}

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]

async function json(res, what) {
  if (!res.ok()) throw new Error(`${what} answered ${res.status()}: ${(await res.text()).slice(0, 300)}`)
  return res.json()
}

async function signIn(page, base, user) {
  await page.goto(`${base}/app`, { timeout: Number(process.env.E2E_FIRST_LOAD_TIMEOUT || 600_000) })
  await page.locator('input[name="email"]').fill(user.email, { timeout: 120_000 })
  await page.locator('input[name="password"]').fill(user.password)
  await page.getByRole("button", { name: "Continue with Email" }).click()
  await page.getByRole("link", { name: "Orders", exact: true }).first().waitFor()
}

/**
 * A read-only user made through Medusa's own API, as a store owner would: a role with every read
 * policy, an invite, the invite accepted with a password, the role given to the new user.
 */
async function createReader(page, base, stamp) {
  const request = page.request
  const { policies } = await json(await request.get(`${base}/admin/rbac/policies?operation=read&limit=1000`), "GET /admin/rbac/policies")
  if (!policies.some((p) => p.key === "billing_invoice:read")) throw new Error("the billing policies are not stored: is MEDUSA_FF_RBAC on?")
  const { role } = await json(
    await request.post(`${base}/admin/rbac/roles`, { data: { name: `Billing reader ${stamp}`, policy_ids: policies.map((p) => p.id) } }),
    "POST /admin/rbac/roles"
  )
  const reader = { email: `reader-${stamp}@billing.demo`, password: "reader-pass-1" }
  const { invite } = await json(await request.post(`${base}/admin/invites`, { data: { email: reader.email } }), "POST /admin/invites")
  // The invitee is nobody yet: no session of the owner's may ride along.
  const anonymous = await http.newContext()
  const { token } = await json(await anonymous.post(`${base}/auth/user/emailpass/register`, { data: reader }), "POST /auth/user/emailpass/register")
  const { user } = await json(
    await anonymous.post(`${base}/admin/invites/accept?token=${encodeURIComponent(invite.token)}`, {
      data: { first_name: "Billing", last_name: "Reader" },
      headers: { authorization: `Bearer ${token}` },
    }),
    "POST /admin/invites/accept"
  )
  await anonymous.dispose()
  await json(await request.post(`${base}/admin/users/${user.id}/roles`, { data: { roles: [role.id] } }), "POST /admin/users/:id/roles")
  return reader
}

async function runRbacScenario({ base, chromium: executablePath, shots }) {
  const browser = await chromium.launch({ executablePath, args: ARGS })
  const started = Date.now()
  const name = "with roles on, a read-only billing user sees invoices and settings without any of their actions; the owner sees them"
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    await context.addCookies([{ name: "lng", value: "en", url: base }])
    await context.route((url) => !["localhost", "127.0.0.1"].includes(url.hostname), (route) => route.abort())
    const page = await context.newPage()
    page.setDefaultTimeout(Number(process.env.E2E_STEP_TIMEOUT || 60_000))
    return page
  }
  const owner = await newPage()
  try {
    await signIn(owner, base, ADMIN)
    const { invoices } = await json(await owner.request.get(`${base}/admin/invoices?status=open&limit=1`), "GET /admin/invoices")
    if (!invoices.length) throw new Error("no open invoice in the demo store")
    const invoice = invoices[0]
    const reader = await createReader(owner, base, Date.now().toString(36))

    // The owner (super admin after the migration that turned roles on) sees the invoice's actions.
    await owner.goto(`${base}/app/billing/invoices/${invoice.id}`)
    await owner.getByText(invoice.number).first().waitFor()
    await owner.getByRole("button", { name: "Record payment" }).first().waitFor()
    await owner.screenshot({ path: `${shots}/rbac-owner-invoice.png` })

    const page = await newPage()
    await signIn(page, base, reader)
    // A fresh load of the page asks the flags and the user's permissions again: the actions are
    // judged only once both answered (while they load, no write action shows for anybody).
    const answered = (path) => page.waitForResponse((r) => r.url().includes(path) && r.ok(), { timeout: 60_000 })
    const flags = answered("/admin/feature-flags")
    const permissions = answered("/admin/rbac/me/permissions")
    await page.goto(`${base}/app/billing/invoices/${invoice.id}`)
    await Promise.all([flags, permissions])
    // What the page was told, asked again with the same session (a response's body may be gone
    // once the page navigated on).
    const granted = (await json(await page.request.get(`${base}/admin/rbac/me/permissions`), "GET /admin/rbac/me/permissions")).permissions
    if (!granted.includes("billing_invoice:read") || granted.some((p) => p.startsWith("billing_") && !p.endsWith(":read"))) {
      throw new Error(`the reader's permissions are not read-only billing: ${granted.filter((p) => p.startsWith("billing_")).join(", ")}`)
    }
    await page.getByText(invoice.number).first().waitFor()
    await page.waitForTimeout(1000)
    await page.screenshot({ path: `${shots}/rbac-reader-invoice.png` })
    for (const action of ["Record payment", "Collect with Stripe", "Send reminder now"]) {
      if (await page.getByRole("button", { name: action }).count()) throw new Error(`the read-only user sees "${action}" on the invoice page`)
    }
    await page.goto(`${base}/app/settings/billing`)
    await page.locator("input").first().waitFor()
    await page.waitForTimeout(1500)
    await page.screenshot({ path: `${shots}/rbac-reader-settings.png` })
    if (await page.getByRole("button", { name: "Save", exact: true }).count()) throw new Error('the read-only user sees "Save" in Settings → Billing')
    await browser.close()
    return [{ name, ok: true, ms: Date.now() - started }]
  } catch (e) {
    await owner.screenshot({ path: `${shots}/rbac-failed.png` }).catch(() => {})
    await browser.close()
    return [{ name, ok: false, ms: Date.now() - started, error: e.message.split("\n").slice(0, 4).join(" | ") }]
  }
}

module.exports = { runRbacScenario }

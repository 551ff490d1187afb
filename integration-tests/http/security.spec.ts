import { BILLING_MODULE } from "../../src/modules/billing"
import type BillingModuleService from "../../src/modules/billing/service"
import { generateJwtToken } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../helpers/admin-auth"
import { createDemoStore, DemoStore, placeOrderAndSettle, waitForDocuments } from "../helpers/billing"
import { registerCustomer } from "../helpers/customer-auth"
import { pdfText } from "../helpers/pdf"
import { changedTables, fingerprint, settledFingerprint } from "../helpers/sweep-db"
import { ApiRoute, fillPattern, listApiRoutes } from "../helpers/sweep-routes"
import { postSignedStripeBody } from "../helpers/stripe-webhook"

jest.setTimeout(240_000)

const routes = listApiRoutes()
const adminRoutes = routes.filter((r) => r.pattern.startsWith("/admin/"))
const storeRoutes = routes.filter((r) => r.pattern.startsWith("/store/customers/me/"))

/** Any answer, refused or not, as { status, data, headers }. */
const answer = (promise: Promise<any>) => promise.then((res) => res, (e) => e.response ?? Promise.reject(e))
const binary = { responseType: "arraybuffer" as const }

/** A response body as text: JSON, CSV, or the text of a PDF. */
function bodyText(res: { headers: Record<string, string>; data: any }) {
  const buffer = Buffer.isBuffer(res.data) ? res.data : Buffer.from(res.data instanceof ArrayBuffer ? new Uint8Array(res.data) : JSON.stringify(res.data ?? ""))
  return String(res.headers["content-type"] ?? "").includes("application/pdf") ? pdfText(buffer) : buffer.toString("utf8")
}

const WEBHOOK_SECRET = "whsec_security_spec"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let admin: Record<string, string>

    beforeEach(async () => {
      store = await createDemoStore(getContainer())
      ;({ headers: admin } = await adminHeaders(getContainer()))
      // The settings row is made on first read; made now, a scheduled job reading it during a test
      // (overdue marking, reminders, collections rules) changes nothing the fingerprints compare.
      await getContainer().resolve<BillingModuleService>(BILLING_MODULE).retrieveSettings()
    })

    const send = (route: ApiRoute, url: string, headers: Record<string, string>, extra: Record<string, unknown> = {}) =>
      answer(
        route.method === "GET" || route.method === "DELETE"
          ? (api as any)[route.method.toLowerCase()](url, { headers, ...extra })
          : (api as any)[route.method.toLowerCase()](url, {}, { headers, ...extra })
      )

    describe("admin routes", () => {
      it("are all found in the file tree, so a route added later is checked too", () => {
        const names = adminRoutes.map((r) => `${r.method} ${r.pattern}`)
        expect(names.length).toBeGreaterThanOrEqual(60)
        expect(names).toEqual(
          expect.arrayContaining(["POST /admin/invoices/:id/void", "DELETE /admin/billing/payments/:id/allocations/:allocation_id", "GET /admin/customers/:id/statement", "POST /admin/billing/periods/:period/reopen"])
        )
      })

      it("answer 401 without a session, with a forged token and with a customer's token, and change nothing", async () => {
        const { headers: customer } = await registerCustomer(api, store.publishableKey, "intruder@example.com")
        const { jwtSecret } = getContainer().resolve("configModule").projectConfig.http
        const forgedFor = (secret: string) =>
          `Bearer ${generateJwtToken({ actor_id: "user_forged", actor_type: "user", auth_identity_id: "authid_forged", app_metadata: { user_id: "user_forged" }, user_metadata: {} }, { secret, expiresIn: "1d" })}`
        const callers: Record<string, Record<string, string>> = {
          "no session": {},
          "a token signed with another secret": { authorization: forgedFor("not-the-server-secret") },
          "an expired admin token": {
            authorization: `Bearer ${generateJwtToken({ actor_id: "user_x", actor_type: "user", auth_identity_id: "authid_x", app_metadata: { user_id: "user_x" }, user_metadata: {} }, { secret: jwtSecret as string, expiresIn: "-1s" })}`,
          },
          "a customer's token": { authorization: customer.authorization },
        }
        const before = await settledFingerprint(getContainer())
        const wrong: string[] = []
        for (const route of adminRoutes) {
          const url = fillPattern(route.pattern, {}, "inv_security_probe")
          for (const [who, headers] of Object.entries(callers)) {
            const res = await send(route, url, headers)
            if (res.status !== 401) wrong.push(`${route.method} ${url} with ${who} → ${res.status} ${JSON.stringify(res.data).slice(0, 200)}`)
          }
        }
        expect(wrong).toEqual([])
        expect(changedTables(before, await fingerprint(getContainer()))).toEqual([])
        // The same requests with an admin's session are let through (so the 401s above are about the session).
        const invoices = await answer(api.get("/admin/invoices", { headers: admin }))
        expect(invoices.status).toBe(200)
      })
    })

    describe("store routes", () => {
      /** Alice and Bob, each with an issued invoice, a payment with its receipt; Bob also with a credit note. */
      async function twoCustomers() {
        const alice = await registerCustomer(api, store.publishableKey, "alice.owner@example.com", { first_name: "Alice", last_name: "Owner" })
        const bob = await registerCustomer(api, store.publishableKey, "bob.other@example.com", { first_name: "Robert", last_name: "Zyxwv" })
        const aliceOrder = await placeOrderAndSettle(getContainer(), store, { email: alice.customer.email, customer_id: alice.customer.id })
        const bobOrder = await placeOrderAndSettle(getContainer(), store, {
          email: bob.customer.email,
          customer_id: bob.customer.id,
          items: [{ handle: "coffee-mug", quantity: 3 }],
        })
        const [aliceInvoice] = await waitForDocuments(api, admin, aliceOrder)
        const [bobInvoice] = await waitForDocuments(api, admin, bobOrder)
        const credit = await api.post(`/admin/invoices/${bobInvoice.id}/credit-notes`, { reason: "Chipped mug", amount: 5.55 }, { headers: admin })
        const pay = async (customerId: string, amount: number, reference: string) =>
          (
            await api.post(
              "/admin/billing/payments",
              { customer_id: customerId, currency_code: "eur", method: "bank_transfer", amount, reference, allocate: "auto" },
              { headers: admin }
            )
          ).data.payment
        const alicePayment = await pay(alice.customer.id, 7, "ALICE-REF-1")
        const bobPayment = await pay(bob.customer.id, 13.37, "BOB-REF-777")
        return {
          alice: { ...alice, invoice: aliceInvoice, payment: alicePayment },
          bob: { ...bob, invoice: bobInvoice, creditNote: credit.data.credit_note, payment: bobPayment },
        }
      }

      it("are all found in the file tree", () => {
        expect(storeRoutes.map((r) => `${r.method} ${r.pattern}`)).toEqual(
          expect.arrayContaining(["GET /store/customers/me/invoices/:id/pdf", "GET /store/customers/me/payments/:id/receipt", "GET /store/customers/me/billing/statement"])
        )
      })

      it("answer 401 without a customer login, with a forged token or with an admin's token", async () => {
        const key = { "x-publishable-api-key": store.publishableKey }
        const forged = generateJwtToken(
          { actor_id: "cus_forged", actor_type: "customer", auth_identity_id: "authid_forged", app_metadata: { customer_id: "cus_forged" }, user_metadata: {} },
          { secret: "not-the-server-secret", expiresIn: "1d" }
        )
        const wrong: string[] = []
        for (const route of storeRoutes) {
          const url = fillPattern(route.pattern, {}, "inv_security_probe") + (route.pattern.endsWith("/statement") ? "?currency_code=eur" : "")
          for (const [who, headers] of Object.entries({ "no login": key, "a forged token": { ...key, authorization: `Bearer ${forged}` }, "an admin's token": { ...key, ...admin } })) {
            const res = await send(route, url, headers)
            if (res.status !== 401) wrong.push(`${route.method} ${url} with ${who} → ${res.status} ${JSON.stringify(res.data).slice(0, 200)}`)
          }
        }
        expect(wrong).toEqual([])
      })

      it("give a customer only their own documents, payments, receipts and statement; anyone else's id is 404 and nothing of theirs shows", async () => {
        const { alice, bob } = await twoCustomers()
        // What would betray Bob: his email, names, ids, numbers, reference and amounts (50.52 invoice, 5.55 credit, 13.37 paid).
        const bobsData = [
          bob.customer.email, bob.customer.id, "Zyxwv", bob.invoice.id, bob.invoice.number, bob.creditNote.id, bob.creditNote.number,
          bob.payment.id, bob.payment.receipt_number, "BOB-REF-777", "50.52", "5.55", "13.37",
        ].filter(Boolean)
        expect(bobsData.length).toBeGreaterThanOrEqual(12)
        const leaks = (text: string) => bobsData.filter((secret) => text.includes(String(secret)))

        const problems: string[] = []
        const check = async (route: ApiRoute, url: string, expected: number, mustShow?: string) => {
          const res = await send(route, url, alice.headers, binary)
          const text = bodyText(res)
          if (res.status !== expected) problems.push(`${route.method} ${url} → ${res.status} (expected ${expected}): ${text.slice(0, 200)}`)
          const leaked = leaks(text)
          // A 404 names the id asked for, and only that: every other of Bob's data must be absent.
          const askedFor = decodeURIComponent(url.split("?")[0]).split("/")
          const reallyLeaked = leaked.filter((s) => !askedFor.includes(String(s)))
          if (reallyLeaked.length) problems.push(`${route.method} ${url} → ${res.status} shows Bob's ${reallyLeaked.join(", ")}: ${text.slice(0, 300)}`)
          if (mustShow && res.status === 200 && !text.includes(mustShow)) problems.push(`${route.method} ${url} does not show Alice's ${mustShow}: ${text.slice(0, 200)}`)
        }

        const own = { "invoices/:id": alice.invoice.id, "payments/:id": alice.payment.id }
        for (const route of storeRoutes) {
          if (!route.pattern.includes(":")) {
            const queries = route.pattern.endsWith("/statement")
              ? ["currency_code=eur", "currency_code=eur&format=csv", "currency_code=eur&format=pdf"]
              : ["", "limit=100"]
            for (const q of queries) await check(route, `${route.pattern}${q ? `?${q}` : ""}`, 200)
            // Naming someone else in the query is refused or ignored: never their data.
            const smuggled = await send(route, `${route.pattern}?currency_code=eur&customer_id=${bob.customer.id}`, alice.headers, binary)
            if (smuggled.status >= 500) problems.push(`${route.pattern}?customer_id=… → ${smuggled.status}`)
            const smuggledLeaks = leaks(bodyText(smuggled)).filter((s) => s !== bob.customer.id)
            if (smuggledLeaks.length) problems.push(`${route.pattern}?customer_id=${bob.customer.id} shows Bob's ${smuggledLeaks.join(", ")}`)
            continue
          }
          // Alice's own id works…
          await check(route, fillPattern(route.pattern, own), 200)
          // …Bob's ids, of every kind, answer like ids that do not exist.
          const bobIds = route.pattern.includes("/invoices/") ? [bob.invoice.id, bob.creditNote.id] : route.pattern.includes("/payments/") ? [bob.payment.id] : ["missing_0123"]
          for (const id of bobIds) {
            const url = fillPattern(route.pattern, { "invoices/:id": id, "payments/:id": id })
            await check(route, url, 404)
            const missing = await send(route, fillPattern(route.pattern, {}, id.replace(/.$/, "0")), alice.headers)
            const theirs = await send(route, url, alice.headers)
            // Bob's id and an unknown id are answered alike (but for the id echoed back).
            expect({ url, status: theirs.status, type: theirs.data?.type }).toEqual({ url, status: missing.status, type: missing.data?.type })
          }
        }
        // The lists show Alice's own documents and payments, so the checks above look at real answers.
        const invoices = (await api.get("/store/customers/me/invoices", { headers: alice.headers })).data.invoices.map((i: any) => i.id)
        expect(invoices).toEqual([alice.invoice.id])
        const payments = (await api.get("/store/customers/me/payments", { headers: alice.headers })).data.payments.map((p: any) => p.id)
        expect(payments).toEqual([alice.payment.id])
        const statement = bodyText(await api.get("/store/customers/me/billing/statement?currency_code=eur&format=csv", { headers: alice.headers }))
        expect(statement).toContain(alice.invoice.number)
        // And Bob, for his part, sees his own credit note and receipt.
        expect((await answer(api.get(`/store/customers/me/invoices/${bob.creditNote.id}/pdf`, { headers: bob.headers, ...binary }))).status).toBe(200)
        expect((await answer(api.get(`/store/customers/me/payments/${bob.payment.id}/receipt`, { headers: bob.headers, ...binary }))).status).toBe(200)
        expect(problems).toEqual([])
      })

      it("tell a customer about their own bad input without naming anyone else", async () => {
        const { alice, bob } = await twoCustomers()
        const bobsData = [bob.customer.email, bob.invoice.number, bob.creditNote.number, bob.payment.receipt_number, "50.52", "13.37"]
        const urls = [
          "/store/customers/me/billing/statement",
          "/store/customers/me/billing/statement?currency_code=xx",
          `/store/customers/me/billing/statement?currency_code=eur&from=${bob.invoice.number}`,
          "/store/customers/me/invoices?limit=0",
          `/store/customers/me/invoices?offset=-1&id=${bob.invoice.id}`,
          `/store/customers/me/invoices/${bob.invoice.number}`,
          `/store/customers/me/payments/${bob.payment.receipt_number}/receipt`,
        ]
        for (const url of urls) {
          const res = await answer(api.get(url, { headers: alice.headers }))
          expect({ url, status: res.status >= 400 && res.status < 500 }).toEqual({ url, status: true })
          const echoed = decodeURIComponent(url)
          const text = JSON.stringify(res.data)
          expect({ url, leaked: bobsData.filter((s) => text.includes(s) && !echoed.includes(s)) }).toEqual({ url, leaked: [] })
        }
      })
    })

    describe("the Stripe webhook", () => {
      const saved = process.env.BILLING_STRIPE_WEBHOOK_SECRETS
      beforeAll(() => {
        process.env.BILLING_STRIPE_WEBHOOK_SECRETS = WEBHOOK_SECRET
      })
      afterAll(() => {
        if (saved === undefined) delete process.env.BILLING_STRIPE_WEBHOOK_SECRETS
        else process.env.BILLING_STRIPE_WEBHOOK_SECRETS = saved
      })
      const event = (id: string) =>
        JSON.stringify({ id, object: "event", type: "customer.created", api_version: "2024-04-10", created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: "cus_stripe_sec" } } })
      const stored = async () => (await api.get("/admin/billing/stripe/events", { headers: admin })).data.count

      it("refuses forged events (no signature, wrong secret, another body, replayed outside the tolerance) and stores nothing", async () => {
        const body = event("evt_forged_1")
        const raw = { transformRequest: [(d: unknown) => d] }
        const before = await settledFingerprint(getContainer())
        const forged = {
          "no signature": answer(api.post("/hooks/billing/stripe", body, { headers: { "content-type": "application/json" }, ...raw })),
          "an empty signature": answer(api.post("/hooks/billing/stripe", body, { headers: { "content-type": "application/json", "stripe-signature": "" }, ...raw })),
          "a made-up signature": answer(
            api.post("/hooks/billing/stripe", body, { headers: { "content-type": "application/json", "stripe-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"ab".repeat(32)}` }, ...raw })
          ),
          "another secret": answer(postSignedStripeBody(api, body, { secret: "whsec_attacker" })),
          "a signature of another body": answer(postSignedStripeBody(api, body, { secret: WEBHOOK_SECRET, signedBody: event("evt_other") })),
          "a replay 10 minutes late": answer(postSignedStripeBody(api, body, { secret: WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 600 })),
          "a replay a day late": answer(postSignedStripeBody(api, body, { secret: WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 86_400 })),
        }
        for (const [what, pending] of Object.entries(forged)) {
          const res = await pending
          expect({ what, status: res.status }).toEqual({ what, status: 400 })
        }
        expect((await answer(postSignedStripeBody(api, body, { secret: WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 600 }))).data.message).toMatch(/too old/)
        expect(changedTables(before, await fingerprint(getContainer()))).toEqual([])
        expect(await stored()).toBe(0)

        // The same body, rightly signed and on time, is accepted: the refusals above are about the signature.
        const genuine = await answer(postSignedStripeBody(api, body, { secret: WEBHOOK_SECRET }))
        expect(genuine.status).toBe(200)
        expect(await stored()).toBe(1)
      })

      it("refuses every event while no webhook secret is configured", async () => {
        delete process.env.BILLING_STRIPE_WEBHOOK_SECRETS
        try {
          const res = await answer(postSignedStripeBody(api, event("evt_unconfigured"), { secret: WEBHOOK_SECRET }))
          expect(res.status).toBe(400)
          expect(res.data.message).toMatch(/No Stripe webhook secret is configured/)
          expect(await stored()).toBe(0)
        } finally {
          process.env.BILLING_STRIPE_WEBHOOK_SECRETS = WEBHOOK_SECRET
        }
      })
    })
  },
})

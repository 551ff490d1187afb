import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createDemoStore, DemoStore, placeOrderAndSettle, refuse, waitForDocuments } from "../helpers/billing"

jest.setTimeout(180_000)

// Medusa's role-based access control is behind the `rbac` feature flag. Set before the runner
// loads medusa-config (which registers the RBAC module only with the flag on) and boots the app.
process.env.MEDUSA_FF_RBAC = "true"

type Api = { get: Function; post: Function }
type Headers = Record<string, string>

/**
 * A user who signs in with email and password through Medusa's own auth route, so the token
 * carries the roles the user has at that moment (Medusa puts them in `app_metadata.roles`).
 */
async function createUser(container: MedusaContainer, email: string) {
  const user = await container.resolve(Modules.USER).createUsers({ email })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password: "s3cret-pass" } } as any)
  if (!authIdentity) {
    throw new Error(`Could not register ${email}: ${error}`)
  }
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
  return user
}

async function signIn(api: Api, email: string): Promise<Headers> {
  const { data } = await api.post("/auth/user/emailpass", { email, password: "s3cret-pass" })
  return { authorization: `Bearer ${data.token}` }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: DemoStore
    let owner: Headers
    let manager: Headers
    let viewer: Headers

    /** The ids of the billing policies Medusa stored for the given operations (every billing resource). */
    const billingPolicyIds = async (operations: string[]) => {
      const resources = ["invoice", "write_off", "payment", "customer", "reconciliation", "period", "report", "settings", "stripe"]
      const { data } = await api.get("/admin/rbac/policies", {
        headers: owner,
        params: { resource: resources.map((r) => `billing_${r}`), operation: operations, limit: 100 },
      })
      return data.policies.map((p: any) => p.id) as string[]
    }

    /** Creates a role through the admin API and gives it to the user, as a store owner would. */
    const giveRole = async (userId: string, name: string, policyIds: string[]) => {
      const { role } = (await api.post("/admin/rbac/roles", { name, policy_ids: policyIds }, { headers: owner })).data
      await api.post(`/admin/users/${userId}/roles`, { roles: [role.id] }, { headers: owner })
      return role
    }

    beforeEach(async () => {
      const container = getContainer()
      store = await createDemoStore(container)

      // The store owner holds Medusa's built-in super admin role (created by the RBAC module),
      // assigned the way Medusa's own migration script assigns it to existing users.
      const ownerUser = await createUser(container, "owner@billing.test")
      await container.resolve(ContainerRegistrationKeys.LINK).create({
        [Modules.USER]: { user_id: ownerUser.id },
        [Modules.RBAC]: { rbac_role_id: "role_super_admin" },
      })
      owner = await signIn(api, "owner@billing.test")

      const managerUser = await createUser(container, "manager@billing.test")
      await giveRole(managerUser.id, "Billing manager", await billingPolicyIds(["read", "create", "update", "delete"]))
      manager = await signIn(api, "manager@billing.test")

      const viewerUser = await createUser(container, "viewer@billing.test")
      await giveRole(viewerUser.id, "Billing viewer", await billingPolicyIds(["read"]))
      viewer = await signIn(api, "viewer@billing.test")
    })

    const lastMonth = () => {
      const now = new Date()
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7)
    }

    it("stores the plugin's billing policies, named as Medusa names its own", async () => {
      const { data } = await api.get("/admin/rbac/policies", { headers: owner, params: { resource: "billing_write_off", limit: 10 } })
      expect(data.policies.map((p: any) => [p.name, p.key]).sort()).toEqual([
        ["CreateBillingWriteOff", "billing_write_off:create"],
        ["DeleteBillingWriteOff", "billing_write_off:delete"],
        ["ReadBillingWriteOff", "billing_write_off:read"],
        ["UpdateBillingWriteOff", "billing_write_off:update"],
      ])
    })

    it("lets a read-only billing role list invoices but not record a payment, write off, close a period or change settings", async () => {
      const container = getContainer()
      const customer = await container.resolve(Modules.CUSTOMER).createCustomers({ email: "buyer@example.com" })
      const orderId = await placeOrderAndSettle(container, store, { email: customer.email, customer_id: customer.id })
      const [invoice] = await waitForDocuments(api, manager, orderId)

      const listed = await api.get(`/admin/invoices?order_id=${orderId}`, { headers: viewer })
      expect(listed.status).toBe(200)
      expect(listed.data.invoices.map((i: any) => i.id)).toEqual([invoice.id])
      expect((await api.get("/admin/billing/settings", { headers: viewer })).status).toBe(200)
      // What the admin reads to hide the actions the user may not take.
      const { permissions } = (await api.get("/admin/rbac/me/permissions", { headers: viewer })).data
      expect(permissions).toEqual(expect.arrayContaining(["billing_invoice:read", "billing_payment:read", "billing_settings:read"]))
      expect(permissions.filter((p: string) => !p.endsWith(":read"))).toEqual([])

      const settingsBefore = (await api.get("/admin/billing/settings", { headers: manager })).data.settings
      const refused = [
        await refuse(api.post("/admin/billing/payments", { customer_id: customer.id, currency_code: "eur", method: "bank_transfer", amount: 5 }, { headers: viewer })),
        await refuse(api.post(`/admin/invoices/${invoice.id}/write-off`, { amount: 1, reason: "small_balance" }, { headers: viewer })),
        await refuse(api.post("/admin/billing/periods", { period: lastMonth() }, { headers: viewer })),
        await refuse(api.post("/admin/billing/settings", { invoice_trigger: "manual" }, { headers: viewer })),
      ]
      expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403])
      expect(refused[0].data.message).toBe("Insufficient permissions. Required policies: billing_payment:create")
      expect(refused[1].data.message).toBe("Insufficient permissions. Required policies: billing_write_off:create")

      // Nothing changed.
      expect((await api.get(`/admin/billing/payments?customer_id=${customer.id}`, { headers: manager })).data.payments).toEqual([])
      expect((await api.get(`/admin/invoices/${invoice.id}`, { headers: manager })).data.invoice.amount_due).toBe(invoice.amount_due)
      expect((await api.get("/admin/billing/periods", { headers: manager })).data.periods).toEqual([])
      expect((await api.get("/admin/billing/settings", { headers: manager })).data.settings).toEqual(settingsBefore)
    })

    it("lets a role with every billing right record a payment, write off, close a period and change settings", async () => {
      const container = getContainer()
      const customer = await container.resolve(Modules.CUSTOMER).createCustomers({ email: "buyer@example.com" })
      const orderId = await placeOrderAndSettle(container, store, { email: customer.email, customer_id: customer.id })
      const [invoice] = await waitForDocuments(api, manager, orderId)

      const paid = await api.post(
        "/admin/billing/payments",
        { customer_id: customer.id, currency_code: "eur", method: "bank_transfer", amount: 5, allocate: [{ invoice_id: invoice.id, amount: 5 }] },
        { headers: manager }
      )
      expect(paid.status).toBe(201)
      const writtenOff = await api.post(`/admin/invoices/${invoice.id}/write-off`, { amount: 1, reason: "small_balance" }, { headers: manager })
      expect(writtenOff.data.invoice.amount_due).toBeCloseTo(invoice.amount_due - 6, 2)
      const closed = await api.post("/admin/billing/periods", { period: lastMonth() }, { headers: manager })
      expect(closed.data.period.period).toBe(lastMonth())
      const saved = await api.post("/admin/billing/settings", { invoice_trigger: "manual" }, { headers: manager })
      expect(saved.data.settings.invoice_trigger).toBe("manual")
    })

    it("refuses billing routes to a user without any role, and to the manager for Medusa's own areas it was not given", async () => {
      await createUser(getContainer(), "nobody@billing.test")
      const nobody = await signIn(api, "nobody@billing.test")
      expect((await refuse(api.get("/admin/invoices", { headers: nobody }))).status).toBe(403)
      expect((await refuse(api.get("/admin/products", { headers: manager }))).status).toBe(403)
      expect((await api.get("/admin/invoices", { headers: owner })).status).toBe(200)
    })
  },
})

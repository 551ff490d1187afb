import { readdirSync, readFileSync } from "fs"
import { join, relative, sep } from "path"
import { Policy } from "@medusajs/framework/utils"
import middlewares from "../../api/middlewares"
import { billingPolicies, BillingResource } from "../billing"

const adminDir = join(__dirname, "..", "..", "api", "admin")

/** Every admin route the plugin serves: "GET /admin/invoices/:id", from the route files' exported handlers. */
function adminRoutes(dir = adminDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      return entry.name === "__tests__" ? [] : adminRoutes(path)
    }
    if (entry.name !== "route.ts") {
      return []
    }
    const matcher =
      "/admin/" +
      relative(adminDir, dir)
        .split(sep)
        .map((segment) => segment.replace(/^\[(.+)\]$/, ":$1"))
        .join("/")
    const methods = [...readFileSync(path, "utf8").matchAll(/export const (GET|POST|DELETE|PUT|PATCH)\b/g)].map((m) => m[1])
    return methods.map((method) => `${method} ${matcher}`)
  })
}

const declared = middlewares.routes ?? []
const policiesOf = (route: string) => {
  const [method, matcher] = route.split(" ")
  return declared
    .filter((entry) => entry.matcher === matcher && [entry.method ?? entry.methods].flat().includes(method as any))
    .flatMap((entry) => [entry.policies ?? []].flat())
}

describe("billing roles", () => {
  it("defines read, create, update and delete for every billing resource, named as Medusa names its own", () => {
    const names = billingPolicies.policies.map((p) => p.name)
    expect(names).toContain("ReadBillingInvoice")
    expect(names).toContain("CreateBillingWriteOff")
    expect(names).toHaveLength(Object.keys(BillingResource).length * 4)
    expect(Policy.UpdateBillingSettings).toEqual(expect.objectContaining({ resource: "billing_settings", operation: "update" }))
  })

  it("has every admin route declare the billing policy it needs", () => {
    const routes = adminRoutes()
    expect(routes.length).toBeGreaterThan(50)
    const undeclared = routes.filter((route) => !policiesOf(route).length)
    expect(undeclared).toEqual([])
  })

  it("asks only for billing policies that exist", () => {
    const known = new Set(billingPolicies.policies.map((p) => `${p.resource}:${p.operation}`))
    const asked = adminRoutes().flatMap((route) => policiesOf(route).map((p) => `${p.resource}:${p.operation}`))
    expect(asked.filter((key) => !known.has(key))).toEqual([])
  })

  it("asks only for read on GET routes, so a read-only role sees every billing page", () => {
    const gets = adminRoutes().filter((route) => route.startsWith("GET "))
    expect(gets.filter((route) => policiesOf(route).some((p) => p.operation !== "read"))).toEqual([])
  })

  it("guards the actions a bookkeeper must not take with a read-only role", () => {
    expect(policiesOf("POST /admin/billing/payments")).toEqual([{ resource: "billing_payment", operation: "create" }])
    expect(policiesOf("POST /admin/invoices/:id/write-off")).toEqual([{ resource: "billing_write_off", operation: "create" }])
    expect(policiesOf("POST /admin/billing/periods")).toEqual([{ resource: "billing_period", operation: "create" }])
    expect(policiesOf("POST /admin/billing/settings")).toEqual([{ resource: "billing_settings", operation: "update" }])
  })
})

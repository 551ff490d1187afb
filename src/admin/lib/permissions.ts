import { useQuery } from "@tanstack/react-query"
import type { BillingResourceName } from "../../policies/billing"
import { sdk } from "./sdk"

export type BillingOperation = "read" | "create" | "update" | "delete"

type FeatureFlagsResponse = { feature_flags: Record<string, boolean> }
type MePermissionsResponse = { permissions: string[] }

/** Whether Medusa's role-based access control (feature flag `rbac`) is on for this store. */
export function useRbacEnabled() {
  const { data, isPending } = useQuery({
    // Not the dashboard's ["admin", "feature-flags"]: it caches a different shape under that key.
    queryKey: ["billing", "feature-flags"],
    queryFn: () => sdk.client.fetch<FeatureFlagsResponse>("/admin/feature-flags"),
    staleTime: Infinity,
  })
  return { enabled: data?.feature_flags?.rbac === true, isPending }
}

/**
 * True when `permissions` (as `GET /admin/rbac/me/permissions` lists them, "resource:operation")
 * allow the operation; "*:*" (a super admin) and "resource:*" allow everything they cover.
 */
export function allows(permissions: string[], resource: BillingResourceName, operation: BillingOperation) {
  return permissions.some((permission) => {
    const [r, o] = permission.split(":")
    return (r === "*" || r === resource) && (o === "*" || o === operation)
  })
}

/**
 * What the signed-in admin user may do in billing, from the roles Medusa's RBAC gives them.
 * With the `rbac` flag off every user may do everything, as the API then allows.
 *
 * `can` hides write actions until the answer arrives (a button that would flash and then go
 * away, or fail with 403, is worse than one that appears a moment later); `canRead` never
 * hides content while loading, so pages do not blink out for the users who may see them.
 */
export function useBillingPermissions() {
  const rbac = useRbacEnabled()
  const { data, isPending } = useQuery({
    queryKey: ["me-permissions"],
    queryFn: () => sdk.client.fetch<MePermissionsResponse>("/admin/rbac/me/permissions"),
    enabled: rbac.enabled,
    staleTime: 60_000,
  })
  const loading = rbac.isPending || (rbac.enabled && isPending)
  const permissions = data?.permissions ?? []

  const can = (resource: BillingResourceName, operation: BillingOperation) => {
    if (loading) return operation === "read"
    return !rbac.enabled || allows(permissions, resource, operation)
  }
  const canRead = (resource: BillingResourceName) => can(resource, "read")

  return { can, canRead, loading }
}

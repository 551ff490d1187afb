import type { MedusaContainer } from "@medusajs/framework/types"
import { generateJwtToken, Modules } from "@medusajs/framework/utils"

/**
 * Creates an admin user with an emailpass identity and returns request headers carrying a
 * bearer token for it, as Medusa's own integration tests do.
 */
export async function adminHeaders(container: MedusaContainer, email = "admin@billing.test") {
  const user = await container.resolve(Modules.USER).createUsers({ email })
  const authIdentity = await container.resolve(Modules.AUTH).createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email, provider_metadata: { password: "unused" } }],
    app_metadata: { user_id: user.id },
  })
  const { jwtSecret } = container.resolve("configModule").projectConfig.http
  const token = generateJwtToken(
    { actor_id: user.id, actor_type: "user", auth_identity_id: authIdentity.id, app_metadata: { user_id: user.id }, user_metadata: {} },
    { secret: jwtSecret as string, expiresIn: "1d" }
  )
  return { user, headers: { authorization: `Bearer ${token}` } }
}

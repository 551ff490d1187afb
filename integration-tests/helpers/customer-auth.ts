type Api = { post: Function }

/**
 * Registers a storefront customer through the store API (emailpass) and returns headers that
 * carry their token and the store's publishable key, as a storefront's requests do.
 */
export async function registerCustomer(api: Api, publishableKey: string, email: string, names = { first_name: "Test", last_name: "Customer" }) {
  const password = "secret-password"
  const keyHeader = { "x-publishable-api-key": publishableKey }
  const registration = await api.post("/auth/customer/emailpass/register", { email, password })
  const { data } = await api.post(
    "/store/customers",
    { email, ...names },
    { headers: { ...keyHeader, authorization: `Bearer ${registration.data.token}` } }
  )
  const login = await api.post("/auth/customer/emailpass", { email, password })
  return {
    customer: data.customer as { id: string; email: string },
    headers: { ...keyHeader, authorization: `Bearer ${login.data.token}` },
  }
}

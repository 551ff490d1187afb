import type { DemoAddress, DemoStore } from "../../src/scripts/lib/demo-store"

type Api = { get: Function; post: Function }

/**
 * Checks out a cart through the store API exactly as a storefront does:
 * cart → line items → addresses → shipping method → payment collection → session → complete.
 */
export async function checkoutThroughStoreApi(
  api: Api,
  store: DemoStore,
  input: { currency: "eur" | "jpy"; email: string; address: DemoAddress; items: { handle: string; quantity: number }[] }
) {
  const headers = { "x-publishable-api-key": store.publishableKey }
  const {
    data: { cart },
  } = await api.post("/store/carts", { region_id: store.regions[input.currency], email: input.email }, { headers })
  for (const item of input.items) {
    await api.post(`/store/carts/${cart.id}/line-items`, { variant_id: store.variants[item.handle], quantity: item.quantity }, { headers })
  }
  await api.post(`/store/carts/${cart.id}`, { shipping_address: input.address, billing_address: input.address }, { headers })
  const {
    data: { shipping_options },
  } = await api.get(`/store/shipping-options?cart_id=${cart.id}`, { headers })
  await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: shipping_options[0].id }, { headers })
  const {
    data: { payment_collection },
  } = await api.post("/store/payment-collections", { cart_id: cart.id }, { headers })
  await api.post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, { headers })
  const { data } = await api.post(`/store/carts/${cart.id}/complete`, {}, { headers })
  if (data.type !== "order") {
    throw new Error(`Cart did not complete: ${JSON.stringify(data.error ?? data)}`)
  }
  return data.order as { id: string; display_id: number; total: number; currency_code: string }
}

/**
 * Polls until `check` returns a value (subscribers run just after the request that emitted the
 * event). Waits as long as subscribers may take on a loaded machine (a CI run needed over 15 s).
 */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await check()
      if (value) return value
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`Timed out after ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ""}`)
}

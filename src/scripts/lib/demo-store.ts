import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  completeCartWorkflow,
  createApiKeysWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

/**
 * A small but real store: two regions (EUR with 19 % VAT, JPY with 10 % consumption tax),
 * a warehouse with shipping, a publishable key and a few products. Used by the demo seed
 * and by the integration tests, so both exercise the same catalog a storefront would.
 */
export type DemoStore = {
  salesChannelId: string
  publishableKey: string
  regions: { eur: string; jpy: string }
  shippingOptions: { eur: string; jpy: string }
  /** For customers sending items back. */
  returnShippingOption: string
  variants: Record<string, string>
}

export const DEMO_PRODUCTS = [
  { handle: "medusa-t-shirt", title: "Medusa T-Shirt", sku: "SHIRT-M", eur: 25, jpy: 3200 },
  { handle: "coffee-mug", title: "Coffee Mug 咖啡杯", sku: "MUG-1", eur: 12.5, jpy: 1650 },
  { handle: "notebook", title: "Notebook", sku: "NOTE-A5", eur: 9.99, jpy: 1299 },
]

export async function createDemoStore(container: MedusaContainer): Promise<DemoStore> {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const storeModule = container.resolve(Modules.STORE)

  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Webshop" }] },
  })

  const [store] = await storeModule.listStores()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        name: "Billing Demo Store",
        supported_currencies: [
          { currency_code: "eur", is_default: true },
          { currency_code: "jpy" },
        ],
        default_sales_channel_id: salesChannel.id,
      },
    },
  })

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        { name: "Europe", currency_code: "eur", countries: ["de", "fr", "nl"], payment_providers: ["pp_system_default"] },
        { name: "Japan", currency_code: "jpy", countries: ["jp"], payment_providers: ["pp_system_default"] },
      ],
    },
  })
  const eur = regions.find((r) => r.currency_code === "eur")!
  const jpy = regions.find((r) => r.currency_code === "jpy")!

  await createTaxRegionsWorkflow(container).run({
    input: [
      { country_code: "de", provider_id: "tp_system", default_tax_rate: { rate: 19, code: "DE-VAT19", name: "MwSt. 19 %" } },
      { country_code: "fr", provider_id: "tp_system", default_tax_rate: { rate: 20, code: "FR-TVA20", name: "TVA 20 %" } },
      { country_code: "nl", provider_id: "tp_system", default_tax_rate: { rate: 21, code: "NL-BTW21", name: "BTW 21 %" } },
      { country_code: "jp", provider_id: "tp_system", default_tax_rate: { rate: 10, code: "JP-CT10", name: "消費税 10%" } },
    ],
  })

  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Main warehouse", address: { city: "Berlin", country_code: "DE", address_1: "Lagerstr. 1" } }] },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })

  let [profile] = await fulfillment.listShippingProfiles({ type: "default" })
  if (!profile) {
    ;({
      result: [profile],
    } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default", type: "default" }] },
    }))
  }

  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: "Main warehouse shipping",
    type: "shipping",
    service_zones: [
      {
        name: "Europe and Japan",
        geo_zones: ["de", "fr", "nl", "jp"].map((country_code) => ({ country_code, type: "country" as const })),
      },
    ],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })

  const { result: shippingOptions } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard shipping",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "2–3 days", code: "standard" },
        prices: [
          { currency_code: "eur", amount: 4.95 },
          { currency_code: "jpy", amount: 800 },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
      {
        name: "Return shipping",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Return", description: "Customer sends items back", code: "return" },
        prices: [
          { currency_code: "eur", amount: 0 },
          { currency_code: "jpy", amount: 0 },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "true", operator: "eq" },
        ],
      },
    ],
  })

  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [salesChannel.id] },
  })

  const {
    result: [apiKey],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Webshop", type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: apiKey.id, add: [salesChannel.id] },
  })

  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: DEMO_PRODUCTS.map((p) => ({
        title: p.title,
        handle: p.handle,
        status: ProductStatus.PUBLISHED,
        shipping_profile_id: profile.id,
        options: [{ title: "Default", values: ["Default"] }],
        variants: [
          {
            title: "Default",
            sku: p.sku,
            options: { Default: "Default" },
            manage_inventory: false,
            prices: [
              { amount: p.eur, currency_code: "eur" },
              { amount: p.jpy, currency_code: "jpy" },
            ],
          },
        ],
        sales_channels: [{ id: salesChannel.id }],
      })),
    },
  })

  return {
    salesChannelId: salesChannel.id,
    publishableKey: apiKey.token,
    regions: { eur: eur.id, jpy: jpy.id },
    shippingOptions: { eur: shippingOptions[0].id, jpy: shippingOptions[0].id },
    returnShippingOption: shippingOptions[1].id,
    variants: Object.fromEntries(products.map((p) => [p.handle, p.variants[0].id])),
  }
}

export type DemoAddress = {
  first_name: string
  last_name: string
  company?: string
  address_1: string
  city: string
  postal_code: string
  country_code: string
  phone?: string
}

/** Places an order the way the storefront checkout does (cart → shipping → payment → complete). */
export async function placeDemoOrder(
  container: MedusaContainer,
  store: DemoStore,
  input: {
    currency: "eur" | "jpy"
    email: string
    customer_id?: string
    address: DemoAddress
    items: { handle: string; quantity: number }[]
  }
): Promise<string> {
  const { result: cart } = await createCartWorkflow(container).run({
    input: {
      region_id: store.regions[input.currency],
      sales_channel_id: store.salesChannelId,
      email: input.email,
      customer_id: input.customer_id,
      shipping_address: input.address,
      billing_address: input.address,
      items: input.items.map((i) => ({ variant_id: store.variants[i.handle], quantity: i.quantity })),
    },
  })
  await addShippingMethodToCartWorkflow(container).run({
    input: { cart_id: cart.id, options: [{ id: store.shippingOptions[input.currency] }] },
  })
  const { result: collection } = await createPaymentCollectionForCartWorkflow(container).run({
    input: { cart_id: cart.id },
  })
  await createPaymentSessionsWorkflow(container).run({
    input: { payment_collection_id: (collection as any).id, provider_id: "pp_system_default" },
  })
  const { result } = await completeCartWorkflow(container).run({ input: { id: cart.id } })
  return result.id
}

import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// The development store: it loads the billing plugin from this repository's own `src/`.
// With REDIS_URL set, Medusa's Redis event bus, workflow engine, cache and locking are used,
// so several Medusa processes (MEDUSA_WORKER_MODE=server|worker) can share the work.
const redisUrl = process.env.REDIS_URL

const redisModules = redisUrl
  ? [
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      { resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
          ],
        },
      },
    ]
  : []

// Medusa's own Stripe payment provider (webhook `/hooks/payment/stripe_stripe`), only when both
// MEDUSA_STRIPE_API_KEY and MEDUSA_STRIPE_WEBHOOK_SECRET are set: `npm run bench stripe` sets them
// to measure Medusa's webhook endpoint next to the plugin's on the same server. Without them the
// payment module keeps its default (system) provider only.
const medusaStripe =
  process.env.MEDUSA_STRIPE_API_KEY && process.env.MEDUSA_STRIPE_WEBHOOK_SECRET
    ? [
        {
          resolve: "@medusajs/medusa/payment",
          options: {
            providers: [
              {
                resolve: "@medusajs/medusa/payment-stripe",
                id: "stripe",
                options: { apiKey: process.env.MEDUSA_STRIPE_API_KEY, webhookSecret: process.env.MEDUSA_STRIPE_WEBHOOK_SECRET },
              },
            ],
          },
        },
      ]
    : []

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server") || "shared",
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:9000,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.DISABLE_MEDUSA_ADMIN === "true",
  },
  modules: [
    { resolve: "./src/modules/billing" },
    // Emails (invoices, credit notes) go to Medusa's local provider in development: it logs them.
    // Merchants configure their own provider for the "email" channel (e.g. SendGrid).
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/notification-local", id: "local", options: { name: "Local email", channels: ["email"] } },
          // The admin's notification feed (the bell): billing's overdue and unpaid-order alerts.
          { resolve: "@medusajs/medusa/notification-local", id: "feed", options: { name: "Admin feed", channels: ["feed"] } },
        ],
      },
    },
    // Medusa's role-based access control (feature flag `rbac`, MEDUSA_FF_RBAC=true). The module is
    // named here because Medusa reads its own default module list before it registers the `rbac`
    // flag, so the flag alone leaves the module (roles, policies, their tables) out.
    { resolve: "@medusajs/medusa/rbac", disable: process.env.MEDUSA_FF_RBAC !== "true" },
    ...redisModules,
    ...medusaStripe,
  ],
})

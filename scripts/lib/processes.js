// Helpers of `npm run test:processes` (scripts/test-processes.js): Medusa processes of this app
// started and killed by the test, the storefront checkout over HTTP, and Stripe deliveries.
const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")
const { medusaBin } = require("./env")

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * A `medusa start` of this repository's app in MEDUSA_WORKER_MODE `mode` ("server" answers HTTP;
 * "worker" runs subscribers, workflows and scheduled jobs and only answers /health), in its own
 * process group so that kill -9 reaches all of it. Its output goes to `logFile`.
 */
class MedusaProcess {
  constructor({ root, name, mode, port, env, logFile }) {
    Object.assign(this, { root, name, mode, port, env, logFile })
    this.child = null
    this.starts = 0
  }

  get url() {
    return `http://localhost:${this.port}`
  }

  start() {
    this.starts += 1
    fs.appendFileSync(this.logFile, `\n===== start ${this.starts} of ${this.name} (${this.mode}) at ${new Date().toISOString()}\n`)
    const out = fs.openSync(this.logFile, "a")
    this.child = spawn(medusaBin(this.root), ["start", "-p", String(this.port)], {
      cwd: this.root,
      env: { ...this.env, MEDUSA_WORKER_MODE: this.mode, PORT: String(this.port) },
      stdio: ["ignore", out, out],
      detached: true,
    })
    fs.closeSync(out)
    this.exited = new Promise((resolve) => this.child.once("exit", (code, signal) => resolve({ code, signal })))
    return this
  }

  /** Resolves once /health answers; rejects with the end of the log when the process dies or times out. */
  async ready(timeoutMs = 180_000) {
    const deadline = Date.now() + timeoutMs
    let dead = null
    this.exited.then((r) => (dead = r))
    while (Date.now() < deadline) {
      if (dead) throw new Error(`${this.name} exited (${dead.signal || dead.code}) before it was ready:\n${this.logTail()}`)
      const ok = await fetch(`${this.url}/health`).then((r) => r.ok).catch(() => false)
      if (ok) return
      await sleep(300)
    }
    throw new Error(`${this.name} did not answer /health within ${timeoutMs / 1000} s:\n${this.logTail()}`)
  }

  logTail(chars = 3000) {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, "utf8").slice(-chars) : ""
  }

  /** kill -9 of the whole process group: no shutdown hook runs, as in a crash or an OOM kill. */
  async crash() {
    this.signal("SIGKILL")
    await this.exited
  }

  /** Asks for a graceful stop, and kills what is left after `graceMs`. */
  async stop(graceMs = 5000) {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return
    this.signal("SIGTERM")
    const timer = setTimeout(() => this.signal("SIGKILL"), graceMs)
    await this.exited
    clearTimeout(timer)
    this.signal("SIGKILL")
  }

  signal(signal) {
    try {
      process.kill(-this.child.pid, signal)
    } catch {
      // already gone
    }
  }
}

/** A storefront request; throws with the route and Medusa's message when not 2xx. */
async function storeRequest(base, publishableKey, method, route, body) {
  const res = await fetch(base + route, {
    method,
    headers: { "content-type": "application/json", "x-publishable-api-key": publishableKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await res.json().catch(() => null)
  if (!res.ok) {
    const e = new Error(`${method} ${route} answered ${res.status}: ${json?.message ?? JSON.stringify(json)}`)
    e.status = res.status
    throw e
  }
  return json
}

/**
 * Checks out one cart through the store API as a storefront does (cart with its item and
 * addresses → shipping method → payment collection → session → complete). `pick(attempt)` names
 * the server for each request, as a load balancer would; a request that gets no answer (the
 * server was killed) is sent again to the next pick, as a storefront retries.
 */
async function checkout(pick, store, { email, address, variantId }) {
  const call = async (method, route, body) => {
    let last
    for (let attempt = 0; attempt < 25; attempt++) {
      const server = pick(attempt)
      try {
        return await storeRequest(server.url, store.publishableKey, method, route, body)
      } catch (e) {
        last = e
        // Other 4xx are answers (a bug in the test or the app): not retried. A 409 says the cart
        // is locked by a request in flight, or by a killed server until its lock expires.
        if (e.status && e.status < 500 && e.status !== 409) throw e
        await sleep(Math.min(2000, 250 * (attempt + 1)))
      }
    }
    throw last
  }
  const { cart } = await call("POST", "/store/carts", {
    region_id: store.regions.eur,
    email,
    items: [{ variant_id: variantId, quantity: 1 }],
    shipping_address: address,
    billing_address: address,
  })
  await call("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: store.shippingOptions.eur })
  const { payment_collection } = await call("POST", "/store/payment-collections", { cart_id: cart.id })
  await call("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
  // Completing a cart again returns its order: a retry after a lost answer places nothing twice.
  const done = await call("POST", `/store/carts/${cart.id}/complete`, {})
  if (done.type !== "order") throw new Error(`Cart ${cart.id} did not complete: ${JSON.stringify(done.error ?? done)}`)
  return { id: done.order.id, total: done.order.total }
}

function stripeSdk() {
  const Stripe = require("stripe")
  return Stripe.webhooks ? Stripe : Stripe.default
}

/**
 * Delivers a Stripe event to billing's endpoint as Stripe does: the raw JSON with a fresh
 * Stripe-Signature. Resolves with { status, body }, or { status: 0 } when nothing answered.
 */
async function deliverStripeEvent(base, event, secret) {
  const payload = JSON.stringify(event)
  const signature = stripeSdk().webhooks.generateTestHeaderString({ payload, secret })
  try {
    const res = await fetch(`${base}/hooks/billing/stripe`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      body: payload,
    })
    return { status: res.status, body: await res.json().catch(() => null) }
  } catch (e) {
    return { status: 0, error: e.cause?.code || e.message }
  }
}

/** Runs `worker(item, index)` over `items` with at most `concurrency` at a time. */
async function mapLimit(items, concurrency, worker) {
  const results = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        results[i] = await worker(items[i], i)
      }
    })
  )
  return results
}

/** Polls `check` until it returns a truthy value; returns the last value (falsy) after `timeoutMs`. */
async function waitFor(check, timeoutMs, intervalMs = 500) {
  const deadline = Date.now() + timeoutMs
  let value
  while (Date.now() < deadline) {
    value = await check()
    if (value) return value
    await sleep(intervalMs)
  }
  return value
}

module.exports = { MedusaProcess, checkout, deliverStripeEvent, mapLimit, waitFor, sleep, logDir: (root) => path.join(root, ".cache", "processes") }

// A fake of Stripe's REST API on a local port. Plain CommonJS so that the jest specs (through
// fake-stripe.ts, which gives it its types and documents it) and the plain-Node e2e script
// (scripts/test-e2e.js) start the same fake.
const { randomBytes } = require("crypto")
const http = require("http")

const FAKE_STRIPE_API_KEY = "sk_test_fake_billing"

const emptyState = () => ({
  events: [],
  balanceTransactions: [],
  payouts: [],
  charges: [],
  paymentIntents: [],
  refunds: [],
  disputes: [],
  checkoutSessions: [],
})

/** Stripe-like random id: `prefix_` and 24 characters. */
const fakeStripeId = (prefix) => `${prefix}_${randomBytes(12).toString("hex")}`

/**
 * Parses `a[b][0][c]=1&types[]=x` into nested objects; objects whose keys are all indexes become
 * arrays. Values stay strings.
 */
function parseStripeForm(text) {
  const root = {}
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const match = rawKey.match(/^([^[]*)((?:\[[^\]]*\])*)$/)
    const keys = match ? [match[1], ...(match[2].match(/\[([^\]]*)\]/g) ?? []).map((k) => k.slice(1, -1))] : [rawKey]
    let node = root
    keys.forEach((key, i) => {
      const k = key === "" ? String(Object.keys(node).length) : key
      if (i === keys.length - 1) {
        node[k] = value
      } else {
        node[k] = node[k] && typeof node[k] === "object" ? node[k] : {}
        node = node[k]
      }
    })
  }
  const arrays = (value) => {
    if (!value || typeof value !== "object") return value
    const keys = Object.keys(value)
    for (const k of keys) value[k] = arrays(value[k])
    if (keys.length && keys.every((k) => /^\d+$/.test(k))) {
      return keys.sort((a, b) => Number(a) - Number(b)).map((k) => value[k])
    }
    return value
  }
  return arrays(root)
}

class StripeHttpError extends Error {
  constructor(status, body) {
    super(body.message)
    this.status = status
    this.body = body
  }
}

const invalid = (message, param, status = 400) =>
  new StripeHttpError(status, { type: "invalid_request_error", message, ...(param ? { param } : {}) })
const missing = (noun, id) =>
  new StripeHttpError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such ${noun}: '${id}'`, param: "id" })

const asArray = (value) =>
  value === undefined ? [] : Array.isArray(value) ? value.map(String) : typeof value === "object" && value ? Object.values(value).map(String) : [String(value)]

/** `created[gte]=…` style range filters (or an exact `created=…`). */
function matchesRange(value, filter, param) {
  if (filter === undefined) return true
  if (typeof filter !== "object" || filter === null) {
    if (!/^\d+$/.test(String(filter))) throw invalid(`Invalid integer: ${filter}`, param)
    return value === Number(filter)
  }
  for (const [op, raw] of Object.entries(filter)) {
    if (!/^\d+$/.test(String(raw))) throw invalid(`Invalid integer: ${raw}`, `${param}[${op}]`)
    const bound = Number(raw)
    const v = Number(value ?? NaN)
    if (op === "gt" && !(v > bound)) return false
    if (op === "gte" && !(v >= bound)) return false
    if (op === "lt" && !(v < bound)) return false
    if (op === "lte" && !(v <= bound)) return false
    if (!["gt", "gte", "lt", "lte"].includes(op)) throw invalid(`Received unknown parameter: ${param}[${op}]`, `${param}[${op}]`)
  }
  return true
}

const idOf = (v) => (typeof v === "string" ? v : v && typeof v === "object" ? v.id : undefined)
const typeMatches = (type, pattern) =>
  pattern.includes("*") ? new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.]/g, "\\.")).join(".*")}$`).test(type) : type === pattern

/** Each collection: its path, its key in the state, its noun in errors and its list filters. */
const RESOURCES = [
  {
    path: "/v1/events",
    key: "events",
    noun: "event",
    filter: (e, q) => {
      if (q.type !== undefined && !typeMatches(e.type, String(q.type))) return false
      const types = asArray(q.types)
      if (types.length && !types.some((t) => typeMatches(e.type, t))) return false
      if (q.delivery_success !== undefined) {
        const delivered = !Number(e.pending_webhooks ?? 0)
        if (String(q.delivery_success) !== String(delivered)) return false
      }
      return true
    },
  },
  {
    path: "/v1/balance_transactions",
    key: "balanceTransactions",
    noun: "balance transaction",
    filter: (t, q) =>
      (q.payout === undefined || t.payout === q.payout || idOf(t.payout) === q.payout) &&
      (q.source === undefined || idOf(t.source) === q.source) &&
      (q.type === undefined || t.type === q.type) &&
      (q.currency === undefined || t.currency === q.currency),
  },
  {
    path: "/v1/payouts",
    key: "payouts",
    noun: "payout",
    filter: (p, q) => (q.status === undefined || p.status === q.status) && matchesRange(p.arrival_date, q.arrival_date, "arrival_date"),
  },
  { path: "/v1/charges", key: "charges", noun: "charge", filter: (c, q) => q.payment_intent === undefined || idOf(c.payment_intent) === q.payment_intent },
  { path: "/v1/payment_intents", key: "paymentIntents", noun: "payment_intent" },
  {
    path: "/v1/refunds",
    key: "refunds",
    noun: "refund",
    filter: (r, q) => (q.charge === undefined || idOf(r.charge) === q.charge) && (q.payment_intent === undefined || idOf(r.payment_intent) === q.payment_intent),
  },
  { path: "/v1/disputes", key: "disputes", noun: "dispute" },
  {
    path: "/v1/checkout/sessions",
    key: "checkoutSessions",
    noun: "checkout.session",
    filter: (s, q) => q.payment_intent === undefined || idOf(s.payment_intent) === q.payment_intent,
  },
]

async function startFakeStripe(options = {}) {
  const state = emptyState()
  const requests = []
  const failures = []
  const idempotent = new Map()
  // Seeding order breaks ties between objects created in the same second (latest seeded first).
  const seq = new WeakMap()
  let counter = 0
  const order = (o) => {
    if (!seq.has(o)) seq.set(o, ++counter)
    return seq.get(o)
  }

  // Ids of each collection, rebuilt when the collection grows (tests push objects into it): a
  // listing of 100,000 expanded objects looks each source up in constant time.
  const byId = new Map()
  const findAnywhere = (id) => {
    for (const key of Object.keys(state)) {
      let index = byId.get(key)
      if (!index || index.size !== state[key].length) {
        index = new Map(state[key].map((o) => [o.id, o]))
        byId.set(key, index)
      }
      const found = index.get(id)
      if (found) return found
    }
  }

  /** Replaces id strings named by `expand` paths (`source`, `data.source`) with their objects. */
  const expand = (value, paths, inList) => {
    if (!paths.length) return value
    const copy = JSON.parse(JSON.stringify(value))
    for (const path of paths) {
      const parts = path.split(".")
      if (inList && parts[0] === "data") parts.shift()
      else if (inList) continue
      const apply = (node, rest) => {
        if (!node || typeof node !== "object" || !rest.length) return
        const [head, ...tail] = rest
        if (!tail.length) {
          if (typeof node[head] === "string") node[head] = JSON.parse(JSON.stringify(findAnywhere(node[head]) ?? node[head]))
        } else {
          apply(node[head], tail)
        }
      }
      for (const item of inList ? copy.data : [copy]) apply(item, parts)
    }
    return copy
  }

  // A listing's filtered and sorted objects, kept for its next pages while the collection does not
  // grow, so paging through 1,000 pages does not filter and sort the whole collection 1,000 times.
  const sorted = new Map()
  const sortedFor = (resource, query) => {
    const { limit: _limit, starting_after: _after, ending_before: _before, expand: _expand, ...filters } = query
    const key = `${resource.key}:${state[resource.key].length}:${JSON.stringify(filters)}`
    // A first page always reads the collection afresh (objects may have changed since).
    const paging = query.starting_after !== undefined || query.ending_before !== undefined
    let entry = paging ? sorted.get(key) : undefined
    if (!entry) {
      const items = state[resource.key]
        .filter((o) => matchesRange(o.created, query.created, "created") && (!resource.filter || resource.filter(o, query)))
        .sort((a, b) => (b.created ?? 0) - (a.created ?? 0) || order(b) - order(a))
      entry = { items, position: new Map(items.map((o, i) => [o.id, i])) }
      sorted.clear()
      sorted.set(key, entry)
    }
    return entry
  }

  const list = (resource, query) => {
    const limit = query.limit === undefined ? 10 : Number(query.limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw invalid("This value must be greater than or equal to 1 and less than or equal to 100.", "limit")
    }
    const { items, position } = sortedFor(resource, query)
    let page
    let hasMore
    if (query.starting_after !== undefined) {
      const index = position.get(query.starting_after) ?? -1
      if (index < 0) throw invalid(`Invalid starting_after id: ${query.starting_after}`, "starting_after")
      page = items.slice(index + 1, index + 1 + limit)
      hasMore = index + 1 + limit < items.length
    } else if (query.ending_before !== undefined) {
      const index = position.get(query.ending_before) ?? -1
      if (index < 0) throw invalid(`Invalid ending_before id: ${query.ending_before}`, "ending_before")
      page = items.slice(Math.max(0, index - limit), index)
      hasMore = index - limit > 0
    } else {
      page = items.slice(0, limit)
      hasMore = limit < items.length
    }
    return { object: "list", data: page, has_more: hasMore, url: resource.path }
  }

  const createCheckoutSession = (body) => {
    const lineItems = Array.isArray(body.line_items) ? body.line_items : []
    let currency = body.currency ? String(body.currency).toLowerCase() : undefined
    let total = 0
    for (const item of lineItems) {
      const price = item.price_data ?? {}
      if (price.unit_amount === undefined && price.unit_amount_decimal === undefined) {
        throw invalid("You must specify either `price` or `price_data` with `unit_amount` in `line_items`.", "line_items")
      }
      currency ??= price.currency ? String(price.currency).toLowerCase() : undefined
      total += Number(price.unit_amount ?? price.unit_amount_decimal) * Number(item.quantity ?? 1)
    }
    if (!lineItems.length && body.mode !== "setup") throw invalid("Missing required param: line_items.", "line_items")
    const id = `cs_test_${randomBytes(16).toString("hex")}`
    const now = Math.floor(Date.now() / 1000)
    const session = {
      id,
      object: "checkout.session",
      url: `https://checkout.stripe.test/c/pay/${id}`,
      mode: body.mode ?? "payment",
      status: "open",
      payment_status: "unpaid",
      amount_subtotal: total,
      amount_total: total,
      currency: currency ?? null,
      customer: body.customer ?? null,
      customer_email: body.customer_email ?? null,
      client_reference_id: body.client_reference_id ?? null,
      locale: body.locale ?? null,
      metadata: body.metadata ?? {},
      payment_intent: null,
      payment_intent_data: body.payment_intent_data ?? null,
      success_url: body.success_url ?? null,
      cancel_url: body.cancel_url ?? null,
      expires_at: body.expires_at ? Number(body.expires_at) : now + 24 * 3600,
      created: now,
      livemode: false,
      line_items: lineItems,
    }
    state.checkoutSessions.push(session)
    return session
  }

  const route = (method, path, query, body) => {
    const expandPaths = asArray(method === "GET" ? query.expand : body.expand)
    if (method === "POST" && path === "/v1/checkout/sessions") return createCheckoutSession(body)
    const expire = path.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/)
    if (method === "POST" && expire) {
      const session = state.checkoutSessions.find((s) => s.id === expire[1])
      if (!session) throw missing("checkout.session", expire[1])
      if (session.status !== "open") throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`)
      session.status = "expired"
      session.url = null
      return session
    }
    if (method === "GET") {
      for (const resource of RESOURCES) {
        if (path === resource.path) return expand(list(resource, query), expandPaths, true)
        if (path.startsWith(`${resource.path}/`)) {
          const id = decodeURIComponent(path.slice(resource.path.length + 1))
          if (id.includes("/")) break
          const found = state[resource.key].find((o) => o.id === id)
          if (!found) throw missing(resource.noun, id)
          return expand(found, expandPaths, false)
        }
      }
    }
    throw invalid(`Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`, undefined, 404)
  }

  const server = http.createServer((req, res) => {
    const chunks = []
    req.on("data", (c) => chunks.push(c))
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1")
      const method = (req.method ?? "GET").toUpperCase()
      const raw = Buffer.concat(chunks).toString("utf8")
      const query = parseStripeForm(url.search.slice(1))
      const body = /json/.test(String(req.headers["content-type"])) && raw ? JSON.parse(raw) : parseStripeForm(raw)
      const idempotencyKey = req.headers["idempotency-key"]
      const entry = {
        method,
        path: url.pathname,
        query,
        body,
        ...(idempotencyKey ? { idempotency_key: idempotencyKey } : {}),
        ...(req.headers["stripe-account"] ? { stripe_account: String(req.headers["stripe-account"]) } : {}),
        status: 0,
      }
      requests.push(entry)
      const send = (status, payload) => {
        entry.status = status
        res.writeHead(status, { "content-type": "application/json", "request-id": fakeStripeId("req") })
        res.end(JSON.stringify(payload))
      }
      const auth = String(req.headers.authorization ?? "")
      const key = auth.startsWith("Bearer ") ? auth.slice(7) : ""
      if (!/^(sk|rk)_/.test(key) || (options.apiKey && key !== options.apiKey)) {
        send(401, {
          error: {
            type: "invalid_request_error",
            message: key ? `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}` : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
          },
        })
        return
      }
      const failureIndex = failures.findIndex(
        (f) => (!f.method || f.method.toUpperCase() === method) && (typeof f.path === "string" ? f.path === url.pathname : f.path.test(url.pathname))
      )
      if (failureIndex >= 0) {
        const failure = failures[failureIndex]
        failure.times = (failure.times ?? 1) - 1
        if (failure.times <= 0) failures.splice(failureIndex, 1)
        send(failure.status, { error: { type: failure.status >= 500 ? "api_error" : "invalid_request_error", message: "Simulated failure", ...failure.error } })
        return
      }
      const idemKey = method === "POST" && idempotencyKey ? `${key} ${idempotencyKey}` : null
      if (idemKey && idempotent.has(idemKey)) {
        const previous = idempotent.get(idemKey)
        send(previous.status, previous.body)
        return
      }
      let status = 200
      let payload
      try {
        payload = route(method, url.pathname, query, body)
      } catch (e) {
        if (!(e instanceof StripeHttpError)) {
          status = 500
          payload = { error: { type: "api_error", message: e.message } }
        } else {
          status = e.status
          payload = { error: e.body }
        }
      }
      if (idemKey) idempotent.set(idemKey, { status, body: payload })
      send(status, payload)
    })
  })

  await new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => resolve())
  })
  const port = server.address().port
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    port,
    state,
    requests,
    failures,
    failNext(failure) {
      failures.push({ times: 1, ...failure })
    },
    addEvent(type, object, extra = {}) {
      const event = {
        id: fakeStripeId("evt"),
        object: "event",
        api_version: "2025-10-29.clover",
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        pending_webhooks: 0,
        request: { id: null, idempotency_key: null },
        type,
        data: { object },
        ...extra,
      }
      state.events.push(event)
      return event
    },
    client(apiKey = options.apiKey ?? FAKE_STRIPE_API_KEY) {
      // Loaded here: the e2e script only serves the fake and needs no SDK.
      const Stripe = require("stripe")
      return new Stripe(apiKey, { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0, telemetry: false })
    },
    env(apiKey = options.apiKey ?? FAKE_STRIPE_API_KEY) {
      return { BILLING_STRIPE_API_KEY: apiKey, BILLING_STRIPE_API_URL: url }
    },
    reset() {
      for (const key of Object.keys(state)) state[key].length = 0
      requests.length = 0
      failures.length = 0
      idempotent.clear()
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

module.exports = { FAKE_STRIPE_API_KEY, fakeStripeId, parseStripeForm, startFakeStripe }

import fc from "fast-check"

/**
 * Random and malformed inputs for the bad-input sweep: bodies and query strings built around a
 * route's own field names (from its zod schemas) with wrong-typed and edge values.
 */

export type SweepCase =
  | { kind: "json"; body: unknown; query: string }
  | { kind: "raw"; body: string; query: string }
  | { kind: "query"; query: string }

/** Values that break naive code: wrong types, edges of numbers and dates, huge and odd strings. */
export function edgeValue(realIds: string[]) {
  return fc.oneof(
    fc.constantFrom<unknown>(
      -1, 0, -0.01, 0.1 + 0.2, 1e21, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 1.23456789,
      "NaN", "Infinity", "-Infinity", "1e999", "-1", "0", "0x10", "12,50", "", " ", "\t\n",
      "x".repeat(5000), "€".repeat(600), "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 中文 ‮ \u0000", "null", "true", "undefined",
      "2026-02-30", "1970-01-01", "9999-12-31", "0000-01-01", "0001-01-01", "+275760-09-13T00:00:00Z", "-000001-01-01", "0000-00-00", "2026-13-01T99:00:00Z", "yesterday",
      "../../../etc/passwd", "' OR 1=1 --", "<script>alert(1)</script>", "${7*7}", "{{constructor}}",
      "eur", "EUR", "xyz", "jpy", "auto", "none", "draft", "void", "*", "-created_at", "id,,,", "__proto__",
      null, true, false, [], [null], [[[]]], {}, { $ne: null }, { $gt: "" }, JSON.parse("{\"__proto__\": {\"polluted\": 1}}"), { constructor: { prototype: {} } },
      { a: { b: { c: { d: { e: [1, { f: "g" }] } } } } }
    ),
    fc.constantFrom(...(realIds.length ? realIds : ["missing_0123"])),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constantFrom(...realIds, "x")), { maxLength: 4 }),
    fc.jsonValue({ maxDepth: 3 })
  )
}

const MALFORMED = [
  "{", "}", "{\"a\":", "[1,2", "nul", "{\"amount\": NaN}", "{'amount': 1}", "{\"a\":1}}", "\u0000", "\"just a string\"", "42",
  "true", "null", "[]", "{\"a\": 01}", "{\"a\": \"\\x41\"}", "{\"__proto__\": {\"polluted\": true}}", "{\"a\":1,\"a\":{\"b\":[}", "\uFEFF{}",
  "x".repeat(2000), "{\"a\":\"" + "\\u00".repeat(10) + "\"}", "[".repeat(5000), "%7B%7D", "a=1&b=2",
]

/** A query string: the route's fields and some odd ones, with edge values, in qs's bracket syntax too. */
function queryArb(keys: string[], realIds: string[]) {
  const key = fc.oneof(
    fc.constantFrom(...(keys.length ? keys : ["q"]), "limit", "offset", "order", "fields", "q", "id", "expand", "format", "currency_code"),
    fc.string({ minLength: 1, maxLength: 12 })
  )
  const value = fc.oneof(
    fc.constantFrom(
      "-1", "0", "1e309", "NaN", "", "x".repeat(3000), "中文", "\u0000", "true", "null", "[]", "{}", "*", "+*", "-", "--",
      "id;drop table billing_invoice", "2026-02-30", "1970-01-01", "9999-12-31", "0000-01-01", "0001-01-01", "eur", "pdf", "csv", "xlsx", "json", "*customer", "secret,*", "9".repeat(40),
      ...realIds
    ),
    fc.string({ maxLength: 30 }),
    fc.integer().map(String)
  )
  const suffix = fc.constantFrom("", "", "", "[]", "[0]", "[$ne]", "[$gt]", "[a][b]", "[__proto__]")
  const pair = fc.tuple(key, suffix, value).map(([k, s, v]) => `${encodeURIComponent(k)}${s}=${encodeURIComponent(v)}`)
  return fc.oneof(
    { weight: 5, arbitrary: fc.array(pair, { minLength: 1, maxLength: 4 }).map((p) => p.join("&")) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom("&&&", "=", "a", "%", "%zz", "a[=1", "a]]=1", "limit=1&limit=2&limit=x", "a[b][c][d][e][f][g][h][i][j][k][l]=1") }
  )
}

/** The cases for one route: random bodies (for POST), malformed JSON and random queries. */
export function casesFor(method: string, bodyKeys: string[], queryKeys: string[], realIds: string[]) {
  const query = fc.oneof({ weight: 3, arbitrary: fc.constant("") }, { weight: 2, arbitrary: queryArb(queryKeys, realIds) })
  const value = edgeValue(realIds)
  const known = bodyKeys.length ? bodyKeys : ["amount", "id", "reason"]
  const fields = fc.record(Object.fromEntries(known.map((k) => [k, value])), { requiredKeys: [] })
  const withStranger = fc.tuple(fields, fc.string({ minLength: 1, maxLength: 10 }), value).map(([f, k, v]) => ({ ...f, [k]: v }))
  if (method === "GET" || method === "DELETE") {
    return queryArb([...queryKeys, ...bodyKeys], realIds).map((q): SweepCase => ({ kind: "query", query: q }))
  }
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fields, query).map(([body, q]): SweepCase => ({ kind: "json", body, query: q })) },
    { weight: 1, arbitrary: fc.tuple(withStranger, query).map(([body, q]): SweepCase => ({ kind: "json", body, query: q })) },
    { weight: 1, arbitrary: fc.tuple(fc.jsonValue({ maxDepth: 4 }), query).map(([body, q]): SweepCase => ({ kind: "json", body, query: q })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...MALFORMED), fc.string({ maxLength: 40 })), query).map(([body, q]): SweepCase => ({ kind: "raw", body, query: q })),
    },
    { weight: 1, arbitrary: queryArb([...queryKeys, ...bodyKeys], realIds).map((q): SweepCase => ({ kind: "query", query: q })) }
  )
}

/** A stable seed per route, so adding a route does not change the cases of the others. */
export function routeSeed(seed: number, name: string) {
  let h = seed | 0
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0
  return h
}

/** A case as a short, reproducible line for a failure message. */
export function describeCase(c: SweepCase) {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s)
  const q = c.query ? ` query ?${cut(c.query)}` : ""
  if (c.kind === "query") return `no body${q}`
  if (c.kind === "raw") return `raw body ${cut(JSON.stringify(c.body))}${q}`
  return `JSON body ${cut(JSON.stringify(c.body) ?? "undefined")}${q}`
}

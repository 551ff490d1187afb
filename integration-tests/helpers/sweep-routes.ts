import fs from "fs"
import path from "path"
import ts from "typescript"

/**
 * The plugin's HTTP routes as the file tree declares them, so that a route added later is covered
 * by the security and bad-input specs without anyone listing it by hand.
 */

const API_DIR = path.resolve(__dirname, "../../src/api")
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const
export type Method = (typeof METHODS)[number]

export type ApiRoute = {
  /** e.g. `/admin/invoices/:id/credit-notes` */
  pattern: string
  method: Method
  /** The route file, relative to the repository. */
  file: string
  /** Names of the zod schemas that validate this route's body and query (from the middlewares and the route file). */
  schemas: { body: string[]; query: string[]; other: string[] }
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? walk(full) : [full]
  })
}

/** The HTTP methods a route file exports (`export const GET`, `export async function POST`, `export { GET }`). */
function exportedMethods(text: string): Method[] {
  return METHODS.filter((m) =>
    new RegExp(`export\\s+(const|let|async\\s+function|function)\\s+${m}\\b|export\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`).test(text)
  )
}

/** `src/api/admin/invoices/[id]/pdf/route.ts` → `/admin/invoices/:id/pdf` */
function patternOf(file: string) {
  const rel = path.relative(API_DIR, path.dirname(file)).split(path.sep)
  return "/" + rel.map((seg) => seg.replace(/^\[(.+)\]$/, ":$1")).join("/")
}

/** A middleware matcher (`/admin/invoices/:id`, `/store/customers/me/invoices*`) as a RegExp over patterns. */
function matcherRegExp(matcher: string) {
  const escaped = matcher
    .split(/(:[A-Za-z_]+|\*)/)
    .map((part) => (part === "*" ? ".*" : part.startsWith(":") ? "[^/]+" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("")
  return new RegExp(`^${escaped}$`)
}

type MiddlewareEntry = { matcher: string; methods: Method[] | null; body: string[]; query: string[]; file: string }

/** Reads every `middlewares.ts` under src/api and lists, per matcher, the schemas its validators use. */
function middlewareEntries(): MiddlewareEntry[] {
  const entries: MiddlewareEntry[] = []
  for (const file of walk(API_DIR).filter((f) => path.basename(f) === "middlewares.ts")) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true)
    const visit = (node: ts.Node) => {
      if (ts.isObjectLiteralExpression(node)) {
        const prop = (name: string) =>
          node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === name)
        const matcher = prop("matcher")
        if (matcher && ts.isStringLiteral(matcher.initializer)) {
          const method = prop("method")
          const methods =
            method && ts.isArrayLiteralExpression(method.initializer)
              ? method.initializer.elements.filter(ts.isStringLiteral).map((e) => e.text as Method)
              : null
          const body: string[] = []
          const query: string[] = []
          const middlewares = prop("middlewares")
          middlewares?.initializer.forEachChild(function find(n: ts.Node) {
            if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && ts.isIdentifier(n.arguments[0] ?? ({} as any))) {
              const name = (n.arguments[0] as ts.Identifier).text
              if (n.expression.text === "validateAndTransformBody") body.push(name)
              if (n.expression.text === "validateAndTransformQuery") query.push(name)
            }
            n.forEachChild(find)
          })
          entries.push({ matcher: matcher.initializer.text, methods, body, query, file })
          return
        }
      }
      node.forEachChild(visit)
    }
    visit(source)
  }
  return entries
}

/** Every billing route and method under src/api, sorted, with the schemas that validate it. */
export function listApiRoutes(): ApiRoute[] {
  const middlewares = middlewareEntries()
  const routes: ApiRoute[] = []
  for (const file of walk(API_DIR).filter((f) => path.basename(f) === "route.ts").sort()) {
    const text = fs.readFileSync(file, "utf8")
    const pattern = patternOf(file)
    for (const method of exportedMethods(text)) {
      const applying = middlewares.filter((m) => matcherRegExp(m.matcher).test(pattern) && (!m.methods || m.methods.includes(method)))
      // Schemas a handler parses itself: identifiers it imports from a validators file.
      const other = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"[^"]*validators"/g)].flatMap((m) =>
        m[1].split(",").map((s) => s.trim().split(/\s+as\s+/).pop()!).filter(Boolean)
      )
      routes.push({
        pattern,
        method,
        file: path.relative(path.resolve(API_DIR, "../.."), file),
        schemas: { body: applying.flatMap((m) => m.body), query: applying.flatMap((m) => m.query), other },
      })
    }
  }
  return routes
}

/** Loads a schema by the name a middlewares or route file uses for it, from the file under src/api that exports it. */
export function loadSchema(name: string): unknown {
  const definition = new RegExp(`export const ${name}\\b`)
  for (const file of walk(API_DIR).filter((f) => f.endsWith(".ts") && definition.test(fs.readFileSync(f, "utf8")))) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const value = require(file)[name]
    if (value && typeof value === "object" && ("_zod" in value || "_def" in value)) return value
  }
  return undefined
}

/** The top-level field names a zod schema (v3 or v4) accepts, through optional/default/refine/pipe/union wrappers. */
export function schemaKeys(schema: any, seen = new Set<any>()): string[] {
  if (!schema || typeof schema !== "object" || seen.has(schema)) return []
  seen.add(schema)
  const def = schema._zod?.def ?? schema._def
  if (!def) return []
  const shape = typeof def.shape === "function" ? def.shape() : def.shape
  if (shape && typeof shape === "object") return Object.keys(shape)
  const inner = [def.innerType, def.in, def.schema, def.left, def.right, def.type && typeof def.type === "object" ? def.type : null, ...(def.options ?? [])]
  return [...new Set(inner.flatMap((s) => schemaKeys(s, seen)))]
}

/** The id a path parameter stands for, by the collection it follows (`invoices/:id` → an invoice). */
export function fillPattern(pattern: string, ids: Record<string, string>, fallback = "missing_0123") {
  const segments = pattern.split("/")
  return segments
    .map((seg, i) => {
      if (!seg.startsWith(":")) return seg
      const key = `${segments[i - 1]}/${seg}`
      return encodeURIComponent(ids[key] ?? ids[seg] ?? fallback)
    })
    .join("/")
}

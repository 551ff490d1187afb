#!/usr/bin/env node
// `npm run test:package`: proves a merchant can install what we publish.
// Builds and packs the plugin, installs the tarball into a fresh Medusa 2.21.2 app in a temp
// folder, migrates, builds its admin, boots it, logs in as an admin and calls a billing route.
const fs = require("fs")
const os = require("os")
const path = require("path")
const { spawn } = require("child_process")
const { runCommand } = require("./lib/run")
const { findFreePort, startEmbeddedPostgres, ensureDatabase } = require("./lib/postgres")
const { recordResult } = require("./lib/results")

const root = path.resolve(__dirname, "..")
const pkg = require(path.join(root, "package.json"))
const MEDUSA_VERSION = pkg.devDependencies["@medusajs/medusa"]
const results = []

function check(name, fn) {
  return async () => {
    const t0 = Date.now()
    try {
      await fn()
      results.push({ name, ok: true })
      console.log(`[package] ✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
    } catch (e) {
      results.push({ name, ok: false })
      console.log(`[package] ✗ ${name}: ${e.message}`)
      throw e
    }
  }
}

async function run(cmd, args, opts = {}) {
  const r = await runCommand(cmd, args, { ...opts, capture: true })
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status}):\n${r.output.slice(-3000)}`)
  }
  return r.stdout
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "billing-package-"))
  // Running as root, the embedded PostgreSQL runs as an unprivileged user who must reach its data dir.
  fs.chmodSync(work, 0o755)
  const app = path.join(work, "app")
  fs.mkdirSync(app)
  let pg = null
  let server = null
  let tarball = null

  const steps = [
    check("npm run build (medusa plugin:build) has no TypeScript errors", async () => {
      await run("npm", ["run", "build"], { cwd: root })
    }),
    check("npm pack ships the built plugin with its admin, migrations and no tests", async () => {
      const [info] = JSON.parse(await run("npm", ["pack", "--json", "--pack-destination", work], { cwd: root }))
      tarball = path.join(work, info.filename)
      const files = info.files.map((f) => f.path)
      const must = [
        ".medusa/server/src/admin/index.mjs",
        ".medusa/server/src/admin/index.js",
        ".medusa/server/src/modules/billing/index.js",
        "package.json",
      ]
      for (const f of must) if (!files.includes(f)) throw new Error(`${f} is missing from the package`)
      if (!files.some((f) => f.startsWith(".medusa/server/src/modules/billing/migrations/"))) throw new Error("no migrations in the package")
      const leaked = files.filter((f) => /__tests__|integration-tests|\.spec\./.test(f))
      if (leaked.length) throw new Error(`tests leaked into the package: ${leaked.slice(0, 5).join(", ")}`)
      console.log(`[package]   ${info.filename}: ${info.files.length} files, ${(info.size / 1024).toFixed(0)} kB`)
    }),
    check(`a fresh Medusa ${MEDUSA_VERSION} app installs the tarball`, async () => {
      const deps = Object.fromEntries(
        ["@medusajs/medusa", "@medusajs/framework", "@medusajs/cli", "@medusajs/admin-sdk", "@medusajs/icons", "@medusajs/test-utils"].map((n) => [n, MEDUSA_VERSION])
      )
      fs.writeFileSync(
        path.join(app, "package.json"),
        JSON.stringify(
          {
            name: "merchant-store",
            private: true,
            dependencies: {
              ...deps,
              "@medusajs/ui": pkg.devDependencies["@medusajs/ui"],
              react: pkg.devDependencies.react,
              "react-dom": pkg.devDependencies["react-dom"],
              "medusa-plugin-billing": `file:${tarball}`,
            },
            devDependencies: { typescript: pkg.devDependencies.typescript, "@swc/core": pkg.devDependencies["@swc/core"], "ts-node": pkg.devDependencies["ts-node"], "@types/node": pkg.devDependencies["@types/node"] },
          },
          null,
          2
        )
      )
      fs.writeFileSync(
        path.join(app, "medusa-config.ts"),
        `import { defineConfig, loadEnv } from "@medusajs/framework/utils"
loadEnv(process.env.NODE_ENV || "development", process.cwd())
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: { storeCors: "*", adminCors: "*", authCors: "*", jwtSecret: "supersecret", cookieSecret: "supersecret" },
  },
  plugins: [{ resolve: "medusa-plugin-billing", options: {} }],
})
`
      )
      fs.writeFileSync(
        path.join(app, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { target: "ES2021", module: "Node16", moduleResolution: "Node16", esModuleInterop: true, skipLibCheck: true, jsx: "react-jsx", outDir: "./.medusa/server", experimentalDecorators: true, emitDecoratorMetadata: true }, include: ["**/*"], exclude: ["node_modules", ".medusa"] })
      )
      await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: app })
    }),
    check("medusa db:migrate creates the billing tables", async () => {
      const port = await findFreePort(54360)
      pg = await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), port, persistent: false })
      await ensureDatabase(`postgres://postgres:postgres@localhost:${port}/postgres`, "merchant")
      fs.writeFileSync(path.join(app, ".env"), `DATABASE_URL=postgres://postgres:postgres@localhost:${port}/merchant\nMEDUSA_DISABLE_TELEMETRY=true\n`)
      const out = await run("npx", ["medusa", "db:migrate"], { cwd: app })
      if (!/billing/i.test(out)) throw new Error("the billing module's migrations did not run")
      const { Client } = require("pg")
      const client = new Client({ connectionString: `postgres://postgres:postgres@localhost:${port}/merchant` })
      await client.connect()
      const { rows } = await client.query("select table_name from information_schema.tables where table_name like 'billing_%' order by 1")
      await client.end()
      const tables = rows.map((r) => r.table_name)
      for (const t of ["billing_invoice", "billing_invoice_line", "billing_number_series"]) {
        if (!tables.includes(t)) throw new Error(`table ${t} is missing (found: ${tables.join(", ")})`)
      }
    }),
    check("medusa build puts the plugin's Billing widget and section into the admin", async () => {
      await run("npx", ["medusa", "build"], { cwd: app })
      const assets = path.join(app, ".medusa", "server", "public", "admin", "assets")
      const bundle = fs.readdirSync(assets).filter((f) => f.endsWith(".js")).map((f) => fs.readFileSync(path.join(assets, f), "utf8")).join("\n")
      for (const marker of ["billing-order-widget", "billing-invoices-page", "order.details.side.after", "账单"]) {
        if (!bundle.includes(marker)) throw new Error(`"${marker}" is not in the built admin`)
      }
    }),
    check("the app boots, an admin logs in and GET /admin/invoices answers", async () => {
      const serverDir = path.join(app, ".medusa", "server")
      fs.symlinkSync(path.join(app, "node_modules"), path.join(serverDir, "node_modules"))
      fs.copyFileSync(path.join(app, ".env"), path.join(serverDir, ".env"))
      await run("npx", ["medusa", "user", "-e", "merchant@example.com", "-p", "supersecret"], { cwd: app })
      const port = await findFreePort(9300)
      server = spawn("npx", ["medusa", "start", "-p", String(port)], { cwd: serverDir, stdio: ["ignore", "pipe", "pipe"], detached: true })
      let log = ""
      server.stdout.on("data", (d) => (log += d))
      server.stderr.on("data", (d) => (log += d))
      const base = `http://localhost:${port}`
      const deadline = Date.now() + 120_000
      while (Date.now() < deadline) {
        const ok = await fetch(`${base}/health`).then((r) => r.ok).catch(() => false)
        if (ok) break
        await new Promise((r) => setTimeout(r, 1000))
      }
      const login = await fetch(`${base}/auth/user/emailpass`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "merchant@example.com", password: "supersecret" }),
      }).catch((e) => {
        throw new Error(`server not reachable: ${e.message}\n${log.slice(-2000)}`)
      })
      const { token } = await login.json()
      if (!token) throw new Error(`login failed (${login.status})`)
      const unauthenticated = await fetch(`${base}/admin/invoices`)
      if (unauthenticated.status !== 401) throw new Error(`GET /admin/invoices without a session answered ${unauthenticated.status}, not 401`)
      const res = await fetch(`${base}/admin/invoices`, { headers: { authorization: `Bearer ${token}` } })
      const body = await res.json()
      if (res.status !== 200 || !Array.isArray(body.invoices)) throw new Error(`GET /admin/invoices answered ${res.status}: ${JSON.stringify(body)}`)
      const admin = await fetch(`${base}/app`)
      if (admin.status !== 200) throw new Error(`GET /app answered ${admin.status}`)
    }),
  ]

  try {
    for (const step of steps) await step()
  } catch {
    // the failing step has been reported; the rest cannot run without it
  } finally {
    if (server) {
      try {
        process.kill(-server.pid, "SIGTERM")
      } catch {}
    }
    if (pg) await pg.stop().catch(() => {})
    if (!process.env.KEEP_PACKAGE_TEST) fs.rmSync(work, { recursive: true, force: true })
  }
  const passed = results.filter((r) => r.ok).length
  const failed = steps.length - passed
  recordResult(root, "package", passed, failed, results.filter((r) => !r.ok).map((r) => r.name))
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})

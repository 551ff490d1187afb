#!/usr/bin/env node
// `npm start`: the demo store in one command.
// PostgreSQL (embedded unless DATABASE_URL is set) → migrations → demo seed (once) → admin user → `medusa develop`.
// Ctrl-C stops Medusa and then the embedded PostgreSQL.
const path = require("path")
const { spawn } = require("child_process")
const { findFreePort, isPortInUse, startEmbeddedPostgres, checkReachable, ensureDatabase } = require("./lib/postgres")
const { loadDotEnv, medusaBin } = require("./lib/env")

const root = path.resolve(__dirname, "..")
const say = (line) => console.log(`[billing] ${line}`)
const fail = (line) => {
  console.error(`[billing] ${line}`)
  process.exit(1)
}

async function main() {
  const startedAt = Date.now()
  loadDotEnv(root)
  const port = Number(process.env.PORT || 9000)
  if (await isPortInUse(port)) {
    fail(`Port ${port} is in use: is another \`npm start\` running? Stop it, or run on another port with PORT=9001 npm start.`)
  }

  let pg = null
  const env = {
    ...process.env,
    MEDUSA_DISABLE_TELEMETRY: "true",
    JWT_SECRET: process.env.JWT_SECRET || "supersecret",
    COOKIE_SECRET: process.env.COOKIE_SECRET || "supersecret",
    STORE_CORS: process.env.STORE_CORS || "http://localhost:8000",
    ADMIN_CORS: process.env.ADMIN_CORS || `http://localhost:${port}`,
    AUTH_CORS: process.env.AUTH_CORS || `http://localhost:${port},http://localhost:8000`,
    PORT: String(port),
  }

  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL)
    try {
      await checkReachable(process.env.DATABASE_URL)
    } catch (e) {
      if (e.code === "3D000") {
        // The server answers but the database does not exist yet: create it.
        const adminUrl = new URL(process.env.DATABASE_URL)
        adminUrl.pathname = "/postgres"
        await ensureDatabase(adminUrl.toString(), url.pathname.slice(1))
      } else {
        fail(
          `Cannot reach PostgreSQL at ${url.hostname}:${url.port || 5432} (${describeConnectionError(e)}). ` +
            `Start that server or fix DATABASE_URL; unset DATABASE_URL to use the embedded PostgreSQL.`
        )
      }
    }
    say(`Using PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`)
  } else {
    const dataDir = path.join(root, ".data", "postgres")
    const pgPort = await findFreePort(Number(process.env.EMBEDDED_PG_PORT || 54329))
    say(`Starting embedded PostgreSQL on port ${pgPort} (data in .data/postgres)…`)
    try {
      pg = await startEmbeddedPostgres({ dataDir, port: pgPort, persistent: true })
    } catch (e) {
      fail(`Embedded PostgreSQL did not start (${e?.message ?? e ?? "no reason given"}). Is another \`npm start\` using .data/postgres?`)
    }
    const adminUrl = `postgres://postgres:postgres@localhost:${pgPort}/postgres`
    await ensureDatabase(adminUrl, "medusa_billing")
    env.DATABASE_URL = `postgres://postgres:postgres@localhost:${pgPort}/medusa_billing`
  }

  let child = null
  let stopping = false
  const stop = async (code) => {
    if (stopping) return
    stopping = true
    if (child && child.exitCode === null) {
      // Medusa runs in its own process group (see spawnMedusa): signal the whole group so the
      // dev server's own worker process stops too, and insist after 10 s.
      const exited = new Promise((r) => child.once("exit", r))
      signalGroup(child, "SIGINT")
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 10_000)
      await exited
      clearTimeout(timer)
      signalGroup(child, "SIGKILL")
    }
    if (pg) {
      say("Stopping embedded PostgreSQL…")
      await pg.stop().catch(() => {})
    }
    process.exit(code)
  }
  process.on("SIGINT", () => stop(0))
  process.on("SIGTERM", () => stop(0))
  process.on("SIGHUP", () => stop(0))

  const spawnMedusa = (args, stdio) => spawn(medusaBin(root), args, { cwd: root, env, stdio, detached: true })

  const run = (args, label) =>
    new Promise((resolve, reject) => {
      child = spawnMedusa(args, label ? ["ignore", "pipe", "pipe"] : "inherit")
      let output = ""
      if (label) {
        child.stdout.on("data", (d) => (output += d))
        child.stderr.on("data", (d) => (output += d))
      }
      child.once("exit", (code) => {
        if (code === 0 || stopping) resolve(output)
        else reject(new Error(`${label || args.join(" ")} failed (exit ${code}):\n${output.slice(-4000)}`))
      })
    })

  let loginLine = null
  try {
    const t0 = Date.now()
    say("Running migrations…")
    await run(["db:migrate"], "medusa db:migrate")
    say(`Migrations done in ${((Date.now() - t0) / 1000).toFixed(1)} s. Seeding the demo store (first run only)…`)
    const out = await run(["exec", "./src/scripts/seed-demo.ts"], "demo seed")
    const summary = out.split("\n").filter((l) => l.includes("[seed]"))
    summary.forEach((l) => console.log(l.slice(l.indexOf("[seed]"))))
    loginLine = (out.match(/Admin login: (\S+ \/ \S+)/) || [])[1]
  } catch (e) {
    console.error(e.message)
    return stop(1)
  }

  say(`Starting Medusa: admin at http://localhost:${port}/app`)
  child = spawnMedusa(["develop", "-p", String(port)], "inherit")
  child.once("exit", (code) => stop(code ?? 0))
  announceWhenReady(port, startedAt, loginLine)
}

/** Prints one clear line once the server answers, so the login is not lost in Medusa's logs. */
async function announceWhenReady(port, startedAt, loginLine) {
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 1000))
    const ok = await fetch(`http://localhost:${port}/health`).then((r) => r.ok).catch(() => false)
    if (ok) {
      say(`Ready in ${((Date.now() - startedAt) / 1000).toFixed(0)} s: open http://localhost:${port}/app${loginLine ? ` and log in with ${loginLine}` : ""}. Ctrl-C stops everything.`)
      return
    }
  }
}

function describeConnectionError(e) {
  const reasons = {
    ECONNREFUSED: "connection refused: nothing listens there",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "host name lookup failed",
    "28P01": "wrong user name or password",
    "28000": "the server refused this user",
  }
  if (reasons[e.code]) return reasons[e.code]
  if (/timeout|terminated/i.test(e.message)) return "no answer within 5 s"
  return e.code || e.message
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

main().catch((e) => fail(e.stack || e.message))

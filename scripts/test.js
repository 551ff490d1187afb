#!/usr/bin/env node
// `npm test [unit|integration:modules|integration:http]`
// Runs the jest suites against an embedded PostgreSQL (unless DB_HOST or DATABASE_URL names one),
// prints one line "N passed, N failed", and writes it to .cache/results/ for .ci/run.
const fs = require("fs")
const path = require("path")
const { findFreePort, startEmbeddedPostgres } = require("./lib/postgres")
const { recordResult } = require("./lib/results")
const { runCommand } = require("./lib/run")

const root = path.resolve(__dirname, "..")
const SUITES = ["unit", "integration:modules", "integration:http"]

async function main() {
  const requested = process.argv[2]
  if (requested && !SUITES.includes(requested)) {
    console.error(`Unknown suite "${requested}"; use one of: ${SUITES.join(", ")}.`)
    process.exit(2)
  }
  const suites = requested ? [requested] : SUITES
  const needsDb = suites.some((s) => s !== "unit")

  let pg = null
  if (needsDb) {
    if (process.env.DB_HOST) {
      console.log(`[test] Using PostgreSQL at ${process.env.DB_HOST}:${process.env.DB_PORT || 5432}`)
    } else if (process.env.DATABASE_URL) {
      const url = new URL(process.env.DATABASE_URL)
      // test-utils turns SSL on for any host other than the literal "localhost".
      const host = ["127.0.0.1", "::1"].includes(url.hostname) ? "localhost" : url.hostname
      Object.assign(process.env, {
        DB_HOST: host,
        DB_PORT: url.port || "5432",
        DB_USERNAME: decodeURIComponent(url.username || "postgres"),
        DB_PASSWORD: decodeURIComponent(url.password || ""),
      })
      console.log(`[test] Using PostgreSQL from DATABASE_URL (${host}:${process.env.DB_PORT})`)
    } else {
      const port = await findFreePort(Number(process.env.EMBEDDED_PG_PORT || 54340))
      const t0 = Date.now()
      pg = await startEmbeddedPostgres({ dataDir: path.join(root, ".cache", `test-pg-${port}`), port, persistent: false })
      console.log(`[test] Embedded PostgreSQL on port ${port} (${Date.now() - t0} ms)`)
      Object.assign(process.env, { DB_HOST: "localhost", DB_PORT: String(port), DB_USERNAME: "postgres", DB_PASSWORD: "postgres" })
    }
  }
  delete process.env.DATABASE_URL
  // The suites' Medusa app runs in one process on in-memory modules. Tests of several processes
  // over Redis ([7/7]) read TEST_REDIS_URL, so a REDIS_URL exported by .ci/run does not switch
  // every test app to Redis.
  if (process.env.REDIS_URL) {
    process.env.TEST_REDIS_URL = process.env.TEST_REDIS_URL || process.env.REDIS_URL
    delete process.env.REDIS_URL
  }

  let passed = 0
  let failed = 0
  let crashed = false
  const failures = []
  try {
    for (const suite of suites) {
      const out = path.join(root, ".cache", "jest", `${suite.replace(":", "-")}.json`)
      fs.mkdirSync(path.dirname(out), { recursive: true })
      fs.rmSync(out, { force: true })
      const args = [
        path.join(root, "node_modules", "jest", "bin", "jest.js"),
        "--forceExit",
        "--json",
        `--outputFile=${out}`,
        // HTTP spec files each boot a Medusa app; two workers keep memory per process bounded.
        ...(suite === "integration:http" ? ["-w", process.env.JEST_HTTP_WORKERS || "2"] : ["--runInBand"]),
        ...process.argv.slice(3),
      ]
      console.log(`\n[test] ${suite}`)
      const t0 = Date.now()
      const r = await runCommand(process.execPath, args, {
        cwd: root,
        env: {
          LOG_LEVEL: "warn",
          ...process.env,
          TEST_TYPE: suite,
          NODE_OPTIONS: "--experimental-vm-modules",
          MEDUSA_DISABLE_TELEMETRY: "true",
        },
      })
      const result = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : null
      if (!result) {
        crashed = true
        console.error(`[test] ${suite}: jest produced no results (exit ${r.status}).`)
        continue
      }
      // A suite that fails to load counts as a failure even though it ran no test.
      const suiteErrors = result.testResults.filter((t) => t.status === "failed" && !t.assertionResults.length).length
      passed += result.numPassedTests
      failed += result.numFailedTests + suiteErrors
      if (r.status !== 0 && result.numFailedTests + suiteErrors === 0) crashed = true
      failures.push(...printFailures(result))
      console.log(`[test] ${suite}: ${result.numPassedTests} passed, ${result.numFailedTests + suiteErrors} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    }
  } finally {
    if (pg) await pg.stop().catch(() => {})
  }
  if (crashed) failed += 1
  recordResult(root, requested ? `jest-${requested.replace(":", "-")}` : "jest", passed, failed, failures)
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

// Jest's own report scrolls far above the end of a CI log; repeat each failure's name and first lines here.
function printFailures(result) {
  const names = []
  for (const file of result.testResults) {
    const name = path.relative(root, file.name)
    const failures = file.assertionResults.filter((a) => a.status === "failed")
    if (file.status === "failed" && !failures.length) {
      console.log(`[test] FAILED ${name}: ${firstLines(file.message)}`)
      names.push(`${name}: ${firstLines(file.message, 3)}`)
    }
    for (const a of failures) {
      console.log(`[test] FAILED ${name} › ${a.fullName}: ${firstLines(a.failureMessages.join("\n"))}`)
      names.push(`${name} › ${a.fullName}: ${firstLines(a.failureMessages.join("\n"), 3)}`)
    }
  }
  return names
}

function firstLines(text, count = 12) {
  return String(text || "").split("\n").filter((l) => l.trim()).slice(0, count).join("\n    ")
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})

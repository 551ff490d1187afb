#!/usr/bin/env node
// `npm run test:e2e`: drives the real admin in Debian's Chromium with playwright-core.
// Uses the dev app at E2E_BASE_URL (default http://localhost:9000) if one is running;
// otherwise starts `npm start` itself and stops it at the end. Screenshots go to .cache/screenshots
// (a dot folder: `medusa develop` restarts on any change outside dot folders).
// The app it starts talks to a local fake of Stripe's API (the one the integration tests use),
// with a webhook secret of its own, so Stripe scenarios can seed payouts and sign events.
const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")
const { recordResult } = require("./lib/results")
const { isPortInUse } = require("./lib/postgres")
const { startFakeStripe } = require("../integration-tests/helpers/fake-stripe.js")

const root = path.resolve(__dirname, "..")
const BASE = process.env.E2E_BASE_URL || "http://localhost:9000"
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const SHOTS = process.env.E2E_SCREENSHOTS || path.join(root, ".cache", "screenshots")

async function waitForHealth(timeoutMs, app = null) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && !(app && app.exitCode !== null)) {
    try {
      const res = await fetch(`${BASE}/health`)
      if (res.ok) return true
    } catch {}
    await new Promise((r) => setTimeout(r, 1000))
  }
  return false
}

/** `npm start` (scripts/start.js) in its own process group, its output in .cache/<logName>. */
function startApp(port, env = {}, logName = "e2e-app.log") {
  const app = spawn(process.execPath, [path.join(__dirname, "start.js")], {
    cwd: root,
    env: { ...process.env, PORT: port, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  const log = fs.createWriteStream(path.join(root, ".cache", logName))
  app.stdout.pipe(log)
  app.stderr.pipe(log)
  return app
}

/** Stops an app started by startApp (Medusa, then its embedded PostgreSQL) and waits for it. */
async function stopApp(app) {
  const exited = new Promise((r) => app.once("exit", r))
  try {
    process.kill(-app.pid, "SIGINT")
  } catch {}
  await exited
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium`)
    process.exit(1)
  }
  fs.mkdirSync(SHOTS, { recursive: true })
  fs.mkdirSync(path.join(root, ".cache"), { recursive: true })

  let app = null
  let fakeStripe = null
  const port = new URL(BASE).port || "80"
  // A running `medusa develop` restarts when files change; give it time to answer again.
  const running = (await isPortInUse(Number(port))) && (await waitForHealth(120_000))
  if (!running) {
    if (await isPortInUse(Number(port))) {
      console.error(`Something listens on port ${port} but ${BASE}/health does not answer; stop it or set E2E_BASE_URL.`)
      process.exit(1)
    }
    console.log(`[e2e] No app at ${BASE}: starting \`npm start\` against a fake Stripe API…`)
    fakeStripe = await startFakeStripe()
    // This process signs the events it posts with the same secret (see postSignedStripeEvent).
    Object.assign(process.env, fakeStripe.env(), {
      BILLING_STRIPE_WEBHOOK_SECRETS: process.env.BILLING_STRIPE_WEBHOOK_SECRETS || `whsec_e2e_${require("crypto").randomBytes(16).toString("hex")}`,
    })
    app = startApp(port)
    if (!(await waitForHealth(300_000, app))) {
      const log = fs.readFileSync(path.join(root, ".cache", "e2e-app.log"), "utf8")
      console.error(`[e2e] The app did not start (see .cache/e2e-app.log):\n${log.slice(-3000)}`)
      try {
        process.kill(-app.pid, "SIGINT")
      } catch {}
      process.exit(1)
    }
  }

  const { runScenarios } = require(path.join(root, "e2e", "scenarios.js"))
  const failures = []
  let passed = 0
  let failed = 0
  try {
    for (const lang of ["en", "zhCN"]) {
      const results = await runScenarios({ base: BASE, chromium: CHROMIUM, shots: SHOTS, lang, fakeStripe })
      for (const r of results) {
        const note = r.skipped ? ` — skipped: ${r.skipped}` : r.ok ? "" : `\n      ${r.error}`
        console.log(`[e2e] ${r.ok ? "✓" : "✗"} [${lang}] ${r.name} (${r.ms} ms)${note}`)
        r.ok ? passed++ : failed++
        if (!r.ok) failures.push(`[${lang}] ${r.name}: ${String(r.error).split("\n")[0]}`)
      }
    }
    // Roles ([7/7]): the same app started again with Medusa's rbac flag on (only an app this script
    // started can be restarted), then the read-only user's admin.
    const grep = process.env.E2E_GREP ? new RegExp(process.env.E2E_GREP, "i") : null
    if (app && (!grep || grep.test("roles"))) {
      await stopApp(app)
      app = startApp(port, { MEDUSA_FF_RBAC: "true" }, "e2e-app-rbac.log")
      if (!(await waitForHealth(300_000, app))) throw new Error("the app did not start again with MEDUSA_FF_RBAC=true (see .cache/e2e-app-rbac.log)")
      const { runRbacScenario } = require(path.join(root, "e2e", "rbac.js"))
      for (const r of await runRbacScenario({ base: BASE, chromium: CHROMIUM, shots: SHOTS })) {
        console.log(`[e2e] ${r.ok ? "✓" : "✗"} [en, roles on] ${r.name} (${r.ms} ms)${r.ok ? "" : `\n      ${r.error}`}`)
        r.ok ? passed++ : failed++
        if (!r.ok) failures.push(`[en, roles on] ${r.name}: ${String(r.error).split("\n")[0]}`)
      }
    }
  } catch (e) {
    failed++
    failures.push(`roles: ${e.message}`)
    console.log(`[e2e] ✗ ${e.message}`)
  } finally {
    if (app && app.exitCode === null) await stopApp(app)
    if (fakeStripe) await fakeStripe.close()
  }
  recordResult(root, "e2e", passed, failed, failures)
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})

import { spawnSync } from "child_process"
import net from "net"
import path from "path"

const root = path.join(__dirname, "..", "..")

/** Runs one of the repository's scripts the way npm does, with extra environment. */
function runScript(script: string, env: Record<string, string>) {
  const started = Date.now()
  const result = spawnSync(process.execPath, [path.join(root, "scripts", script)], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 30_000,
  })
  return { ...result, ms: Date.now() - started, output: `${result.stdout}${result.stderr}`.trim() }
}

describe("npm start refuses bad setups in one line", () => {
  it("names the host and what to do when DATABASE_URL cannot be reached, within seconds", () => {
    const run = runScript("start.js", { DATABASE_URL: "postgres://postgres@127.0.0.1:1/shop", PORT: "9871" })
    expect(run.status).toBe(1)
    expect(run.ms).toBeLessThan(10_000)
    expect(run.output.split("\n")).toHaveLength(1)
    expect(run.output).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:1 \(connection refused/)
    expect(run.output).toMatch(/fix DATABASE_URL/)
    expect(run.output).not.toMatch(/\bat .+\.js:\d+/) // no stack trace
  })

  it("says the port is in use when another server holds it", async () => {
    const server = net.createServer().listen(0, "127.0.0.1")
    await new Promise((r) => server.once("listening", r))
    const port = (server.address() as net.AddressInfo).port
    try {
      const run = runScript("start.js", { PORT: String(port) })
      expect(run.status).toBe(1)
      expect(run.output).toBe(
        `[billing] Port ${port} is in use: is another \`npm start\` running? Stop it, or run on another port with PORT=9001 npm start.`
      )
    } finally {
      server.close()
    }
  })
})

describe("npm run test:e2e without Chromium", () => {
  it("fails with the one command that installs it", () => {
    const run = runScript("test-e2e.js", { CHROMIUM_PATH: "/nonexistent/chromium" })
    expect(run.status).toBe(1)
    expect(run.output).toBe(
      "Chromium not found at /nonexistent/chromium. Install it with: apt-get update && apt-get install -y chromium"
    )
  })
})

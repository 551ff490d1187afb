import path from "path"

/** Loads medusa-config.ts afresh with the given environment. */
function loadConfig(env: Record<string, string | undefined>) {
  const saved = { ...process.env }
  Object.assign(process.env, env)
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]
  try {
    let config: any
    jest.isolateModules(() => {
      config = require(path.join(__dirname, "..", "..", "medusa-config.ts"))
    })
    return config
  } finally {
    process.env = saved
  }
}

// defineConfig turns the modules list into an object keyed by module name.
const resolveOf = (config: any, key: string) => config.modules[key]?.resolve

describe("medusa-config.ts", () => {
  it("runs on in-process defaults when REDIS_URL is not set", () => {
    const config = loadConfig({ REDIS_URL: undefined, MEDUSA_WORKER_MODE: undefined })
    expect(resolveOf(config, "billing")).toBe("./src/modules/billing")
    expect(resolveOf(config, "event_bus")).toBe("@medusajs/medusa/event-bus-local")
    expect(resolveOf(config, "workflows")).toBe("@medusajs/medusa/workflow-engine-inmemory")
    expect(config.modules.locking.options?.providers).toBeUndefined()
    expect(config.projectConfig.redisUrl).toBeUndefined()
    expect(config.projectConfig.workerMode).toBe("shared")
  })

  it("shares events, workflows, cache and locks through Redis when REDIS_URL is set", () => {
    const config = loadConfig({ REDIS_URL: "redis://127.0.0.1:6379", MEDUSA_WORKER_MODE: "worker" })
    expect(resolveOf(config, "billing")).toBe("./src/modules/billing")
    expect(config.modules.event_bus).toEqual({ resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl: "redis://127.0.0.1:6379" } })
    expect(config.modules.workflows).toEqual({
      resolve: "@medusajs/medusa/workflow-engine-redis",
      options: { redis: { redisUrl: "redis://127.0.0.1:6379" } },
    })
    expect(resolveOf(config, "cache")).toBe("@medusajs/medusa/cache-redis")
    expect(config.modules.locking.options.providers[0]).toEqual(
      expect.objectContaining({ resolve: "@medusajs/medusa/locking-redis", is_default: true, options: { redisUrl: "redis://127.0.0.1:6379" } })
    )
    expect(config.projectConfig.redisUrl).toBe("redis://127.0.0.1:6379")
    expect(config.projectConfig.workerMode).toBe("worker")
  })
})

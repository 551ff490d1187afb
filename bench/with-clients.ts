/** Runs `task` for every item with `clients` concurrent callers; returns wall time and per-call latencies. */
export async function withClients<T>(items: T[], clients: number, task: (item: T) => Promise<unknown>) {
  const latencies: number[] = []
  let next = 0
  const started = Date.now()
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) {
        const item = items[next++]
        const t0 = process.hrtime.bigint()
        await task(item)
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6)
      }
    })
  )
  return { wallMs: Date.now() - started, latencies }
}

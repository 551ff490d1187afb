import type { ExecArgs } from "@medusajs/framework/types"
import { writeFileSync } from "fs"
import { createDemoStore } from "../../src/scripts/lib/demo-store"

/**
 * `medusa exec` script of `npm run test:processes`: the demo store's catalog (regions, products,
 * shipping, publishable key) in the shared database, written as JSON to PROCESSES_STORE_FILE.
 */
export default async function setupStore({ container }: ExecArgs) {
  const store = await createDemoStore(container)
  writeFileSync(process.env.PROCESSES_STORE_FILE!, JSON.stringify(store))
}

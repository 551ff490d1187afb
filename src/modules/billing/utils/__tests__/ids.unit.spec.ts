import { generateEntityId } from "@medusajs/framework/utils"
import { newEntityIds } from "../ids"

describe("ids in bulk", () => {
  it("look like Medusa's, start with the time, and do not repeat", () => {
    const medusa = generateEntityId(undefined, "bsbt")
    const ids = newEntityIds("bsbt", 100_000)
    expect(ids[0]).toMatch(/^bsbt_[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(ids[0]).toHaveLength(medusa.length)
    // The time part (10 characters) sorts with Medusa's own ids: made later, it is not smaller.
    expect(ids[0].slice(5, 15) >= medusa.slice(5, 15)).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })
})

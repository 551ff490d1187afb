import en from "../json/en.json"
import zhCN from "../json/zhCN.json"

const keys = (value: unknown, prefix = ""): string[] =>
  value && typeof value === "object"
    ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`))
    : [prefix.slice(0, -1)]

describe("admin translations", () => {
  it("has every English string in Simplified Chinese and nothing extra", () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort())
  })

  it("keeps the same {{placeholders}} in both languages", () => {
    const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort()
    const flat = (o: any, p = ""): [string, string][] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? flat(v, `${p}${k}.`) : [[`${p}${k}`, v as string]]))
    const zh = Object.fromEntries(flat(zhCN))
    for (const [key, text] of flat(en)) {
      expect([key, placeholders(zh[key])]).toEqual([key, placeholders(text)])
    }
  })
})

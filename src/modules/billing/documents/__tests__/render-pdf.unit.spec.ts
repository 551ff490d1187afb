import { pdfText } from "../../../../../integration-tests/helpers/pdf"
import { DocumentForPdf, renderDocumentPdf } from "../render-pdf"

export const sampleInvoice = (overrides: Partial<DocumentForPdf> = {}): DocumentForPdf => ({
  type: "invoice",
  status: "open",
  number: "INV-2026-000123",
  locale: "zh-CN",
  currency_code: "cny",
  issued_at: "2026-11-29T10:00:00Z",
  due_at: "2026-12-29T10:00:00Z",
  payment_terms_days: 30,
  order_display_id: 42,
  seller: { company_name: "上海示例贸易有限公司", address_1: "南京路1号", city: "上海", tax_id: "91310000MA1FL0000X", iban: "CN00 1234" },
  buyer: { name: "张 伟", company: "北京客户公司", address: { address_1: "长安街10号", city: "北京", country_code: "cn" }, email: "zhang@example.cn" },
  subtotal: "1100.00",
  shipping_total: "20.00",
  discount_total: "0.00",
  tax_total: "145.60",
  rounding_total: "0.00",
  total: "1265.60",
  tax_summary: [{ code: "CN-VAT13", rate: "13", taxable_amount: "1120.00", amount: "145.60" }],
  notes: "感谢您的惠顾",
  lines: [
    { kind: "item", rank: 0, title: "测试商品", subtitle: "红色", sku: "TEST-1", quantity: 2, unit_price: "550.00", discount_total: "0.00", tax_total: "143.00", total: "1243.00", tax_lines: [{ rate: "13" }] },
    { kind: "shipping", rank: 1, title: "标准运费", subtitle: null, sku: null, quantity: 1, unit_price: "20.00", discount_total: "0.00", tax_total: "2.60", total: "22.60", tax_lines: [{ rate: "13" }] },
  ],
  ...overrides,
})

describe("document PDF", () => {
  it("prints Chinese text, the number and the total of a Chinese invoice", async () => {
    const pdf = await renderDocumentPdf(sampleInvoice())
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-")
    const text = pdfText(pdf)
    expect(text).toContain("发票")
    expect(text).toContain("测试商品")
    expect(text).toContain("上海示例贸易有限公司")
    expect(text).toContain("INV-2026-000123")
    expect(text).toContain("¥1,265.60")
    expect(text).toContain("见票即付".length ? "30 天内付款" : "")
    expect(text).toContain("2026年11月29日")
  })

  it("prints an English credit note with the invoice it corrects and amounts in the currency's format", async () => {
    const pdf = await renderDocumentPdf(
      sampleInvoice({
        type: "credit_note",
        number: "CN-2026-000007",
        locale: "en",
        currency_code: "eur",
        original_number: "INV-2026-000123",
        reason: "Order canceled",
        total: "1265.60",
      })
    )
    const text = pdfText(pdf)
    expect(text).toContain("Credit note")
    expect(text).toContain("CN-2026-000007")
    expect(text).toContain("Corrects invoice: INV-2026-000123")
    expect(text).toContain("Reason: Order canceled")
    expect(text).toContain("€1,265.60")
    expect(text).toContain("测试商品")
  })

  it("formats zero-decimal and three-decimal currencies by their minor unit", async () => {
    const jpy = pdfText(await renderDocumentPdf(sampleInvoice({ locale: "en", currency_code: "jpy", total: "6982" })))
    expect(jpy).toMatch(/¥6,982(?!\.)/)
    const kwd = pdfText(await renderDocumentPdf(sampleInvoice({ locale: "en", currency_code: "kwd", total: "3.890" })))
    expect(kwd).toContain("KWD 3.890")
  })

  it("gives the same bytes for the same document", async () => {
    const a = await renderDocumentPdf(sampleInvoice())
    const b = await renderDocumentPdf(sampleInvoice())
    expect(a.equals(b)).toBe(true)
  })

  it("prints a document without Chinese text in the built-in Helvetica, without embedding the CJK font", async () => {
    const latin = sampleInvoice({
      locale: "en",
      currency_code: "eur",
      notes: "Thank you – see you soon",
      seller: { company_name: "Billing Demo GmbH", address_1: "Torstraße 5", city: "Berlin" },
      buyer: { name: "Erika Muster", address: { address_1: "Hauptstr. 1", city: "Berlin" } },
      lines: sampleInvoice().lines.map((l) => ({ ...l, title: "Notebook", subtitle: null })),
    })
    const pdf = await renderDocumentPdf(latin)
    const text = pdfText(pdf)
    expect(text).toContain("Billing Demo GmbH")
    expect(text).toContain("Torstraße 5")
    expect(text).toContain("€1,265.60")
    expect(text).toContain("Thank you – see you soon")
    expect(pdf.toString("latin1")).toContain("/BaseFont /Helvetica")
    expect(pdf.length).toBeLessThan(10_000)
  })

  it("marks a draft as not a valid invoice", async () => {
    const text = pdfText(await renderDocumentPdf(sampleInvoice({ status: "draft", number: null, locale: "en" })))
    expect(text).toContain("DRAFT")
  })
})

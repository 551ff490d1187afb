/** Words printed on billing documents, per document language. */
export const DOCUMENT_LABELS = {
  en: {
    invoice: "Invoice",
    credit_note: "Credit note",
    draft: "DRAFT — not a valid invoice",
    number: "Number",
    issued: "Issue date",
    due: "Due date",
    order: "Order",
    billTo: "Bill to",
    taxId: "Tax ID",
    corrects: "Corrects invoice",
    reason: "Reason",
    item: "Description",
    quantity: "Qty",
    unitPrice: "Unit price",
    discount: "Discount",
    tax: "Tax",
    amount: "Amount",
    shipping: "Shipping",
    rounding: "Rounding",
    subtotal: "Subtotal",
    shippingTotal: "Shipping",
    discountTotal: "Discounts",
    taxTotal: "Tax",
    total: "Total",
    amountDue: "Amount due",
    taxSummary: "Tax summary",
    rate: "Rate",
    taxableAmount: "Taxable amount",
    paymentTerms: "Payment terms",
    dueOnReceipt: "Due on receipt",
    netDays: (days: number) => `Net ${days} days`,
    bank: "Bank transfer",
    page: (n: number, of: number) => `Page ${n} of ${of}`,
  },
  "zh-CN": {
    invoice: "发票",
    credit_note: "红字发票",
    draft: "草稿 — 非有效发票",
    number: "编号",
    issued: "开票日期",
    due: "到期日",
    order: "订单",
    billTo: "购买方",
    taxId: "税号",
    corrects: "冲销发票",
    reason: "原因",
    item: "项目",
    quantity: "数量",
    unitPrice: "单价",
    discount: "折扣",
    tax: "税额",
    amount: "金额",
    shipping: "运费",
    rounding: "舍入差额",
    subtotal: "小计",
    shippingTotal: "运费",
    discountTotal: "折扣",
    taxTotal: "税额",
    total: "合计",
    amountDue: "应付金额",
    taxSummary: "税额汇总",
    rate: "税率",
    taxableAmount: "计税金额",
    paymentTerms: "付款条件",
    dueOnReceipt: "见票即付",
    netDays: (days: number) => `${days} 天内付款`,
    bank: "银行转账",
    page: (n: number, of: number) => `第 ${n} 页，共 ${of} 页`,
  },
} as const

export type DocumentLanguage = keyof typeof DOCUMENT_LABELS

export function labelsFor(locale: string | null | undefined) {
  return DOCUMENT_LABELS[locale === "zh-CN" ? "zh-CN" : "en"]
}

/** An amount for people: "€1,234.50" in English, "€1,234.50" / "¥6,982" in Chinese; exact, from a decimal string. */
export function formatMoneyForDocument(amount: string | number, currencyCode: string, locale: string | null | undefined) {
  const formatter = new Intl.NumberFormat(locale === "zh-CN" ? "zh-CN" : "en-US", {
    style: "currency",
    currency: currencyCode.toUpperCase(),
  })
  // Intl formats decimal strings exactly (no floating point on the way).
  return formatter.format(String(amount) as unknown as number)
}

/** A calendar date in UTC, as people of that language write it. */
export function formatDateForDocument(date: Date | string | null | undefined, locale: string | null | undefined) {
  if (!date) return "–"
  return new Intl.DateTimeFormat(locale === "zh-CN" ? "zh-CN" : "en-GB", {
    year: "numeric",
    month: locale === "zh-CN" ? "long" : "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(new Date(date))
}

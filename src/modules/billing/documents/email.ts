import { formatDateForDocument, formatMoneyForDocument } from "./labels"

type DocumentForEmail = {
  type: "invoice" | "credit_note"
  number: string | null
  locale: string
  currency_code: string
  total: number | string
  amount_due: number | string
  due_at: Date | string | null
  seller: { company_name?: string | null } | null
  buyer: { name?: string | null } | null
  /** A link to pay the invoice online, when there is one. */
  payment_url?: string | null
}

/** Subject and plain-text body of the email that carries a document's PDF, in the document's language. */
export function composeDocumentEmail(doc: DocumentForEmail) {
  const seller = doc.seller?.company_name || ""
  const total = formatMoneyForDocument(doc.total, doc.currency_code, doc.locale)
  const due = formatMoneyForDocument(doc.amount_due, doc.currency_code, doc.locale)
  const dueDate = formatDateForDocument(doc.due_at, doc.locale)
  if (doc.locale === "zh-CN") {
    const kind = doc.type === "credit_note" ? "红字发票" : "发票"
    return {
      subject: `${seller ? `${seller} 的` : ""}${kind} ${doc.number}`,
      text: [
        `${doc.buyer?.name ?? ""}您好：`,
        `附件是${kind} ${doc.number}（PDF），金额 ${total}。`,
        doc.type === "invoice" ? `应付金额 ${due}，到期日 ${dueDate}。` : "",
        doc.payment_url ? `在线付款：${doc.payment_url}` : "",
        seller ? `—— ${seller}` : "",
      ].filter(Boolean).join("\n"),
    }
  }
  const kind = doc.type === "credit_note" ? "Credit note" : "Invoice"
  return {
    subject: `${kind} ${doc.number}${seller ? ` from ${seller}` : ""}`,
    text: [
      `Hello${doc.buyer?.name ? ` ${doc.buyer.name}` : ""},`,
      `please find attached ${kind.toLowerCase()} ${doc.number} (PDF) for ${total}.`,
      doc.type === "invoice" ? `Amount due: ${due}, due on ${dueDate}.` : "",
      doc.payment_url ? `Pay online: ${doc.payment_url}` : "",
      seller ? `— ${seller}` : "",
    ].filter(Boolean).join("\n"),
  }
}

type ReceiptForEmail = {
  receipt_number: string | null
  locale: string
  currency_code: string
  amount: number | string
  received_at: Date | string
  seller: { company_name?: string | null } | null
  buyer: { name?: string | null } | null
}

/** Subject and plain-text body of the email that carries a receipt, in the customer's language. */
export function composeReceiptEmail(receipt: ReceiptForEmail) {
  const seller = receipt.seller?.company_name || ""
  const amount = formatMoneyForDocument(receipt.amount, receipt.currency_code, receipt.locale)
  const date = formatDateForDocument(receipt.received_at, receipt.locale)
  if (receipt.locale === "zh-CN") {
    return {
      subject: `${seller ? `${seller} 的` : ""}收据 ${receipt.receipt_number}`,
      text: [
        `${receipt.buyer?.name ?? ""}您好：`,
        `我们已于 ${date} 收到您的付款 ${amount}，收据 ${receipt.receipt_number} 见附件（PDF）。`,
        seller ? `—— ${seller}` : "",
      ].filter(Boolean).join("\n"),
    }
  }
  return {
    subject: `Receipt ${receipt.receipt_number}${seller ? ` from ${seller}` : ""}`,
    text: [
      `Hello${receipt.buyer?.name ? ` ${receipt.buyer.name}` : ""},`,
      `we received your payment of ${amount} on ${date}; receipt ${receipt.receipt_number} is attached (PDF).`,
      seller ? `— ${seller}` : "",
    ].filter(Boolean).join("\n"),
  }
}

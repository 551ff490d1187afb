import { model } from "@medusajs/framework/utils"

/** Where money lands: a bank account, the Stripe balance, a cash drawer, an Alipay or WeChat Pay account. */
export const CollectionAccount = model
  .define({ name: "CollectionAccount", tableName: "billing_collection_account" }, {
    id: model.id({ prefix: "bacc" }).primaryKey(),
    name: model.text(),
    type: model.enum(["bank", "stripe", "cash", "alipay", "wechat_pay", "other"]).default("bank"),
    // The account's currency; payments in another currency cannot land on it. Null: any.
    currency_code: model.text().nullable(),
    // IBAN, BIC, bank name, account number… as the merchant's accountant knows them.
    details: model.json().nullable(),
    is_active: model.boolean().default(true),
    // The journal account money on it is booked to (e.g. "1020"); null: the default cash account.
    account_code: model.text().nullable(),
    // How to read its bank statements (CSV): delimiter, date format, decimal separator and the
    // columns of date, amount (or credit/debit), description, reference, counterparty.
    statement_mapping: model.json().nullable(),
  })

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129040153 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_payment_refund" drop constraint if exists "billing_payment_refund_external_id_unique";`);
    this.addSql(`alter table if exists "billing_payment" drop constraint if exists "billing_payment_external_id_unique";`);
    this.addSql(`create table if not exists "billing_payment" ("id" text not null, "customer_id" text not null, "currency_code" text not null, "amount" numeric not null, "amount_allocated" numeric not null default 0, "amount_refunded" numeric not null default 0, "method" text check ("method" in ('card', 'bank_transfer', 'cash', 'cheque', 'alipay', 'wechat_pay', 'store_credit', 'other')) not null default 'other', "collection_account_id" text null, "received_at" timestamptz not null, "reference" text null, "note" text null, "source" text check ("source" in ('manual', 'medusa', 'stripe')) not null default 'manual', "external_id" text null, "order_id" text null, "metadata" jsonb null, "raw_amount" jsonb not null, "raw_amount_allocated" jsonb not null default '{"value":"0","precision":20}', "raw_amount_refunded" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_payment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_deleted_at" ON "billing_payment" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_payment_external_id_unique" ON "billing_payment" ("external_id") WHERE external_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_customer_id_currency_code" ON "billing_payment" ("customer_id", "currency_code") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_payment_allocation" ("id" text not null, "payment_id" text not null, "invoice_id" text not null, "amount" numeric not null, "original_amount" numeric not null, "unapplied_at" timestamptz null, "raw_amount" jsonb not null, "raw_original_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_payment_allocation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_allocation_deleted_at" ON "billing_payment_allocation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_allocation_payment_id" ON "billing_payment_allocation" ("payment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_allocation_invoice_id" ON "billing_payment_allocation" ("invoice_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_payment_refund" ("id" text not null, "payment_id" text not null, "amount" numeric not null, "reason" text null, "source" text check ("source" in ('manual', 'medusa', 'stripe')) not null default 'manual', "external_id" text null, "credit_note_id" text null, "refunded_at" timestamptz not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_payment_refund_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_refund_deleted_at" ON "billing_payment_refund" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_payment_refund_external_id_unique" ON "billing_payment_refund" ("external_id") WHERE external_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_refund_payment_id" ON "billing_payment_refund" ("payment_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "billing_payment" cascade;`);

    this.addSql(`drop table if exists "billing_payment_allocation" cascade;`);

    this.addSql(`drop table if exists "billing_payment_refund" cascade;`);
  }

}

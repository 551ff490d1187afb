import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129060654 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_payment_link" drop constraint if exists "billing_payment_link_external_id_unique";`);
    this.addSql(`create table if not exists "billing_payment_link" ("id" text not null, "invoice_id" text not null, "provider" text check ("provider" in ('stripe')) not null default 'stripe', "external_id" text not null, "url" text not null, "currency_code" text not null, "amount" numeric not null, "amount_due" numeric not null, "amount_difference" numeric not null default 0, "status" text check ("status" in ('open', 'completed', 'expired')) not null default 'open', "completed_at" timestamptz null, "raw_amount" jsonb not null, "raw_amount_due" jsonb not null, "raw_amount_difference" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_payment_link_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_link_deleted_at" ON "billing_payment_link" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_payment_link_external_id_unique" ON "billing_payment_link" ("external_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_link_invoice_id" ON "billing_payment_link" ("invoice_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "billing_payment_link" cascade;`);
  }

}

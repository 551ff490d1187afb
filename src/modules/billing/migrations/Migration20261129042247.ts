import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129042247 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "billing_collection_account" ("id" text not null, "name" text not null, "type" text check ("type" in ('bank', 'stripe', 'cash', 'alipay', 'wechat_pay', 'other')) not null default 'bank', "currency_code" text null, "details" jsonb null, "is_active" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_collection_account_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_collection_account_deleted_at" ON "billing_collection_account" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "billing_collection_account" cascade;`);
  }

}

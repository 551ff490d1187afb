import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129124516 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "billing_contact_note" ("id" text not null, "customer_id" text not null, "invoice_id" text null, "channel" text check ("channel" in ('call', 'email', 'visit', 'chat', 'letter', 'other')) not null, "note" text not null, "next_action" text null, "next_action_date" text null, "created_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_contact_note_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_contact_note_deleted_at" ON "billing_contact_note" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_contact_note_customer_id" ON "billing_contact_note" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_payment_promise" ("id" text not null, "customer_id" text not null, "currency_code" text not null, "amount" numeric not null, "promised_date" text not null, "invoice_ids" jsonb null, "note" text null, "created_by" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_payment_promise_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_promise_deleted_at" ON "billing_payment_promise" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_promise_customer_id_currency_code" ON "billing_payment_promise" ("customer_id", "currency_code") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "billing_contact_note" cascade;`);

    this.addSql(`drop table if exists "billing_payment_promise" cascade;`);
  }

}

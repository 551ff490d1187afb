import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129134726 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_reminder" drop constraint if exists "billing_reminder_invoice_id_level_unique";`);
    this.addSql(`create table if not exists "billing_reminder" ("id" text not null, "invoice_id" text not null, "customer_id" text null, "level" integer null, "trigger" text check ("trigger" in ('schedule', 'manual')) not null default 'schedule', "to" text null, "locale" text not null default 'en', "subject" text null, "amount_due" numeric not null, "notification_id" text null, "fee_invoice_id" text null, "sent_at" timestamptz not null, "created_by" text null, "raw_amount_due" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_reminder_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_reminder_deleted_at" ON "billing_reminder" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_reminder_invoice_id_level_unique" ON "billing_reminder" ("invoice_id", "level") WHERE level IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_reminder_customer_id" ON "billing_reminder" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "billing_settings" add column if not exists "reminders" jsonb null, add column if not exists "collections" jsonb null;`);

    this.addSql(`alter table if exists "billing_customer_settings" add column if not exists "reminders_paused_at" timestamptz null, add column if not exists "reminders_paused_until" text null, add column if not exists "reminders_pause_reason" text null;`);

    this.addSql(`alter table if exists "billing_invoice" add column if not exists "review_flagged_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "billing_reminder" cascade;`);

    this.addSql(`alter table if exists "billing_settings" drop column if exists "reminders", drop column if exists "collections";`);

    this.addSql(`alter table if exists "billing_customer_settings" drop column if exists "reminders_paused_at", drop column if exists "reminders_paused_until", drop column if exists "reminders_pause_reason";`);

    this.addSql(`alter table if exists "billing_invoice" drop column if exists "review_flagged_at";`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129045339 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_payment" drop constraint if exists "billing_payment_receipt_number_unique";`);
    this.addSql(`alter table if exists "billing_payment" add column if not exists "receipt_number" text null, add column if not exists "receipt_sent_at" timestamptz null;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_payment_receipt_number_unique" ON "billing_payment" ("receipt_number") WHERE receipt_number IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "billing_settings" add column if not exists "payment_methods" jsonb null, add column if not exists "email_receipts" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_billing_payment_receipt_number_unique";`);
    this.addSql(`alter table if exists "billing_payment" drop column if exists "receipt_number", drop column if exists "receipt_sent_at";`);

    this.addSql(`alter table if exists "billing_settings" drop column if exists "payment_methods", drop column if exists "email_receipts";`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129061638 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_payment_refund" drop constraint if exists "billing_payment_refund_provider_refund_id_unique";`);
    this.addSql(`alter table if exists "billing_payment" add column if not exists "stripe_payment_intent_id" text null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_stripe_payment_intent_id" ON "billing_payment" ("stripe_payment_intent_id") WHERE stripe_payment_intent_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "billing_payment_refund" add column if not exists "provider_refund_id" text null, add column if not exists "canceled_at" timestamptz null;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_payment_refund_provider_refund_id_unique" ON "billing_payment_refund" ("provider_refund_id") WHERE provider_refund_id IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_billing_payment_stripe_payment_intent_id";`);
    this.addSql(`alter table if exists "billing_payment" drop column if exists "stripe_payment_intent_id";`);

    this.addSql(`drop index if exists "IDX_billing_payment_refund_provider_refund_id_unique";`);
    this.addSql(`alter table if exists "billing_payment_refund" drop column if exists "provider_refund_id", drop column if exists "canceled_at";`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129080922 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_payment_dispute" drop constraint if exists "billing_payment_dispute_external_id_unique";`);
    this.addSql(`create table if not exists "billing_payment_dispute" ("id" text not null, "external_id" text not null, "payment_id" text not null, "charge_id" text null, "payment_intent_id" text null, "currency_code" text not null, "amount" numeric not null, "status" text not null, "outcome" text check ("outcome" in ('open', 'won', 'lost')) not null default 'open', "reason" text null, "evidence_due_by" timestamptz null, "status_event_created_at" timestamptz not null, "closed_at" timestamptz null, "amount_withdrawn" numeric not null default 0, "amount_reinstated" numeric not null default 0, "withdrawn_at" timestamptz null, "reinstated_at" timestamptz null, "fee" numeric not null default 0, "fee_currency_code" text null, "balance_transactions" jsonb null, "invoice_ids" jsonb null, "raw_amount" jsonb not null, "raw_amount_withdrawn" jsonb not null default '{"value":"0","precision":20}', "raw_amount_reinstated" jsonb not null default '{"value":"0","precision":20}', "raw_fee" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_payment_dispute_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_dispute_deleted_at" ON "billing_payment_dispute" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_payment_dispute_external_id_unique" ON "billing_payment_dispute" ("external_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_payment_dispute_payment_id" ON "billing_payment_dispute" ("payment_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "billing_payment" add column if not exists "amount_disputed" numeric not null default 0, add column if not exists "raw_amount_disputed" jsonb not null default '{"value":"0","precision":20}';`);

    this.addSql(`alter table if exists "billing_invoice" add column if not exists "dispute_status" text check ("dispute_status" in ('open', 'won', 'lost')) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "billing_payment_dispute" cascade;`);

    this.addSql(`alter table if exists "billing_payment" drop column if exists "amount_disputed", drop column if exists "raw_amount_disputed";`);

    this.addSql(`alter table if exists "billing_invoice" drop column if exists "dispute_status";`);
  }

}

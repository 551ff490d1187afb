import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129062712 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_stripe_payout" drop constraint if exists "billing_stripe_payout_external_id_unique";`);
    this.addSql(`alter table if exists "billing_stripe_balance_transaction" drop constraint if exists "billing_stripe_balance_transaction_external_id_unique";`);
    this.addSql(`create table if not exists "billing_stripe_balance_transaction" ("id" text not null, "external_id" text not null, "type" text not null, "source_id" text null, "charge_id" text null, "payment_intent_id" text null, "currency_code" text not null, "amount" numeric not null, "fee" numeric not null default 0, "net" numeric not null, "exchange_rate" text null, "status" text null, "available_on" timestamptz null, "stripe_created_at" timestamptz not null, "payout_id" text null, "raw_amount" jsonb not null, "raw_fee" jsonb not null default '{"value":"0","precision":20}', "raw_net" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_stripe_balance_transaction_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_stripe_balance_transaction_deleted_at" ON "billing_stripe_balance_transaction" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_stripe_balance_transaction_external_id_unique" ON "billing_stripe_balance_transaction" ("external_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_stripe_balance_transaction_charge_id" ON "billing_stripe_balance_transaction" ("charge_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_stripe_balance_transaction_payout_id" ON "billing_stripe_balance_transaction" ("payout_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_stripe_payout" ("id" text not null, "external_id" text not null, "currency_code" text not null, "amount" numeric not null, "status" text not null, "arrival_date" timestamptz null, "failure_code" text null, "failure_message" text null, "status_event_created_at" timestamptz not null, "transactions_fetched_at" timestamptz null, "transaction_count" integer not null default 0, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_stripe_payout_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_stripe_payout_deleted_at" ON "billing_stripe_payout" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_stripe_payout_external_id_unique" ON "billing_stripe_payout" ("external_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "billing_stripe_balance_transaction" cascade;`);

    this.addSql(`drop table if exists "billing_stripe_payout" cascade;`);
  }

}

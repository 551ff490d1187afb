import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129055909 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_stripe_event" drop constraint if exists "billing_stripe_event_event_id_unique";`);
    this.addSql(`create table if not exists "billing_stripe_event" ("id" text not null, "event_id" text not null, "type" text not null, "account" text null, "livemode" boolean not null default false, "stripe_created_at" timestamptz not null, "object_id" text null, "payload" jsonb not null, "status" text check ("status" in ('pending', 'processed', 'failed', 'waiting', 'ignored')) not null default 'pending', "attempts" integer not null default 0, "last_error" text null, "next_attempt_at" timestamptz null, "processed_at" timestamptz null, "received_via" text check ("received_via" in ('webhook', 'backfill')) not null default 'webhook', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_stripe_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_stripe_event_deleted_at" ON "billing_stripe_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_stripe_event_event_id_unique" ON "billing_stripe_event" ("event_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_stripe_event_status_next_attempt_at" ON "billing_stripe_event" ("status", "next_attempt_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_stripe_event_object_id" ON "billing_stripe_event" ("object_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "billing_stripe_event" cascade;`);
  }

}

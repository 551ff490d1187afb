import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129022145 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_number_series" drop constraint if exists "billing_number_series_document_type_unique";`);
    this.addSql(`alter table if exists "billing_number_counter" drop constraint if exists "billing_number_counter_series_id_period_unique";`);
    this.addSql(`alter table if exists "billing_invoice" drop constraint if exists "billing_invoice_number_unique";`);
    this.addSql(`create table if not exists "billing_activity" ("id" text not null, "entity_type" text not null, "entity_id" text not null, "action" text not null, "actor_type" text not null, "actor_id" text null, "data" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_activity_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_activity_deleted_at" ON "billing_activity" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_activity_entity_type_entity_id" ON "billing_activity" ("entity_type", "entity_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_invoice" ("id" text not null, "type" text check ("type" in ('invoice', 'credit_note')) not null default 'invoice', "status" text check ("status" in ('draft', 'open', 'partially_paid', 'paid', 'void', 'uncollectible')) not null default 'draft', "number" text null, "order_id" text null, "order_display_id" integer null, "customer_id" text null, "email" text null, "currency_code" text not null, "issued_at" timestamptz null, "due_at" timestamptz null, "payment_terms_days" integer not null default 0, "seller" jsonb null, "buyer" jsonb null, "subtotal" numeric not null default 0, "shipping_total" numeric not null default 0, "discount_total" numeric not null default 0, "tax_total" numeric not null default 0, "rounding_total" numeric not null default 0, "total" numeric not null default 0, "source_total" numeric null, "tax_summary" jsonb null, "notes" text null, "metadata" jsonb null, "raw_subtotal" jsonb not null default '{"value":"0","precision":20}', "raw_shipping_total" jsonb not null default '{"value":"0","precision":20}', "raw_discount_total" jsonb not null default '{"value":"0","precision":20}', "raw_tax_total" jsonb not null default '{"value":"0","precision":20}', "raw_rounding_total" jsonb not null default '{"value":"0","precision":20}', "raw_total" jsonb not null default '{"value":"0","precision":20}', "raw_source_total" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_invoice_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_deleted_at" ON "billing_invoice" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_invoice_number_unique" ON "billing_invoice" ("number") WHERE number IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_invoice_one_per_order" ON "billing_invoice" ("order_id") WHERE order_id IS NOT NULL AND type = 'invoice' AND status <> 'void' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_customer_id_currency_code" ON "billing_invoice" ("customer_id", "currency_code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_status_due_at" ON "billing_invoice" ("status", "due_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_invoice_line" ("id" text not null, "kind" text check ("kind" in ('item', 'shipping', 'rounding')) not null default 'item', "rank" integer not null default 0, "source_id" text null, "title" text not null, "subtitle" text null, "sku" text null, "quantity" numeric not null, "unit_price" numeric not null, "is_tax_inclusive" boolean not null default false, "subtotal" numeric not null, "discount_total" numeric not null default 0, "tax_total" numeric not null default 0, "total" numeric not null, "tax_lines" jsonb null, "invoice_id" text not null, "raw_quantity" jsonb not null, "raw_unit_price" jsonb not null, "raw_subtotal" jsonb not null, "raw_discount_total" jsonb not null default '{"value":"0","precision":20}', "raw_tax_total" jsonb not null default '{"value":"0","precision":20}', "raw_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_invoice_line_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_line_invoice_id" ON "billing_invoice_line" ("invoice_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_line_deleted_at" ON "billing_invoice_line" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_number_counter" ("id" text not null, "series_id" text not null, "period" text not null, "last_value" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_number_counter_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_number_counter_deleted_at" ON "billing_number_counter" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_number_counter_series_id_period_unique" ON "billing_number_counter" ("series_id", "period");`);

    this.addSql(`create table if not exists "billing_number_series" ("id" text not null, "document_type" text check ("document_type" in ('invoice', 'credit_note', 'receipt')) not null, "format" text not null, "reset" text check ("reset" in ('yearly', 'monthly', 'never')) not null default 'yearly', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_number_series_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_number_series_deleted_at" ON "billing_number_series" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_number_series_document_type_unique" ON "billing_number_series" ("document_type") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "billing_invoice_line" add constraint "billing_invoice_line_invoice_id_foreign" foreign key ("invoice_id") references "billing_invoice" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "billing_invoice_line" drop constraint if exists "billing_invoice_line_invoice_id_foreign";`);

    this.addSql(`drop table if exists "billing_activity" cascade;`);

    this.addSql(`drop table if exists "billing_invoice" cascade;`);

    this.addSql(`drop table if exists "billing_invoice_line" cascade;`);

    this.addSql(`drop table if exists "billing_number_counter" cascade;`);

    this.addSql(`drop table if exists "billing_number_series" cascade;`);
  }

}

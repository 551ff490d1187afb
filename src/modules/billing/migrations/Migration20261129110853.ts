import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129110853 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_write_off" drop constraint if exists "billing_write_off_exception_id_unique";`);
    this.addSql(`alter table if exists "billing_reconciliation_match" drop constraint if exists "billing_reconciliation_match_run_id_key_unique";`);
    this.addSql(`alter table if exists "billing_reconciliation_exception" drop constraint if exists "billing_reconciliation_exception_run_id_key_unique";`);
    this.addSql(`alter table if exists "billing_bank_statement_line" drop constraint if exists "billing_bank_statement_line_collection_account_id_fingerprint_unique";`);
    this.addSql(`alter table if exists "billing_bank_statement" drop constraint if exists "billing_bank_statement_collection_account_id_file_hash_unique";`);
    this.addSql(`alter table if exists "billing_accounting_period" drop constraint if exists "billing_accounting_period_period_unique";`);
    this.addSql(`create table if not exists "billing_accounting_period" ("id" text not null, "period" text not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "status" text check ("status" in ('open', 'closed')) not null default 'closed', "closed_at" timestamptz null, "closed_by" text null, "reopened_at" timestamptz null, "reopened_by" text null, "reopen_reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_accounting_period_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_accounting_period_deleted_at" ON "billing_accounting_period" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_accounting_period_period_unique" ON "billing_accounting_period" ("period") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_bank_statement" ("id" text not null, "collection_account_id" text not null, "file_name" text not null, "format" text check ("format" in ('csv', 'camt053')) not null, "file_hash" text not null, "currency_code" text not null, "line_count" integer not null default 0, "new_line_count" integer not null default 0, "booked_from" timestamptz null, "booked_to" timestamptz null, "mapping" jsonb null, "imported_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_bank_statement_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_statement_deleted_at" ON "billing_bank_statement" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_bank_statement_collection_account_id_file_hash_unique" ON "billing_bank_statement" ("collection_account_id", "file_hash") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_bank_statement_line" ("id" text not null, "statement_id" text not null, "collection_account_id" text not null, "row_number" integer not null, "booked_at" timestamptz not null, "amount" numeric not null, "currency_code" text not null, "description" text null, "counterparty" text null, "reference" text null, "fingerprint" text not null, "status" text check ("status" in ('unmatched', 'matched', 'ignored')) not null default 'unmatched', "payment_id" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_bank_statement_line_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_statement_line_deleted_at" ON "billing_bank_statement_line" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_bank_statement_line_collection_account_id_fingerprint_unique" ON "billing_bank_statement_line" ("collection_account_id", "fingerprint") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_statement_line_statement_id" ON "billing_bank_statement_line" ("statement_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_bank_statement_line_payment_id" ON "billing_bank_statement_line" ("payment_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_reconciliation_exception" ("id" text not null, "run_id" text not null, "key" text not null, "type" text not null, "status" text check ("status" in ('open', 'resolved')) not null default 'open', "currency_code" text null, "expected_amount" numeric null, "actual_amount" numeric null, "difference" numeric null, "description" text null, "links" jsonb null, "resolution" jsonb null, "resolved_at" timestamptz null, "resolved_by" text null, "history" jsonb null, "last_seen_at" timestamptz null, "raw_expected_amount" jsonb null, "raw_actual_amount" jsonb null, "raw_difference" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_reconciliation_exception_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_reconciliation_exception_deleted_at" ON "billing_reconciliation_exception" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_reconciliation_exception_run_id_key_unique" ON "billing_reconciliation_exception" ("run_id", "key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_reconciliation_exception_status_type" ON "billing_reconciliation_exception" ("status", "type") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_reconciliation_match" ("id" text not null, "run_id" text not null, "key" text not null, "source_type" text not null, "source_id" text not null, "target_type" text not null, "target_id" text not null, "currency_code" text null, "amount" numeric not null default 0, "raw_amount" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_reconciliation_match_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_reconciliation_match_deleted_at" ON "billing_reconciliation_match" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_reconciliation_match_run_id_key_unique" ON "billing_reconciliation_match" ("run_id", "key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_reconciliation_match_target_type_target_id" ON "billing_reconciliation_match" ("target_type", "target_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_reconciliation_run" ("id" text not null, "kind" text check ("kind" in ('stripe_payout', 'three_way', 'bank_statement')) not null, "status" text check ("status" in ('running', 'completed', 'failed')) not null default 'running', "params" jsonb not null, "started_by_type" text not null default 'system', "started_by_id" text null, "started_at" timestamptz not null, "finished_at" timestamptz null, "progress_done" integer not null default 0, "progress_total" integer not null default 0, "matched_count" integer not null default 0, "exception_count" integer not null default 0, "summary" jsonb null, "error" text null, "runs" integer not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_reconciliation_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_reconciliation_run_deleted_at" ON "billing_reconciliation_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_reconciliation_run_kind_started_at" ON "billing_reconciliation_run" ("kind", "started_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_write_off" ("id" text not null, "invoice_id" text not null, "customer_id" text null, "currency_code" text not null, "amount" numeric not null, "reason" text check ("reason" in ('bad_debt', 'small_balance', 'settlement', 'fee', 'fx', 'rounding')) not null, "note" text null, "exception_id" text null, "written_off_at" timestamptz not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_write_off_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_write_off_deleted_at" ON "billing_write_off" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_write_off_invoice_id" ON "billing_write_off" ("invoice_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_write_off_exception_id_unique" ON "billing_write_off" ("exception_id") WHERE exception_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "billing_settings" add column if not exists "account_codes" jsonb null, add column if not exists "reconciliation" jsonb null;`);

    this.addSql(`alter table if exists "billing_collection_account" add column if not exists "account_code" text null, add column if not exists "statement_mapping" jsonb null;`);

    this.addSql(`alter table if exists "billing_invoice" add column if not exists "amount_written_off" numeric not null default 0, add column if not exists "raw_amount_written_off" jsonb not null default '{"value":"0","precision":20}';`);

    this.addSql(`alter table if exists "billing_stripe_balance_transaction" add column if not exists "reported" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "billing_accounting_period" cascade;`);

    this.addSql(`drop table if exists "billing_bank_statement" cascade;`);

    this.addSql(`drop table if exists "billing_bank_statement_line" cascade;`);

    this.addSql(`drop table if exists "billing_reconciliation_exception" cascade;`);

    this.addSql(`drop table if exists "billing_reconciliation_match" cascade;`);

    this.addSql(`drop table if exists "billing_reconciliation_run" cascade;`);

    this.addSql(`drop table if exists "billing_write_off" cascade;`);

    this.addSql(`alter table if exists "billing_settings" drop column if exists "account_codes", drop column if exists "reconciliation";`);

    this.addSql(`alter table if exists "billing_collection_account" drop column if exists "account_code", drop column if exists "statement_mapping";`);

    this.addSql(`alter table if exists "billing_invoice" drop column if exists "amount_written_off", drop column if exists "raw_amount_written_off";`);

    this.addSql(`alter table if exists "billing_stripe_balance_transaction" drop column if exists "reported";`);
  }

}

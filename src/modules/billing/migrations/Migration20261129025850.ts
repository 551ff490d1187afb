import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129025850 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_customer_settings" drop constraint if exists "billing_customer_settings_customer_id_unique";`);
    this.addSql(`alter table if exists "billing_settings" drop constraint if exists "billing_settings_scope_unique";`);
    this.addSql(`create table if not exists "billing_settings" ("id" text not null, "scope" text not null default 'default', "invoice_trigger" text check ("invoice_trigger" in ('order_placed', 'first_fulfillment', 'fully_paid', 'manual')) not null default 'order_placed', "payment_terms_days" integer not null default 0, "locale" text check ("locale" in ('en', 'zh-CN')) not null default 'en', "email_on_issue" boolean not null default false, "seller" jsonb null, "invoice_notes" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_settings_deleted_at" ON "billing_settings" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_settings_scope_unique" ON "billing_settings" ("scope") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "billing_customer_settings" ("id" text not null, "customer_id" text not null, "payment_terms_days" integer null, "locale" text check ("locale" in ('en', 'zh-CN')) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "billing_customer_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_customer_settings_deleted_at" ON "billing_customer_settings" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_customer_settings_customer_id_unique" ON "billing_customer_settings" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "billing_invoice" drop constraint if exists "billing_invoice_status_check";`);

    this.addSql(`alter table if exists "billing_invoice" add column if not exists "locale" text not null default 'en', add column if not exists "original_invoice_id" text null, add column if not exists "reason" text null, add column if not exists "origin" text check ("origin" in ('order', 'order_change', 'manual')) not null default 'order', add column if not exists "amount_paid" numeric not null default 0, add column if not exists "amount_credited" numeric not null default 0, add column if not exists "amount_due" numeric not null default 0, add column if not exists "void_reason" text null, add column if not exists "voided_at" timestamptz null, add column if not exists "pdf_file_id" text null, add column if not exists "last_sent_at" timestamptz null, add column if not exists "raw_amount_paid" jsonb not null default '{"value":"0","precision":20}', add column if not exists "raw_amount_credited" jsonb not null default '{"value":"0","precision":20}', add column if not exists "raw_amount_due" jsonb not null default '{"value":"0","precision":20}';`);
    this.addSql(`alter table if exists "billing_invoice" add constraint "billing_invoice_status_check" check("status" in ('draft', 'issued', 'open', 'partially_paid', 'paid', 'void', 'uncollectible'));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_original_invoice_id" ON "billing_invoice" ("original_invoice_id") WHERE deleted_at IS NULL;`);

    // Documents issued before these columns existed owe their whole total.
    this.addSql(`update "billing_invoice" set "amount_due" = "total", "raw_amount_due" = "raw_total" where "issued_at" is not null and "status" <> 'void';`);

    // Rule 2, enforced by the database itself: once issued, a document's content never changes
    // and it is never deleted, whatever code path tries (the service refuses first, with a clearer message).
    this.addSql(`
      create or replace function billing_invoice_guard_issued() returns trigger as $$
      begin
        if tg_op = 'DELETE' then
          if old.issued_at is not null then
            raise exception 'Invoice % is issued and cannot be deleted', coalesce(old.number, old.id) using errcode = 'check_violation';
          end if;
          return old;
        end if;
        if old.issued_at is not null and (
          (new.type, new.number, new.order_id, new.order_display_id, new.customer_id, new.email, new.currency_code,
           new.issued_at, new.due_at, new.payment_terms_days, new.seller, new.buyer, new.subtotal, new.shipping_total,
           new.discount_total, new.tax_total, new.rounding_total, new.total, new.source_total, new.tax_summary,
           new.locale, new.original_invoice_id, new.reason, new.origin)
          is distinct from
          (old.type, old.number, old.order_id, old.order_display_id, old.customer_id, old.email, old.currency_code,
           old.issued_at, old.due_at, old.payment_terms_days, old.seller, old.buyer, old.subtotal, old.shipping_total,
           old.discount_total, old.tax_total, old.rounding_total, old.total, old.source_total, old.tax_summary,
           old.locale, old.original_invoice_id, old.reason, old.origin)
          or (old.pdf_file_id is not null and new.pdf_file_id is distinct from old.pdf_file_id)
          or (new.deleted_at is not null and old.deleted_at is null)
        ) then
          raise exception 'Invoice % is issued and its content cannot change', coalesce(old.number, old.id) using errcode = 'check_violation';
        end if;
        return new;
      end
      $$ language plpgsql;`);
    this.addSql(`drop trigger if exists "billing_invoice_guard_issued" on "billing_invoice";`);
    this.addSql(`create trigger "billing_invoice_guard_issued" before update or delete on "billing_invoice" for each row execute function billing_invoice_guard_issued();`);
    this.addSql(`
      create or replace function billing_invoice_line_guard_issued() returns trigger as $$
      declare
        parent record;
      begin
        select id, number, issued_at into parent from billing_invoice
          where id = case when tg_op = 'DELETE' then old.invoice_id else new.invoice_id end;
        if parent.issued_at is not null then
          raise exception 'Invoice % is issued and its lines cannot change', coalesce(parent.number, parent.id) using errcode = 'check_violation';
        end if;
        if tg_op = 'UPDATE' and new.invoice_id is distinct from old.invoice_id then
          select id, number, issued_at into parent from billing_invoice where id = old.invoice_id;
          if parent.issued_at is not null then
            raise exception 'Invoice % is issued and its lines cannot change', coalesce(parent.number, parent.id) using errcode = 'check_violation';
          end if;
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end
      $$ language plpgsql;`);
    this.addSql(`drop trigger if exists "billing_invoice_line_guard_issued" on "billing_invoice_line";`);
    this.addSql(`create trigger "billing_invoice_line_guard_issued" before insert or update or delete on "billing_invoice_line" for each row execute function billing_invoice_line_guard_issued();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "billing_invoice_line_guard_issued" on "billing_invoice_line";`);
    this.addSql(`drop function if exists billing_invoice_line_guard_issued();`);
    this.addSql(`drop trigger if exists "billing_invoice_guard_issued" on "billing_invoice";`);
    this.addSql(`drop function if exists billing_invoice_guard_issued();`);
    this.addSql(`drop table if exists "billing_settings" cascade;`);

    this.addSql(`drop table if exists "billing_customer_settings" cascade;`);

    this.addSql(`alter table if exists "billing_invoice" drop constraint if exists "billing_invoice_status_check";`);

    this.addSql(`drop index if exists "IDX_billing_invoice_original_invoice_id";`);
    this.addSql(`alter table if exists "billing_invoice" drop column if exists "locale", drop column if exists "original_invoice_id", drop column if exists "reason", drop column if exists "origin", drop column if exists "amount_paid", drop column if exists "amount_credited", drop column if exists "amount_due", drop column if exists "void_reason", drop column if exists "voided_at", drop column if exists "pdf_file_id", drop column if exists "last_sent_at", drop column if exists "raw_amount_paid", drop column if exists "raw_amount_credited", drop column if exists "raw_amount_due";`);

    this.addSql(`alter table if exists "billing_invoice" add constraint "billing_invoice_status_check" check("status" in ('draft', 'open', 'partially_paid', 'paid', 'void', 'uncollectible'));`);
  }

}

import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129123007 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_settings" add column if not exists "timezone" text not null default 'UTC';`);

    this.addSql(`alter table if exists "billing_invoice" add column if not exists "overdue_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "billing_settings" drop column if exists "timezone";`);

    this.addSql(`alter table if exists "billing_invoice" drop column if exists "overdue_at";`);
  }

}

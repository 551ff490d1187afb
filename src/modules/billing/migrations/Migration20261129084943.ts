import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129084943 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "billing_payment_link" add column if not exists "expires_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "billing_payment_link" drop column if exists "expires_at";`);
  }

}

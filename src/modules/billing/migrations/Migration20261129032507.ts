import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129032507 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_billing_invoice_order_id_type" ON "billing_invoice" ("order_id", "type") WHERE deleted_at IS NULL;`);
    // Supplementary invoices (origin order_change) sit beside the order's invoice: the
    // one-invoice-per-order rule now counts only the order's own invoice.
    this.addSql(`drop index if exists "IDX_billing_invoice_one_per_order";`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_invoice_one_per_order" ON "billing_invoice" ("order_id") WHERE order_id IS NOT NULL AND type = 'invoice' AND origin = 'order' AND status <> 'void' AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_billing_invoice_order_id_type";`);
    this.addSql(`drop index if exists "IDX_billing_invoice_one_per_order";`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_billing_invoice_one_per_order" ON "billing_invoice" ("order_id") WHERE order_id IS NOT NULL AND type = 'invoice' AND status <> 'void' AND deleted_at IS NULL;`);
  }

}

import ReportsLayer from "./service-layers/reports"

/**
 * The billing module's service: one class, built in layers of a file per concern, each extending
 * the one before: documents.ts (invoices, credit notes, settings, numbering; the activity log and
 * the period guard every later layer uses) ← payments.ts ← collections.ts ← books.ts ← reports.ts.
 *
 * The layers are not in a `services/` folder: Medusa registers every class there in the module's
 * container, and the constructor of each one named `…Service` resolves every other, which for
 * layers of one service recurses until the process hangs.
 */
class BillingModuleService extends ReportsLayer {}

export default BillingModuleService

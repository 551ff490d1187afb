import { DataTable, Text } from "@medusajs/ui"
import { useBillingTranslation } from "../lib/i18n"

/**
 * A list's rows below its toolbar and filters: the table (with `empty` as its heading when nothing
 * matches), or the load error in its place, and the pages. Goes inside `<DataTable>`.
 */
export const ListTable = ({ error, empty }: { error?: Error | null; empty: string }) => {
  const { t, pagination } = useBillingTranslation()
  return (
    <>
      {error ? (
        <Text className="text-ui-fg-error px-6 py-4">{t("billing.errors.load", { message: error.message })}</Text>
      ) : (
        <DataTable.Table emptyState={{ empty: { heading: empty } }} />
      )}
      <DataTable.Pagination translations={pagination} />
    </>
  )
}

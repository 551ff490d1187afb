import { DataTable, Text } from "@medusajs/ui"
import { ReactNode } from "react"
import { useBillingTranslation } from "../lib/i18n"
import { TitleBlock } from "./section-header"

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

/**
 * A list's title and what it shows, with its search or actions (`children`) beside it; the two
 * stack on a narrow screen. A section of a page (`level="h2"`) has a smaller title.
 */
export const ListHeader = ({
  title,
  subtitle,
  level = "h1",
  children,
}: {
  title: string
  subtitle: string
  level?: "h1" | "h2"
  children?: ReactNode
}) => (
  <DataTable.Toolbar className={children === undefined ? undefined : "flex flex-col items-start justify-between gap-2 md:flex-row md:items-center"}>
    <TitleBlock title={title} hint={subtitle} level={level} />
    {children}
  </DataTable.Toolbar>
)

import { Checkbox, DataTablePaginationState, Label, Select } from "@medusajs/ui"
import { useState } from "react"
import { useBillingTranslation } from "../lib/i18n"

/**
 * A list's filters and page together: changing a filter goes back to the first page, and
 * `page` is the `limit`/`offset` to ask the API for.
 */
export function useListFilters<F extends Record<string, unknown>>(initial: F, pageSize: number) {
  const [filters, setFilters] = useState(initial)
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize })
  const setFilter = (patch: Partial<F>) => {
    setFilters({ ...filters, ...patch })
    setPagination({ ...pagination, pageIndex: 0 })
  }
  const page = { limit: pageSize, offset: pagination.pageIndex * pageSize }
  return { filters, setFilter, pagination, setPagination, page }
}

/** A labelled select above a list whose first choice, "all", means no filter. */
export const FilterSelect = ({
  label,
  value,
  onChange,
  options,
  className = "w-40",
  testId,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  options: { value: string; label: string }[]
  /** The trigger's width. */
  className?: string
  testId?: string
}) => {
  const { t } = useBillingTranslation()
  return (
    <div className="flex flex-col gap-y-1">
      <Label size="xsmall">{label}</Label>
      <Select size="small" value={value} onValueChange={onChange}>
        <Select.Trigger className={className} data-testid={testId}>
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value="all">{t("billing.filters.all")}</Select.Item>
          {options.map((option) => (
            <Select.Item key={option.value} value={option.value}>{option.label}</Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}

/** A filter that is on or off ("Overdue only"), level with the selects beside it. */
export const FilterCheckbox = ({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) => (
  <div className="flex items-center gap-x-2 pb-1">
    <Checkbox id={id} checked={checked} onCheckedChange={(v) => onChange(v === true)} />
    <Label htmlFor={id} size="small">{label}</Label>
  </div>
)

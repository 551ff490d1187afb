import { Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A title with what it is about in a quieter line below (when there is a hint). */
export const TitleBlock = ({
  title,
  hint,
  level = "h1",
  className,
}: {
  title: ReactNode
  hint?: ReactNode
  level?: "h1" | "h2"
  className?: string
}) => (
  <div className={className}>
    <Heading level={level}>{title}</Heading>
    {hint !== undefined && <Text size="small" className="text-ui-fg-subtle">{hint}</Text>}
  </div>
)

/** The title of a card's section, across the card's top row. */
export const SectionHeader = ({ title, hint, level = "h2" }: { title: string; hint?: ReactNode; level?: "h1" | "h2" }) => (
  <TitleBlock title={title} hint={hint} level={level} className="px-6 py-4" />
)

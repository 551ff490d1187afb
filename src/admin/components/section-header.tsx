import { Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** The title of a card's section, with what it holds in a quieter line below when there is a hint. */
export const SectionHeader = ({ title, hint, level = "h2" }: { title: string; hint?: ReactNode; level?: "h1" | "h2" }) => (
  <div className="px-6 py-4">
    <Heading level={level}>{title}</Heading>
    {hint !== undefined && <Text size="small" className="text-ui-fg-subtle">{hint}</Text>}
  </div>
)

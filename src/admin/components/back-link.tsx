import { ArrowLeft } from "@medusajs/icons"
import { Link } from "react-router-dom"

/** Above a detail page: back to the list it was opened from. */
export const BackLink = ({ to, label }: { to: string; label: string }) => (
  <Link to={to} className="text-ui-fg-subtle flex items-center gap-x-1 text-sm">
    <ArrowLeft /> {label}
  </Link>
)

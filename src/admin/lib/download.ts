/** Starts a download in this tab; the admin session cookie authenticates it. */
export function downloadFile(url: string) {
  const link = document.createElement("a")
  link.href = url
  link.download = ""
  document.body.appendChild(link)
  link.click()
  link.remove()
}

import { execFileSync } from "child_process"
import fs from "fs"
import os from "os"
import path from "path"

/** Text of a PDF as poppler's pdftotext reads it (Debian package poppler-utils). */
export function pdfText(pdf: Buffer) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pdf-")), "doc.pdf")
  fs.writeFileSync(file, pdf)
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error("pdftotext not found: install it with apt-get install -y poppler-utils")
    }
    throw e
  }
}

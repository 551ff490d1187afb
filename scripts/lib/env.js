const fs = require("fs")
const path = require("path")

/** Loads KEY=value lines of `.env` into process.env without overriding what is already set. */
function loadDotEnv(root) {
  const file = path.join(root, ".env")
  if (!fs.existsSync(file)) return
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/)
    if (m && process.env[m[1]] === undefined) {
      process.env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, "$2")
    }
  }
}

const medusaBin = (root) => path.join(root, "node_modules", ".bin", "medusa")

module.exports = { loadDotEnv, medusaBin }

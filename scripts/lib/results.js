const fs = require("fs")
const path = require("path")

/** Records a suite's counts in .cache/results/<name>.json; .ci/run sums them into its last line. */
function recordResult(root, name, passed, failed) {
  const dir = path.join(root, ".cache", "results")
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ passed, failed }))
}

module.exports = { recordResult }

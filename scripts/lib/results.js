const fs = require("fs")
const path = require("path")

/**
 * Records a suite's counts (and the names of its failed tests) in .cache/results/<name>.json;
 * .ci/run sums them into its last line and repeats the names just above it.
 */
function recordResult(root, name, passed, failed, failures = []) {
  const dir = path.join(root, ".cache", "results")
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ passed, failed, failures }))
}

module.exports = { recordResult }

const { spawn } = require("child_process")

/**
 * Runs a command without blocking this process's event loop (unlike spawnSync): an embedded
 * PostgreSQL started by this process writes its log to a pipe that must keep being read, or
 * the server stalls once the pipe is full.
 * Resolves with { status, stdout, output } (stdout and both streams interleaved), collected only
 * when `capture` is set; otherwise the command writes to this process's terminal.
 */
function runCommand(cmd, args, { capture = false, ...options } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" })
    let output = ""
    let stdout = ""
    if (capture) {
      child.stdout.on("data", (d) => {
        output += d
        stdout += d
      })
      child.stderr.on("data", (d) => (output += d))
    }
    child.once("error", reject)
    child.once("close", (status) => resolve({ status, stdout, output }))
  })
}

module.exports = { runCommand }

const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

// One config, three kinds of tests (TEST_TYPE): unit (pure domain rules), integration:modules
// (the billing module on a real PostgreSQL) and integration:http (a real Medusa app over HTTP).
// `npm test` (scripts/test.js) runs all three against an embedded PostgreSQL.
module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": ["@swc/jest", { jsc: { parser: { syntax: "typescript", decorators: true } } }],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.data/", "<rootDir>/.cache/"],
  // Clears MikroORM's global metadata between spec files; without it the second HTTP spec file fails.
  setupFiles: ["./integration-tests/setup.js"],
}

if (process.env.TEST_TYPE === "integration:http") {
  module.exports.testMatch = ["**/integration-tests/http/*.spec.[jt]s"]
} else if (process.env.TEST_TYPE === "integration:modules") {
  module.exports.testMatch = ["**/src/modules/*/__tests__/**/*.integration.spec.[jt]s"]
} else if (process.env.TEST_TYPE === "unit") {
  module.exports.testMatch = ["**/src/**/__tests__/**/*.unit.spec.[jt]s", "**/scripts/__tests__/*.unit.spec.[jt]s"]
}

// Browser tests: `npm run test:e2e`. Not part of `npm test` (they need Debian's chromium and
// build the client first).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  // One copy of graphql for everything, as in the default config: Pothos and the schema's
  // checks must share its classes.
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 1,
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  // One copy of graphql for everything: Pothos and the tests must share its classes.
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    include: [
      "server/**/*.test.ts",
      "test/*.test.ts",
      // Needs a PostgreSQL server and Redis: .ci/run sets TEST_DATABASE_URL and TEST_REDIS_URL.
      ...(process.env.TEST_DATABASE_URL ? ["test/postgres/*.test.ts"] : []),
    ],
    globalSetup: ["test/support/global-setup.ts"],
    // The server logs nothing during tests; a test that checks a log line captures it
    // (test/support/logs.ts). LOG_LEVEL=info npm test shows them.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file opens its own embedded database (a copy of the one migrated in global-setup.ts,
    // or one a previous file of the same worker emptied: test/support/database.ts); two cores run
    // two files at a time. Files share their worker's loaded modules (isolate: false), which saves
    // loading the server and its schema once per file; no file mocks modules or keeps state in
    // them that another file could see (apps, databases and registries are per test app).
    maxWorkers: 2,
    pool: "forks",
    isolate: false,
  },
});

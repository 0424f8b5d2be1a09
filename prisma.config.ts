// Prisma CLI configuration: the WebAssembly schema engine over an in-memory PGlite, so that
// `prisma generate` and `prisma migrate diff` work offline with no native engines.
// Migrations are applied by the app itself (server/db/migrate.ts), not by `prisma migrate`.
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { pgliteAdapter } from "./server/db/pglite-adapter.ts";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => pgliteAdapter(new PGlite()),
});

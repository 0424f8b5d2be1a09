// Runs the Prisma CLI offline: Prisma checks for native engine files even when the
// WebAssembly engines are used, so point it at an empty placeholder.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const placeholder = join(process.cwd(), "node_modules", ".cache", "prisma-engine-placeholder");
if (!existsSync(placeholder)) {
  mkdirSync(join(placeholder, ".."), { recursive: true });
  writeFileSync(placeholder, "");
}
const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
    PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    PATH: `${join(process.cwd(), "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
    CHECKPOINT_DISABLE: "1",
    DATABASE_URL: "postgresql://unused@localhost/unused",
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "PATH")),
  },
});
process.exit(result.status ?? 1);

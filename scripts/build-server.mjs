// Compiles the server and the command-line tools to JavaScript in dist/ (one bundle per entry
// point, npm packages left as imports), so that `npm start` and `npm run payouts` run compiled
// code instead of transpiling TypeScript at every start (npm run payouts starts in about a
// second instead of five). Run by scripts/prestart.mjs when the sources changed.
//
// Each file is written to a temporary name and renamed into place, so two builds started at
// once (two `npm run payouts`) never leave a half-written bundle for either to run.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");

const SERVER_ENTRIES = ["server/main.ts", "scripts/payouts.ts", "scripts/reconcile.ts"];

const result = await build({
  absWorkingDir: root,
  entryPoints: SERVER_ENTRIES,
  outdir: "dist",
  outbase: ".",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  // Stack traces name the TypeScript files.
  sourcesContent: false,
  logLevel: "warning",
  write: false,
});
for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
}

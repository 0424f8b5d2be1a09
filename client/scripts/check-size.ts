// The first page's production JavaScript (entry, its static imports, and the sign-in route it
// opens for a signed-out visitor) must stay under the budget, gzip-compressed.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET = 60 * 1024;
const dist = resolve(import.meta.dirname, "../dist");
type Chunk = { file: string; imports?: string[]; isEntry?: boolean };
const manifest = JSON.parse(readFileSync(resolve(dist, ".vite/manifest.json"), "utf8")) as Record<string, Chunk>;

const files = new Set<string>();
function walk(key: string) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`not in the manifest: ${key}`);
  if (files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) walk(imported);
}
walk("index.html");
walk("src/routes/sign-in.tsx");

let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(resolve(dist, file)), { level: 9 }).length;
  total += size;
  console.log(`  ${file.padEnd(40)} ${(size / 1024).toFixed(1)} KB`);
}
console.log(`First page JavaScript: ${(total / 1024).toFixed(1)} KB gzip (budget ${BUDGET / 1024} KB)`);
if (total > BUDGET) process.exit(1);

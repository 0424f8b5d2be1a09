// The repository's root folder (the one with package.json), found from this module's location so
// that files outside the code (migrations, the printed schema, the built web client) are found the
// same way from the TypeScript sources (tests, tsx) and from the compiled bundles in dist/
// (npm start, npm run payouts), whose depth in the tree differs.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the repository, e.g. rootPath("prisma", "migrations"). */
export function rootPath(...parts: string[]): string {
  return join(ROOT, ...parts);
}

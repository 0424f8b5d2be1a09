// Once per `vitest run` on the embedded database: create and migrate one PGlite database and
// dump it, so that each test file starts from a copy (about half a second) instead of creating
// and migrating its own (several seconds each). test/support/database.ts reads the dump from
// TEST_PGLITE_TEMPLATE. With TEST_DATABASE_URL, each file creates its own PostgreSQL database.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../server/db/client.ts";

export default async function setup(): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), "bookings-test-template-"));
  const file = join(dir, "migrated.tar");
  const database = await openDatabase({ pgliteDataDir: "memory" });
  try {
    await database.migrate();
    writeFileSync(file, Buffer.from(await (await database.dump!()).arrayBuffer()));
  } finally {
    await database.close();
  }
  process.env.TEST_PGLITE_TEMPLATE = file;
  return () => rmSync(dir, { recursive: true, force: true });
}

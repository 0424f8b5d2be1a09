// A fingerprint of every table's rows, to prove that a refused request changed nothing: equal
// fingerprints before and after mean no row was inserted, updated or deleted anywhere.
import type { Db } from "../../server/db/client.ts";

/** Tables whose rows change on reads or by design of the check itself (none today). */
const IGNORED = new Set(["_prisma_migrations"]);

export async function dbFingerprint(db: Db, ignore: string[] = []): Promise<Record<string, string>> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    if (IGNORED.has(name) || ignore.includes(name)) continue;
    const [row] = await db.$queryRawUnsafe<{ count: bigint; digest: string | null }[]>(
      `SELECT count(*) AS count, md5(string_agg(t::text, '|' ORDER BY t::text))::text AS digest FROM "${name}" t`,
    );
    result[name] = `${row!.count}:${row!.digest ?? "-"}`;
  }
  return result;
}

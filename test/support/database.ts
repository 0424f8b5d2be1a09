// A fresh, isolated database per test app: in-memory PGlite by default; with
// TEST_DATABASE_URL, a new database on that PostgreSQL server, dropped afterwards.
//
// Starting a PGlite instance from the migrated template takes seconds (it unpacks a 40 MB data
// directory); emptying one and migrating it again takes a fraction of that. So a dropped
// embedded database is emptied (every schema dropped, session state discarded, migrations
// applied again) and kept for the next test file of the same worker (vitest runs files without
// isolation, see vitest.config.ts). test/database.test.ts checks that a reused one is as
// empty as a new one.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openDatabase, type Database } from "../../server/db/client.ts";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export interface TestDatabase {
  database: Database;
  /** The PostgreSQL URL of this database (undefined on PGlite). */
  url: string | undefined;
  drop(): Promise<void>;
  /** Stops the database under the app, as when its server goes away: later queries fail (createTestDatabase's only). */
  stopServer?(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Emptied embedded databases, ready for the next file of this worker (on globalThis: one list per worker however vitest loads modules). */
const pool = globalThis as { idleTestPglites?: PGlite[] };
pool.idleTestPglites ??= [];
const idlePglites = pool.idleTestPglites;

/** The database migrated once for the run (test/support/global-setup.ts), to start copies from. */
export function pgliteTemplate(): Blob | undefined {
  const templateFile = process.env.TEST_PGLITE_TEMPLATE;
  return templateFile ? new Blob([readFileSync(templateFile)]) : undefined;
}

async function newPglite(): Promise<PGlite> {
  const template = pgliteTemplate();
  const pglite = new PGlite(template ? { loadDataDir: template } : {});
  await pglite.waitReady;
  structures.set(pglite, await structureOf(pglite));
  return pglite;
}

/** Each pooled instance's structure as migrated (schemas, relations, columns, functions, triggers, migrations). */
const structures = new WeakMap<PGlite, string>();

async function structureOf(pglite: PGlite): Promise<string> {
  const user = `NOT LIKE 'pg\\_%' ESCAPE '\\' AND %s <> 'information_schema'`;
  const outside = (column: string) => user.replace("%s", column);
  const { rows } = await pglite.query<{ structure: string }>(`
    SELECT md5(string_agg(x, ',' ORDER BY x)) AS structure FROM (
      SELECT 'n:' || nspname AS x FROM pg_namespace WHERE nspname ${outside("nspname")}
      UNION ALL SELECT 'c:' || n.nspname || '.' || c.relname || ':' || c.relkind::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname ${outside("n.nspname")}
      UNION ALL SELECT 'a:' || c.relname || '.' || a.attname || ':' || a.atttypid || ':' || a.attnotnull
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
      UNION ALL SELECT 'p:' || n.nspname || '.' || p.proname
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname ${outside("n.nspname")}
      UNION ALL SELECT 't:' || tgname FROM pg_trigger WHERE NOT tgisinternal
      UNION ALL SELECT 'm:' || count(*) FROM "_prisma_migrations"
    ) s`);
  return rows[0]!.structure;
}

/**
 * Back to a freshly migrated database, with no session settings left. When the structure is as
 * migrated (the usual case: tests change rows only), every table is truncated, identities
 * restarted; otherwise (a test created or changed tables, schemas, functions) every schema is
 * dropped and the migrations applied again.
 */
async function empty(pglite: PGlite): Promise<void> {
  await pglite.exec("DISCARD ALL");
  if ((await structureOf(pglite)) === structures.get(pglite)) {
    const { rows } = await pglite.query<{ tables: string }>(
      `SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') AS tables FROM pg_tables
       WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    await pglite.exec(`TRUNCATE ${rows[0]!.tables} RESTART IDENTITY CASCADE`);
    return;
  }
  await pglite.exec(`
    DO $$ DECLARE s text; BEGIN
      FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
        EXECUTE format('DROP SCHEMA %I CASCADE', s);
      END LOOP;
      CREATE SCHEMA public;
    END $$;`);
  const database = await openDatabase({ pglite });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  structures.set(pglite, await structureOf(pglite));
}

/** Creates an empty database (not migrated: the app migrates at start, as in production). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) {
    const pglite = idlePglites.pop() ?? (await newPglite());
    const database = await openDatabase({ pglite });
    let dropped = false;
    return {
      database,
      url: undefined,
      async stopServer() {
        dropped = true; // a stopped instance is not reused
        await database.close();
        await pglite.close();
      },
      async drop() {
        if (dropped) return;
        dropped = true;
        await database.close();
        try {
          await empty(pglite);
          idlePglites.push(pglite);
        } catch {
          await pglite.close();
        }
      },
    };
  }
  const name = `bookings_test_${randomBytes(6).toString("hex")}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  return {
    database,
    url: url.toString(),
    stopServer: () => database.close(),
    async drop() {
      await database.close();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

// Applies prisma/migrations/*/migration.sql in name order, each in its own transaction,
// under a PostgreSQL advisory lock so that instances starting together take turns.
// Applied migrations are recorded in Prisma's own `_prisma_migrations` table, so
// `prisma migrate deploy` and `prisma migrate status` elsewhere see them as applied.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { rootPath } from "../shared/root.ts";

export interface SqlSession {
  /** Runs one or more statements (simple query protocol). */
  exec(sql: string): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

export interface MigrationTarget {
  /** Runs fn on one connection that nobody else uses meanwhile. */
  withLock<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATIONS_DIR = rootPath("prisma", "migrations");
/** Arbitrary constant identifying this application's migration lock. */
const LOCK_KEY = 724_011_517;

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Returns the names of the migrations it applied. */
export async function applyMigrations(target: MigrationTarget, migrations = readMigrations()): Promise<string[]> {
  return target.withLock(async (session) => {
    await session.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      await session.exec(CREATE_TABLE);
      const rows = await session.query(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const applied = new Map(rows.map((row) => [String(row.migration_name), String(row.checksum)]));
      const done: string[] = [];
      for (const migration of migrations) {
        const checksum = applied.get(migration.name);
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) {
            throw new Error(`Migration ${migration.name} was changed after it was applied`);
          }
          continue;
        }
        await session.exec("BEGIN");
        try {
          await session.exec(migration.sql);
          await session.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), now(), 1)`,
            [randomUUID(), migration.checksum, migration.name],
          );
          await session.exec("COMMIT");
        } catch (error) {
          await session.exec("ROLLBACK");
          throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
        done.push(migration.name);
      }
      return done;
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  });
}

// Opens the database: PostgreSQL through DATABASE_URL, else embedded PGlite.
// Both speak real PostgreSQL SQL; Prisma reaches them through a driver adapter.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pgliteAdapter } from "./pglite-adapter.ts";
import { postgresAdapter } from "./pg-adapter.ts";
import pg from "pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient, type Prisma } from "../generated/prisma/client.ts";
import { applyMigrations, type MigrationTarget } from "./migrate.ts";
import { logger } from "../log.ts";

export type Db = InstanceType<typeof PrismaClient>;
/** A transaction's client, as `db.$transaction(async (tx) => ...)` passes it. */
export type Tx = Prisma.TransactionClient;

export interface Database {
  prisma: Db;
  kind: "pglite" | "postgres";
  /** Applies pending migrations; safe when several instances do it at once. */
  migrate(): Promise<string[]>;
  /** Embedded only: the whole database as a tarball, to start others from (`template`). */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

/** Rows of one SQL statement sent to the driver directly (no Prisma query compilation): for hot reads. */
export type DirectQuery = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
const directQueries = new WeakMap<Db, DirectQuery>();

/**
 * The database's direct query function, for the client `openDatabase` made (not a transaction's
 * client: undefined then, and the caller uses Prisma). Counted by `onQuery` like Prisma's own.
 */
export function directQuery(db: Db): DirectQuery | undefined {
  return directQueries.get(db);
}

export type OnQuery = (sql: string, params: unknown[]) => void;

export type DatabaseOptions = ({ url: string } | { pgliteDataDir: string; template?: Blob } | { pglite: PGlite }) & {
  /** Called with every SQL statement run (query counting in tests, debugging), with its parameters. */
  onQuery?: OnQuery;
};

function createClient(adapter: SqlDriverAdapterFactory, onQuery?: OnQuery): Db {
  // Interactive transactions wait for each other on PGlite's single connection: allow time.
  const transactionOptions = { maxWait: 20_000, timeout: 20_000 };
  if (!onQuery) return new PrismaClient({ adapter, transactionOptions });
  const client = new PrismaClient({ adapter, transactionOptions, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => onQuery(event.query, parseParams(event.params)));
  return client as unknown as Db;
}

function parseParams(params: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(params);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ("url" in options) return openPostgres(options.url, options.onQuery);
  if ("pglite" in options) return wrapPglite(options.pglite, false, options.onQuery);
  return openPglite(options.pgliteDataDir, options.onQuery, options.template);
}

/**
 * `template`: a dump (PGlite's dumpDataDir) to start a new database from (in memory, or in a
 * directory that holds no database yet), instead of an empty one: the tests migrate one database
 * per run and start each file from its copy.
 */
async function openPglite(dataDir: string, onQuery?: OnQuery, template?: Blob): Promise<Database> {
  if (dataDir !== "memory") mkdirSync(dataDir, { recursive: true });
  // A template fills a new directory only: an existing database is never overwritten.
  const loadDataDir = template && (dataDir === "memory" || !existsSync(join(dataDir, "PG_VERSION"))) ? template : undefined;
  const options = loadDataDir ? { loadDataDir } : {};
  const pglite = dataDir === "memory" ? new PGlite(options) : new PGlite(dataDir, options);
  return wrapPglite(pglite, true, onQuery);
}

/**
 * A Database over an open PGlite instance. `owned`: close() closes the instance too; otherwise it
 * stays open for its owner (the tests reuse one instance for several files, emptied in between).
 */
async function wrapPglite(pglite: PGlite, owned: boolean, onQuery?: OnQuery): Promise<Database> {
  await pglite.waitReady;
  const prisma = createClient(pgliteAdapter(pglite), onQuery);
  directQueries.set(prisma, async (sql, params = []) => {
    onQuery?.(sql, params);
    return (await pglite.query<never>(sql, params)).rows;
  });
  const target: MigrationTarget = {
    async withLock(fn) {
      // PGlite is single-connection and owned by this process: nothing else can migrate it.
      return fn({
        exec: async (sql) => void (await pglite.exec(sql)),
        query: async (sql, params) => (await pglite.query<Record<string, unknown>>(sql, params)).rows,
      });
    },
  };
  return {
    prisma,
    kind: "pglite",
    migrate: () => applyMigrations(target),
    dump: () => pglite.dumpDataDir("none"),
    async close() {
      await prisma.$disconnect();
      if (owned) await pglite.close();
    },
  };
}

async function openPostgres(url: string, onQuery?: OnQuery): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on next use.
  pool.on("error", (error) => logger.warn({ err: error }, "database: idle connection lost"));
  const prisma = createClient(postgresAdapter(pool), onQuery);
  directQueries.set(prisma, async (sql, params = []) => {
    onQuery?.(sql, params);
    return (await pool.query(sql, params)).rows;
  });
  const target: MigrationTarget = {
    async withLock(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          exec: async (sql) => void (await client.query(sql)),
          query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
        });
      } finally {
        client.release();
      }
    },
  };
  return {
    prisma,
    kind: "postgres",
    migrate: () => applyMigrations(target),
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

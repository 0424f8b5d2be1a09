// The database layer reports what the database says, on PGlite as on PostgreSQL.
import { afterAll, beforeAll, expect, it } from "vitest";
import { isUniqueViolation } from "../server/db/errors.ts";
import { createTestDatabase, pgliteTemplate, TEST_DATABASE_URL, type TestDatabase } from "./support/database.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb?.drop());

it("rejects a transaction whose COMMIT fails, and keeps nothing of it", async () => {
  const db = testDb.database.prisma;
  await db.$executeRawUnsafe(`CREATE TABLE commit_check (x INT, CONSTRAINT commit_check_x UNIQUE (x) DEFERRABLE INITIALLY DEFERRED)`);
  const attempt = db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`INSERT INTO commit_check (x) VALUES (1), (1)`); // legal until COMMIT
  });
  await expect(attempt).rejects.toSatisfy(isUniqueViolation);
  expect(await db.$queryRawUnsafe(`SELECT count(*)::int AS n FROM commit_check`)).toEqual([{ n: 0 }]);
  // The connection is usable afterwards.
  await db.$transaction((tx) => tx.$executeRawUnsafe(`INSERT INTO commit_check (x) VALUES (2)`));
  expect(await db.$queryRawUnsafe(`SELECT count(*)::int AS n FROM commit_check`)).toEqual([{ n: 1 }]);
});

// Canaries for the driver-adapter patches in server/db: each runs the unpatched upstream adapter
// and asserts that the defect the patch works around is still there. When one fails, upstream
// has fixed it: remove the patch (and the canary).
it("canary: pglite-prisma-adapter still reports success for a transaction whose COMMIT failed", async () => {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const { PrismaClient } = await import("../server/generated/prisma/client.ts");
  // The run's migrated template starts faster than an empty database; the canary's table is its own.
  const template = pgliteTemplate();
  const pglite = new PGlite(template ? { loadDataDir: template } : {});
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) as never });
  try {
    await prisma.$executeRawUnsafe(`CREATE TABLE canary (x INT, CONSTRAINT canary_x UNIQUE (x) DEFERRABLE INITIALLY DEFERRED)`);
    const outcome = await prisma
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO canary (x) VALUES (1), (1)`);
      })
      .then(
        () => "reported success",
        () => "rejected",
      );
    expect(outcome, "pglite-prisma-adapter now rejects a failed COMMIT: drop the patch in server/db/pglite-adapter.ts").toBe(
      "reported success",
    );
    expect(await prisma.$queryRawUnsafe(`SELECT count(*)::int AS n FROM canary`)).toEqual([{ n: 0 }]);
  } finally {
    await prisma.$disconnect();
    await pglite.close();
  }
});

it("gives a later test file a database as empty as a new one, though the embedded ones are reused", async () => {
  // Test databases come migrated on PGlite (a template) but empty on PostgreSQL (a new database).
  const first = await createTestDatabase();
  await first.database.migrate();
  const fresh = await dbFingerprint(first.database.prisma);
  const schemaOf = (db: TestDatabase) =>
    db.database.prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT table_schema || '.' || table_name || '.' || column_name AS name FROM information_schema.columns
       WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    );
  const freshSchema = await schemaOf(first);
  await first.database.prisma.$executeRawUnsafe(
    `INSERT INTO "User" (id, email, name, role, "passwordHash") VALUES (gen_random_uuid(), 'left@over.dev', 'Left', 'MENTEE', 'x')`,
  );
  for (const sql of [`CREATE SCHEMA leftover`, `CREATE TABLE leftover.t (x int)`, `CREATE TABLE public.extra (x int)`]) {
    await first.database.prisma.$executeRawUnsafe(sql);
  }
  await first.database.prisma.$executeRawUnsafe(`SET statement_timeout = 1234`);
  await first.drop();

  const second = await createTestDatabase();
  try {
    if (TEST_DATABASE_URL) await second.database.migrate();
    expect(await dbFingerprint(second.database.prisma)).toEqual(fresh);
    expect(await schemaOf(second)).toEqual(freshSchema);
    expect(await second.database.prisma.$queryRawUnsafe(`SHOW statement_timeout`)).toEqual([{ statement_timeout: "0" }]);
    expect(await second.database.migrate()).toEqual([]);
    expect(await second.database.prisma.$queryRawUnsafe(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'leftover'`)).toEqual([
      { n: 0 },
    ]);
    // Rows only (the usual case, emptied by truncation): rows, identities and settings gone too.
    await second.database.prisma.$executeRawUnsafe(
      `INSERT INTO "User" (id, email, name, role, "passwordHash") VALUES (gen_random_uuid(), 'again@over.dev', 'Again', 'MENTOR', 'x')`,
    );
    await second.database.prisma.$executeRawUnsafe(`SELECT pg_advisory_lock(42)`);
    await second.database.prisma.$executeRawUnsafe(`SET statement_timeout = 4321`);
  } finally {
    await second.drop();
  }

  const third = await createTestDatabase();
  try {
    if (TEST_DATABASE_URL) await third.database.migrate();
    expect(await dbFingerprint(third.database.prisma)).toEqual(fresh);
    expect(await schemaOf(third)).toEqual(freshSchema);
    expect(await third.database.prisma.$queryRawUnsafe(`SHOW statement_timeout`)).toEqual([{ statement_timeout: "0" }]);
    expect(await third.database.prisma.$queryRawUnsafe(`SELECT pg_try_advisory_lock(42) AS free`)).toEqual([{ free: true }]);
  } finally {
    await third.drop();
  }
});

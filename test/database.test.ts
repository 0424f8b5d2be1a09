// The database layer reports what the database says, on PGlite as on PostgreSQL.
import { afterAll, beforeAll, expect, it } from "vitest";
import { isUniqueViolation } from "../server/db/errors.ts";
import { createTestDatabase, type TestDatabase } from "./support/database.ts";

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
  const pglite = new PGlite();
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

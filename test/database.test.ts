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

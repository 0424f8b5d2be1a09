// Canary for server/db/pg-adapter.ts: the unpatched @prisma/adapter-pg still keeps the pool's
// connection when COMMIT fails (it is neither idle nor released afterwards). When this fails,
// upstream has fixed it: remove the patch and this file.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PrismaClient } from "../../server/generated/prisma/client.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb?.drop());

it("canary: @prisma/adapter-pg does not hand back the connection of a failed COMMIT", async () => {
  const pool = new pg.Pool({ connectionString: testDb.url!, max: 2 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    await prisma.$executeRawUnsafe(`CREATE TABLE canary (x INT, CONSTRAINT canary_x UNIQUE (x) DEFERRABLE INITIALLY DEFERRED)`);
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO canary (x) VALUES (1), (1)`);
      }),
    ).rejects.toThrow();
    // One connection served the transaction; a released one would be idle again.
    expect(pool.totalCount - pool.idleCount, "@prisma/adapter-pg now releases it: drop the patch in server/db/pg-adapter.ts").toBe(1);
  } finally {
    // With the leaked connection, ending the pool would wait for it forever: give up after a moment.
    const moment = () => new Promise((resolve) => setTimeout(resolve, 500));
    await Promise.race([prisma.$disconnect().catch(() => undefined), moment()]);
    await Promise.race([pool.end().catch(() => undefined), moment()]);
  }
});

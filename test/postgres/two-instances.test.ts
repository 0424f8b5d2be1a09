// Two server instances on one PostgreSQL and one Redis (run by .ci/run with TEST_DATABASE_URL
// and TEST_REDIS_URL): they start at once without breaking migrations, a change made
// through one reaches a subscriber connected to the other (only the instance with the viewer's
// socket listens on the viewer's topic), and signing out on one closes the token's socket on
// the other.
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { connected, sleep, startTestApp, subscribe } from "../support/harness.ts";
import { ADMIN_VARS, marketplace, OPS, paidBooking } from "../support/fixtures.ts";
import { openDatabase } from "../../server/db/client.ts";
import { readMigrations } from "../../server/db/migrate.ts";
import { decodeId } from "../../server/schema/ids.ts";

if (!process.env.TEST_REDIS_URL) throw new Error("test/postgres needs TEST_REDIS_URL as well as TEST_DATABASE_URL");

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

describe("two instances", () => {
  it("apply migrations exactly once when five start at the same moment", async () => {
    const shared = await createTestDatabase();
    cleanup.push(() => shared.drop());
    const instances = await Promise.all(Array.from({ length: 5 }, () => openDatabase({ url: shared.url! })));
    cleanup.push(async () => void (await Promise.all(instances.map((db) => db.close()))));
    const applied = await Promise.all(instances.map((db) => db.migrate()));
    const all = readMigrations().map((m) => m.name);
    expect(applied.flat().sort()).toEqual(all.sort());
    expect(applied.filter((names) => names.length > 0)).toHaveLength(1);
    const rows = await instances[0]!.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(all);
  });

  it("share booking events through Redis", async () => {
    const shared: TestDatabase = await createTestDatabase();
    cleanup.push(() => shared.drop());
    // Both build (and migrate) concurrently against the same empty database.
    const [one, two] = await Promise.all([
      startTestApp({ shared, vars: ADMIN_VARS }),
      startTestApp({ shared: { ...shared, database: await openDatabase({ url: shared.url! }) }, vars: ADMIN_VARS }),
    ]);
    cleanup.push(
      () => two.app.database.close(),
      () => one.stop(),
      () => two.stop(),
    );

    const m = await marketplace(one);
    const ws = two.ws(m.mentor.token);
    await connected(ws);
    const feed = subscribe(ws, OPS.bookingChanged);
    await sleep(300);
    // Per-viewer topics: Redis delivers the mentor's events to the instance with the mentor's
    // socket only, and nobody listens for the mentee yet.
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    cleanup.push(async () => void redis.disconnect());
    const listeners = async (userId: string) =>
      Number(((await redis.pubsub("NUMSUB", `${one.env.redisPrefix}bookingChanged:${decodeId("User", userId)}`)) as [string, number])[1]);
    expect(await listeners(m.mentor.id)).toBe(1);
    expect(await listeners(m.mentee.id)).toBe(0);
    const id = await paidBooking(one, m);
    const confirmed = await one.gql(OPS.confirmBooking, { id }, m.mentor.token);
    expect(confirmed.data.confirmBooking.__typename).toBe("ConfirmBookingSuccess");
    const events = await feed.next(2);
    expect(events.map((e) => (e.data as any).bookingChanged)).toEqual([
      { id, status: "PENDING", session: null },
      { id, status: "CONFIRMED", session: { availabilityLink: null, meetingLink: null } },
    ]);
    // And the other way round: a mutation on two reaches the mentee on one.
    const menteeWs = one.ws(m.mentee.token);
    await connected(menteeWs);
    const menteeFeed = subscribe(menteeWs, OPS.bookingChanged, { id });
    await sleep(300);
    expect(await listeners(m.mentee.id)).toBe(1);
    await two.gql(
      OPS.addBookingLinks,
      { id, availabilityLink: "https://cal.example/a", meetingLink: "https://meet.example/b" },
      m.mentor.token,
    );
    const [linked] = await menteeFeed.next(1);
    expect((linked!.data as any).bookingChanged.session).toEqual({
      availabilityLink: "https://cal.example/a",
      meetingLink: "https://meet.example/b",
    });

    // Signing out on one closes that token's socket on two at once (4403), through Redis.
    const closed = new Promise<number>((resolve) => ws.on("closed", (event) => resolve((event as { code: number }).code)));
    expect((await one.gql(`mutation { logOut { __typename } }`, {}, m.mentor.token)).errors).toBeUndefined();
    expect(await closed).toBe(4403);
  });
});

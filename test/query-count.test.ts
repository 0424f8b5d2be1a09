// A dashboard page's nested read is one SQL statement: the plugin's `query` is spread into
// the Prisma call, and relationJoins turns the nesting into joins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, marketplace, OPS, paidBooking } from "./support/fixtures.ts";
import { openDatabase } from "../server/db/client.ts";

const statements: string[] = [];
let t: TestApp;
beforeAll(async () => {
  const database = await openDatabase({ pgliteDataDir: "memory", onQuery: (sql) => statements.push(sql) });
  t = await startTestApp({ vars: ADMIN_VARS, shared: { database, url: undefined, drop: () => database.close() } });
});
afterAll(async () => {
  await t?.stop();
  await t?.app.database.close();
});

const DASHBOARD = `query($status: BookingStatus) {
  bookings(first: 20, status: $status) {
    edges { node {
      id status title message price { formatted }
      mentee { id name } mentor { id name }
      sessionType { id title durationMinutes }
      session { availabilityLink meetingLink }
      history { sequence fromStatus toStatus createdAt actor { id name } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe("database round trips", () => {
  it("loads a page of bookings with their people, session and history in one statement", async () => {
    const m = await marketplace(t);
    for (let i = 0; i < 4; i++) {
      const id = await paidBooking(t, m);
      if (i % 2 === 0) await t.gql(OPS.confirmBooking, { id }, m.mentor.token);
    }
    statements.length = 0;
    const result = await t.gql(DASHBOARD, {}, m.mentor.token);
    expect(result.errors).toBeUndefined();
    expect(result.data.bookings.edges).toHaveLength(4);
    expect(result.data.bookings.edges[0].node.history.length).toBeGreaterThanOrEqual(2);
    const bookingQueries = statements.filter((sql) => sql.includes('"Booking"'));
    // One for the page; authentication reads the token (AuthToken) separately.
    expect(bookingQueries).toHaveLength(1);
    expect(statements.filter((sql) => !sql.includes('"AuthToken"'))).toHaveLength(1);
  });
});

// The read paths' plans at a realistic size on PostgreSQL: 50,000 bookings, a mentor with
// 2,000 of them, a mentee with 200. The client's own Bookings document is run as each of them,
// the SQL Prisma sends is captured with its parameters and EXPLAINed, with and without parallel
// workers (PGlite has none): no plan may read Booking sequentially. The booking page's Booking
// document (one booking by id) must find its row by the primary key.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { ADMIN_VARS, marketplace } from "../support/fixtures.ts";
import { TEST_DATABASE_URL } from "../support/database.ts";
import { openDatabase, type Database } from "../../server/db/client.ts";
import { decodeId } from "../../server/schema/ids.ts";
import { bookingDocument, bookingsDocument } from "../support/client-documents.ts";

const name = `bookings_plans_${randomBytes(6).toString("hex")}`;
const url = new URL(TEST_DATABASE_URL!);
url.pathname = `/${name}`;
const captured: { query: string; params: unknown[] }[] = [];
let database: Database;
let t: TestApp;
let sql: pg.Client;
let m: Awaited<ReturnType<typeof marketplace>>;

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE ${name}`);
  // Every statement with its parameters: Prisma's and those sent to the driver directly (booking-page.ts).
  database = await openDatabase({ url: url.toString(), onQuery: (query, params) => captured.push({ query, params }) });
  t = await startTestApp({
    vars: ADMIN_VARS,
    shared: { database, url: url.toString(), drop: async () => undefined },
  });
  sql = new pg.Client({ connectionString: url.toString() });
  await sql.connect();
  m = await marketplace(t);
  const mentorId = decodeId("User", m.mentor.id);
  const menteeId = decodeId("User", m.mentee.id);
  const sessionTypeId = decodeId("SessionType", m.sessionTypeId);
  await sql.query(`
    INSERT INTO "User" (id, email, name, role, "passwordHash")
      SELECT gen_random_uuid(), 'seed-mentor-' || i || '@example.com', 'Mentor ' || i, 'MENTOR', 'x' FROM generate_series(1, 200) i;
    INSERT INTO "User" (id, email, name, role, "passwordHash")
      SELECT gen_random_uuid(), 'seed-mentee-' || i || '@example.com', 'Mentee ' || i, 'MENTEE', 'x' FROM generate_series(1, 2000) i;
    INSERT INTO "SessionType" (id, "mentorId", title, "durationMinutes", "priceCents")
      SELECT gen_random_uuid(), id, 'Chat', 45, 5000 FROM "User" WHERE email LIKE 'seed-mentor-%';
    CREATE TEMP TABLE mentors AS
      SELECT row_number() OVER () AS n, u.id, s.id AS sid FROM "User" u JOIN "SessionType" s ON s."mentorId" = u.id WHERE u.email LIKE 'seed-mentor-%';
    CREATE TEMP TABLE mentees AS SELECT row_number() OVER () AS n, id FROM "User" WHERE email LIKE 'seed-mentee-%';
  `);
  // status cycles through the lifecycle; every fourth booking is an unpaid request.
  const bookings = (count: number, mentor: string, mentee: string, sessionType: string) => `
    INSERT INTO "Booking" (id, "menteeId", "mentorId", "sessionTypeId", status, title, "durationMinutes", "priceCents", currency, "createdAt", "updatedAt", "paidAt")
      SELECT gen_random_uuid(), ${mentee}, ${mentor}, ${sessionType},
        (ARRAY['PENDING', 'CONFIRMED', 'COMPLETED', 'AWAITING_PAYMENT'])[1 + i % 4]::"BookingStatus", 'Chat', 45, 5000, 'usd',
        now() - i * interval '7 minutes', now(), CASE WHEN i % 4 = 3 THEN NULL ELSE now() - i * interval '7 minutes' END
      FROM generate_series(1, ${count}) i
      JOIN mentors mo ON mo.n = 1 + i % 200 JOIN mentees me ON me.n = 1 + (i * 7) % 2000`;
  await sql.query(bookings(47_800, "mo.id", "me.id", "mo.sid"));
  await sql.query(bookings(2_000, `'${mentorId}'::uuid`, "me.id", `'${sessionTypeId}'::uuid`));
  await sql.query(bookings(200, "mo.id", `'${menteeId}'::uuid`, "mo.sid"));
  // Their history (requested, then paid unless unpaid) and the sessions of confirmed and completed ones.
  await sql.query(`
    INSERT INTO "BookingEvent" (id, "bookingId", sequence, "fromStatus", "toStatus", "actorKind", "actorId", "createdAt")
      SELECT gen_random_uuid(), id, 1, NULL, 'AWAITING_PAYMENT', 'USER', "menteeId", "createdAt" FROM "Booking";
    INSERT INTO "BookingEvent" (id, "bookingId", sequence, "fromStatus", "toStatus", "actorKind", "actorId", "createdAt")
      SELECT gen_random_uuid(), id, 2, 'AWAITING_PAYMENT', status, 'SYSTEM', NULL, "createdAt" FROM "Booking" WHERE "paidAt" IS NOT NULL;
    INSERT INTO "Session" ("bookingId", "availabilityLink", "meetingLink", "linksAddedAt", "updatedAt")
      SELECT id, 'https://cal.example/a', 'https://meet.example/b', "createdAt", now() FROM "Booking" WHERE status IN ('CONFIRMED', 'COMPLETED');
    ANALYZE;
  `);
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await t?.stop();
  await database?.close();
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

/** Runs the client's Bookings document as `token` and EXPLAINs each statement that reads Booking. */
async function plansOfDashboard(token: string, variables: Record<string, unknown>) {
  return plansOf(bookingsDocument(), token, variables, (data) => expect(data.bookings.edges.length).toBeGreaterThan(0));
}

/** Runs `document` as `token`, checks its answer, and EXPLAINs each statement that reads Booking. */
async function plansOf(document: string, token: string, variables: Record<string, unknown>, check: (data: any) => void) {
  captured.length = 0;
  const result = await t.gql(document, variables, token);
  expect(result.errors).toBeUndefined();
  check(result.data);
  const statements = captured.filter((s) => s.query.includes('"Booking"') && !s.query.includes('"AuthToken"'));
  expect(statements.length).toBeGreaterThan(0);
  const plans: PlanNode[] = [];
  for (const parallel of [true, false]) {
    await sql.query(`SET max_parallel_workers_per_gather = ${parallel ? 2 : 0}`);
    for (const statement of statements) {
      const explained = await sql.query(`EXPLAIN (FORMAT JSON) ${statement.query}`, statement.params);
      plans.push(explained.rows[0]["QUERY PLAN"][0].Plan);
    }
  }
  await sql.query(`RESET max_parallel_workers_per_gather`);
  return plans;
}

function expectNoSequentialScanOfBookings(plans: PlanNode[]) {
  const scans = plans.flatMap(nodes).filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === "Booking");
  expect(scans, JSON.stringify(plans, null, 1).slice(0, 4000)).toEqual([]);
}

describe("read plans at 50,000 bookings", () => {
  it("the mentor's dashboard page (all, and one status) reads no Booking sequentially", async () => {
    expectNoSequentialScanOfBookings(await plansOfDashboard(m.mentor.token, { first: 50 }));
    expectNoSequentialScanOfBookings(await plansOfDashboard(m.mentor.token, { first: 50, status: ["PENDING"] }));
  });

  it("the mentee's page reads no Booking sequentially", async () => {
    expectNoSequentialScanOfBookings(await plansOfDashboard(m.mentee.token, { first: 50 }));
  });

  it("the booking page's booking, as its mentee, its mentor and an admin, is read by the primary key", async () => {
    const one = async (where: string, param: string) =>
      (await sql.query(`SELECT id FROM "Booking" WHERE ${where} = $1 AND "paidAt" IS NOT NULL LIMIT 1`, [param])).rows[0].id as string;
    const mentors = await one(`"mentorId"`, decodeId("User", m.mentor.id));
    const mentees = await one(`"menteeId"`, decodeId("User", m.mentee.id));
    for (const [token, id] of [
      [m.mentor.token, mentors],
      [m.mentee.token, mentees],
      [m.admin.token, mentors],
    ] as const) {
      const globalId = Buffer.from(`Booking:${id}`).toString("base64");
      const plans = await plansOf(bookingDocument(), token, { id: globalId }, (data) => expect(data.booking.id).toBe(globalId));
      expect(captured.filter((s) => s.query.includes('"Booking"'))).toHaveLength(1);
      const reads = plans.flatMap(nodes).filter((n) => n["Relation Name"] === "Booking");
      expect(reads.length).toBeGreaterThan(0);
      expect(
        reads.every((n) => n["Index Name"] === "Booking_pkey"),
        JSON.stringify(plans, null, 1).slice(0, 4000),
      ).toBe(true);
    }
  });
});

// A dashboard page's nested read is one SQL statement: the plugin's `query` is spread into
// the Prisma call, and relationJoins turns the nesting into joins.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, sleep, startTestApp, subscribe, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, logInAdmin, marketplace, OPS, paidBooking, requestBooking, signUp } from "./support/fixtures.ts";
import { openDatabase } from "../server/db/client.ts";
import { decodeId } from "../server/schema/ids.ts";
import { bookingDocument, bookingsDocument } from "./support/client-documents.ts";

const statements: string[] = [];
let t: TestApp;
beforeAll(async () => {
  // A copy of the database migrated once for the run (as every test file's), with its statements counted.
  const templateFile = process.env.TEST_PGLITE_TEMPLATE;
  const template = templateFile ? new Blob([readFileSync(templateFile)]) : undefined;
  const database = await openDatabase({ pgliteDataDir: "memory", template, onQuery: (sql) => statements.push(sql) });
  // A token looked up once stays trusted for the whole test, however slowly a busy machine runs it.
  // Completed sessions keep a window for a problem report (the booking page shows it).
  t = await startTestApp({
    vars: { ...ADMIN_VARS, COMPLETION_HOLD_HOURS: "48" },
    shared: { database, url: undefined, drop: () => database.close() },
    credentialCacheMs: 600_000,
  });
});
afterAll(async () => {
  await t?.stop();
  await t?.app.database.close();
});

const DASHBOARD = `query($status: [BookingStatus!]) {
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

describe("the dashboard's own Bookings document", () => {
  it("is one statement with its totalCount whatever the page size; the caller's token is looked up once in a while, not per request", async () => {
    const m = await marketplace(t);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await paidBooking(t, m));
    await t.gql(OPS.confirmBooking, { id: ids[0] }, m.mentor.token);
    const query = bookingsDocument();
    const page = async (token: string, first: number, status: string[] | null = null) => {
      statements.length = 0;
      const result = await t.gql(query, { status, first }, token);
      expect(result.errors).toBeUndefined();
      return { bookings: result.data.bookings, statements: [...statements] };
    };
    await page(m.mentor.token, 1); // the token is looked up once here
    for (const first of [1, 3, 50]) {
      const { bookings, statements: sql } = await page(m.mentor.token, first);
      expect(sql).toHaveLength(1);
      expect(bookings.totalCount).toBe(5);
      expect(bookings.edges).toHaveLength(Math.min(first, 5));
      expect(bookings.pageInfo.hasNextPage).toBe(first < 5);
      // Newest first, with their relations from that one statement.
      expect(bookings.edges.map((e: any) => e.node.id)).toEqual([...ids].reverse().slice(0, first));
      expect(bookings.edges.every((e: any) => e.node.mentee.name && e.node.history.length >= 2)).toBe(true);
    }
    const confirmed = await page(m.mentor.token, 50, ["CONFIRMED"]);
    expect(confirmed.statements).toHaveLength(1);
    expect(confirmed.bookings.totalCount).toBe(1);
    expect(confirmed.bookings.edges[0].node.session).not.toBeNull();
    await page(m.mentee.token, 1);
    const mentee = await page(m.mentee.token, 2);
    expect(mentee.statements).toHaveLength(1);
    expect(mentee.bookings.totalCount).toBe(5);
  });

  it("stays one statement for the Upcoming views (sessions starting in a range, soonest first)", async () => {
    const m = await marketplace(t);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await paidBooking(t, m);
      await t.gql(OPS.confirmBooking, { id }, m.mentor.token);
      ids.push(id);
    }
    const now = Date.now();
    const hours = [5, 2, 30];
    for (const [i, id] of ids.entries()) {
      const startsAt = new Date(now + hours[i]! * 3600_000).toISOString();
      const r = await t.gql(
        `mutation($id: ID!, $s: DateTime!) { scheduleSession(id: $id, startsAt: $s) { __typename } }`,
        { id, s: startsAt },
        m.mentor.token,
      );
      expect(r.data.scheduleSession.__typename).toBe("ScheduleSessionSuccess");
    }
    const query = bookingsDocument();
    const window = { startsAfter: new Date(now).toISOString(), startsBefore: new Date(now + 24 * 3600_000).toISOString() };
    for (const token of [m.mentor.token, m.mentee.token]) {
      await t.gql(query, { status: ["CONFIRMED"], first: 1, ...window }, token); // the token is looked up once here
      statements.length = 0;
      const result = await t.gql(query, { status: ["CONFIRMED"], first: 20, ...window }, token);
      expect(result.errors).toBeUndefined();
      expect(statements).toHaveLength(1);
      expect(result.data.bookings.totalCount).toBe(2);
      expect(result.data.bookings.edges.map((e: any) => e.node.id)).toEqual([ids[1], ids[0]]);
    }
  });
});

describe("the one-statement page against Prisma's", () => {
  it("answers every field of the client's document as the Prisma read does, for bookings in different states", async () => {
    const m = await marketplace(t);
    const declined = await paidBooking(t, m);
    expect((await t.gql(OPS.declineBooking, { id: declined, reason: "Busy that week" }, m.mentor.token)).errors).toBeUndefined();
    const linked = await paidBooking(t, m);
    await t.gql(OPS.confirmBooking, { id: linked }, m.mentor.token);
    await t.gql(
      OPS.addBookingLinks,
      { id: linked, availabilityLink: "https://cal.example/a", meetingLink: "https://meet.example/a" },
      m.mentor.token,
    );
    await paidBooking(t, m); // pending
    await requestBooking(t, m.mentee.token, m.sessionTypeId); // awaiting payment: the mentee sees it, the mentor does not
    await paidBooking(t, m);
    // The client's own document, with a cursor: a page after a cursor is read with Prisma.
    const query = bookingsDocument()
      .replace("$first: Int!", "$first: Int!, $after: String")
      .replace("first: $first", "first: $first, after: $after")
      .replace("hasNextPage", "hasNextPage endCursor");
    expect(query).toContain("after: $after");
    for (const token of [m.mentee.token, m.mentor.token]) {
      statements.length = 0;
      const whole = await t.gql(query, { status: null, first: 5 }, token);
      expect(whole.errors).toBeUndefined();
      expect(statements.filter((sql) => sql.includes("json_build_array"))).toHaveLength(1);
      const first = await t.gql(query, { status: null, first: 1 }, token);
      statements.length = 0;
      const rest = await t.gql(query, { status: null, first: 4, after: first.data.bookings.pageInfo.endCursor }, token);
      expect(rest.errors).toBeUndefined();
      expect(statements.some((sql) => sql.includes("json_build_array"))).toBe(false);
      const nodes = (page: any) => page.data.bookings.edges.map((e: any) => e.node);
      expect(nodes(whole).length).toBeGreaterThanOrEqual(4);
      expect(nodes(rest)).toEqual(nodes(whole).slice(1, 5));
      // Every state's fields were there to compare.
      const all = nodes(whole);
      expect(all.some((n: any) => n.refund !== null)).toBe(true);
      expect(all.some((n: any) => n.session?.meetingLink)).toBe(true);
      expect(all.every((n: any) => n.history.length >= 1 && n.mentee.name && n.mentor.name)).toBe(true);
    }
  });
});

describe("the booking page's own Booking document", () => {
  const REPORT = `mutation($id: ID!, $reason: String!) { reportProblem(id: $id, reason: $reason) { __typename } }`;
  // A field the one statement does not build (a relation read with its own filter): the same
  // document with it is read with Prisma, as before, to compare the answers.
  const WITH_PRISMA = bookingDocument().replace("booking(id: $id) {", "booking(id: $id) {\n    mentor { sessionTypes { id } }");
  const read = async (document: string, id: string, token: string) => {
    statements.length = 0;
    const result = await t.gql(document, { id }, token);
    expect(result.errors).toBeUndefined();
    return { booking: result.data.booking, statements: [...statements] };
  };

  it("is one statement, and answers every field as the Prisma read does, for bookings in different states and for each viewer", async () => {
    expect(WITH_PRISMA).toContain("sessionTypes");
    const m = await marketplace(t);
    const unpaid = (await requestBooking(t, m.mentee.token, m.sessionTypeId)).booking.id as string;
    const pending = await paidBooking(t, m);
    const declined = await paidBooking(t, m);
    expect((await t.gql(OPS.declineBooking, { id: declined, reason: "Busy that week" }, m.mentor.token)).errors).toBeUndefined();
    const scheduled = await paidBooking(t, m);
    await t.gql(OPS.confirmBooking, { id: scheduled }, m.mentor.token);
    await t.gql(
      OPS.addBookingLinks,
      { id: scheduled, availabilityLink: "https://cal.example/a", meetingLink: "https://meet.example/a" },
      m.mentor.token,
    );
    const startsAt = new Date(Date.now() + 72 * 3600_000).toISOString();
    const r = await t.gql(
      `mutation($id: ID!, $s: DateTime!) { scheduleSession(id: $id, startsAt: $s) { __typename } }`,
      { id: scheduled, s: startsAt },
      m.mentee.token,
    );
    expect(r.data.scheduleSession.__typename).toBe("ScheduleSessionSuccess");
    /** Paid, confirmed, links added, completed (its earning held for the completion window). */
    const completedBooking = async (room: string) => {
      const id = await paidBooking(t, m);
      await t.gql(OPS.confirmBooking, { id }, m.mentor.token);
      await t.gql(
        OPS.addBookingLinks,
        { id, availabilityLink: `https://cal.example/${room}`, meetingLink: `https://meet.example/${room}` },
        m.mentor.token,
      );
      expect((await t.gql(OPS.completeBooking, { id }, m.mentor.token)).data.completeBooking.__typename).toBe("CompleteBookingSuccess");
      return id;
    };
    const reported = await completedBooking("b");
    const report = await t.gql(REPORT, { id: reported, reason: "The mentor never joined the call" }, m.mentee.token);
    expect(report.data.reportProblem.__typename).toBe("ReportProblemSuccess");
    const completed = await completedBooking("c");

    const document = bookingDocument();
    const seen: any[] = [];
    for (const token of [m.mentee.token, m.mentor.token, m.admin.token]) {
      await read(document, pending, token); // the token is looked up once here
      for (const id of [unpaid, pending, declined, scheduled, reported, completed]) {
        const direct = await read(document, id, token);
        expect(direct.statements).toHaveLength(1);
        expect(direct.statements[0]).toContain("json_build_array");
        const prisma = await read(WITH_PRISMA, id, token);
        expect(prisma.statements.some((sql) => sql.includes("json_build_array"))).toBe(false);
        if (prisma.booking) {
          expect(prisma.booking.mentor.sessionTypes.length).toBeGreaterThan(0);
          delete prisma.booking.mentor.sessionTypes;
        }
        expect(direct.booking).toEqual(prisma.booking);
        if (direct.booking) seen.push(direct.booking);
      }
    }
    // Every state's fields were there to compare, and the viewer's own.
    expect(seen).toHaveLength(6 * 3 - 1); // the mentor does not see the unpaid request
    expect(seen.some((b) => b.refund !== null)).toBe(true);
    expect(seen.some((b) => b.session?.meetingLink && b.startsAt && b.cancellation?.fullRefundUntil)).toBe(true);
    expect(seen.some((b) => b.problemReport?.reason)).toBe(true);
    expect(seen.some((b) => b.completionWindowEndsAt && b.viewerCanReportProblem)).toBe(true);
    expect(seen.some((b) => b.checkoutUrl)).toBe(true);
    expect(seen.some((b) => b.respondBy && b.viewerCan.includes("CONFIRM"))).toBe(true);
    expect(seen.every((b) => b.history.length >= 1 && b.mentee.name && b.mentor.name && b.price.formatted)).toBe(true);
  });

  it("answers the booking only to whom booking-visibility.ts lets see it, in that one statement", async () => {
    const m = await marketplace(t);
    const stranger = await signUp(t, "MENTOR");
    const unpaid = (await requestBooking(t, m.mentee.token, m.sessionTypeId)).booking.id as string;
    const paid = await paidBooking(t, m);
    const document = bookingDocument();
    for (const token of [m.mentee.token, m.mentor.token, m.admin.token, stranger.token]) await read(document, paid, token);
    const answer = async (id: string, token: string) => {
      const { booking, statements: sql } = await read(document, id, token);
      expect(sql).toHaveLength(1);
      return booking?.id ?? null;
    };
    // The mentee always; the mentor once it is paid; admins always; anyone else never.
    expect(await answer(unpaid, m.mentee.token)).toBe(unpaid);
    expect(await answer(unpaid, m.mentor.token)).toBeNull();
    expect(await answer(unpaid, m.admin.token)).toBe(unpaid);
    expect(await answer(unpaid, stranger.token)).toBeNull();
    expect(await answer(paid, m.mentee.token)).toBe(paid);
    expect(await answer(paid, m.mentor.token)).toBe(paid);
    expect(await answer(paid, m.admin.token)).toBe(paid);
    expect(await answer(paid, stranger.token)).toBeNull();
    // A booking that does not exist: the same null.
    const missing = Buffer.from(`Booking:${crypto.randomUUID()}`).toString("base64");
    expect(await answer(missing, m.admin.token)).toBeNull();
  });
});

describe("live booking events", () => {
  it("read the booking once per event on an instance, and executes the event once per viewer, whatever the number of sockets receiving it", async () => {
    const m = await marketplace(t);
    const admin = await logInAdmin(t);
    const stranger = await signUp(t, "MENTEE");
    const booking = await t.db.booking.findUniqueOrThrow({ where: { id: decodeId("Booking", await paidBooking(t, m)) } });
    // The per-viewer fields (viewerCan) next to the shared ones, as a partner or the client asks.
    const document = "subscription { bookingChanged { id status title viewerCan } }";
    const open = async (token: string) => {
      const ws = t.ws(token);
      await connected(ws);
      return subscribe(ws, document);
    };
    /** Publishes a change of the booking and returns the SQL statements run while its events were delivered. */
    const deliver = async (feeds: Awaited<ReturnType<typeof open>>[]) => {
      await sleep(150); // the subscriptions are registered
      const before = feeds.map((f) => f.events.length);
      statements.length = 0;
      t.app.services.publish({
        bookingId: booking.id,
        mentorId: booking.mentorId,
        menteeId: booking.menteeId,
        status: booking.status,
        paid: true,
        action: "addLinks",
      });
      for (const [i, feed] of feeds.entries()) {
        const events = await feed.next(before[i]! + 1);
        expect(events.at(-1)!.errors).toBeUndefined();
        expect((events.at(-1)!.data as any).bookingChanged.status).toBe("PENDING");
      }
      await sleep(100);
      return [...statements];
    };

    // One socket: the mentee's.
    const first = [await open(m.mentee.token)];
    const one = await deliver(first);
    expect(one.filter((sql) => sql.includes('"Booking"'))).toHaveLength(1);

    // Nine more: the mentee's other tabs, the mentor's, admins'; and one that may not see it.
    const more = [];
    for (const token of [m.mentee.token, m.mentee.token, m.mentor.token, m.mentor.token, m.mentor.token, admin.token, admin.token]) {
      more.push(await open(token));
    }
    const outsider = await open(stranger.token);
    const executed = t.app.sharedEvents.executions;
    const eight = await deliver([...first, ...more]);
    // One execution per viewer (mentee, mentor, admin) for the eight sockets; none for the outsider's.
    expect(t.app.sharedEvents.executions - executed).toBe(3);
    expect(eight.filter((sql) => sql.includes('"Booking"'))).toHaveLength(1);
    expect(eight).toHaveLength(one.length);
    // Per-viewer fields were resolved for each viewer from the one row.
    const mentee = more[0]!.events.at(-1)!.data as any;
    const mentor = more[2]!.events.at(-1)!.data as any;
    expect(mentee.bookingChanged.viewerCan).toEqual(expect.arrayContaining(["CANCEL"]));
    expect(mentor.bookingChanged.viewerCan).toEqual(expect.arrayContaining(["CONFIRM", "DECLINE"]));
    expect(outsider.events).toEqual([]);
  });
});

describe("the mentors list with reliability figures", () => {
  const MENTORS = `query($first: Int) { mentors(first: $first) { edges { node { id name
    mentorProfile { headline reliability { medianResponseMinutes acceptanceRate answeredCount } }
    sessionTypes { id title } } } } }`;

  it("is the same number of statements for 2 mentors as for 8: the figures are one aggregate for the page", async () => {
    const markets: Awaited<ReturnType<typeof marketplace>>[] = [];
    for (let i = 0; i < 8; i++) markets.push(await marketplace(t));
    // Enough decided requests for one mentor's figures to show.
    for (let i = 0; i < 5; i++) {
      const id = await paidBooking(t, markets[0]!);
      await t.gql(OPS.declineBooking, { id, reason: "Busy" }, markets[0]!.mentor.token);
    }
    const page = async (first: number) => {
      statements.length = 0;
      const result = await t.gql(MENTORS, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data.mentors.edges).toHaveLength(first);
      return { edges: result.data.mentors.edges, sql: [...statements] };
    };
    const small = await page(2);
    const large = await page(8);
    expect(large.sql).toHaveLength(small.sql.length);
    // The page with its profiles and session types, and one aggregate over Booking for the figures.
    expect(large.sql.filter((sql) => sql.includes("percentile_cont"))).toHaveLength(1);
    expect(large.sql.length).toBeLessThanOrEqual(2);
    const shown = large.edges.find((e: any) => e.node.id === markets[0]!.mentor.id);
    expect(shown.node.mentorProfile.reliability).toMatchObject({ answeredCount: 5, acceptanceRate: 0 });
  });
});

describe("the mentors list's first page", () => {
  it("reads in one statement what Prisma reads for the later pages, for each viewer", async () => {
    const a = await marketplace(t);
    const b = await marketplace(t);
    // An archived type: only its own mentor sees it in the list.
    const archived = await t.gql(OPS.createSessionType, { title: "Old format", durationMinutes: 30, priceCents: 1500 }, a.mentor.token);
    const archivedId = archived.data.createSessionType.sessionType.id;
    await t.gql(`mutation($id: ID!) { archiveSessionType(id: $id) { __typename } }`, { id: archivedId }, a.mentor.token);
    const LIST = `query($first: Int!, $after: String) { mentors(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id name createdAt email mentorProfile { headline approvedAt }
        sessionTypes { id title active durationMinutes price { amountCents } } } } } }`;
    for (const token of [undefined, a.mentor.token, b.mentee.token]) {
      statements.length = 0;
      const whole = (await t.gql(LIST, { first: 3 }, token)).data.mentors;
      const oneStatement = statements.filter((sql) => !sql.includes("percentile_cont") && !sql.includes('"AuthToken"'));
      expect(oneStatement).toHaveLength(1);
      // The same mentors one page at a time: every page after the first is read by Prisma.
      const byPages: unknown[] = [];
      let after: string | null = null;
      for (let i = 0; i < 3; i++) {
        const page: any = (await t.gql(LIST, { first: 1, after }, token)).data.mentors;
        byPages.push(...page.edges);
        after = page.pageInfo.endCursor;
      }
      expect(whole.edges).toEqual(byPages);
      const own = whole.edges.find((e: any) => e.node.id === a.mentor.id)?.node.sessionTypes.map((s: any) => s.id);
      expect(own?.includes(archivedId)).toBe(token === a.mentor.token);
    }
  });
});

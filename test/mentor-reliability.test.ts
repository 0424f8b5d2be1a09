// Mentor reliability figures through GraphQL: the median time from payment to the mentor's
// answer and the acceptance rate over the last 90 days, on the mentors list (mentees, anyone:
// null below 5 decided requests) and on the mentor's own Earnings (always, with whether mentees
// see them). Bookings go through the real transitions; their timestamps are then set directly
// in the test database to known times.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, marketplace, OPS, paidBooking, rawId, requestBooking } from "./support/fixtures.ts";

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS });
});
afterAll(() => t?.stop());

const FIGURES = "medianResponseMinutes acceptanceRate answeredCount confirmedCount declinedCount expiredCount sinceDays shownToMentees";
const MENTORS = `query { mentors(first: 50) { edges { node { id mentorProfile { reliability { ${FIGURES} } } } } } }`;
const EARNINGS = `query { earnings { reliability { ${FIGURES} } } }`;
const MIN = 60_000;
const DAY = 86_400_000;

type Market = Awaited<ReturnType<typeof marketplace>>;

/** A paid booking answered `answer` `minutes` after payment, decided `daysAgo` days ago. */
async function decided(m: Market, answer: "confirm" | "decline" | "expire", minutes: number, daysAgo: number) {
  const id = await paidBooking(t, m);
  if (answer === "confirm")
    expect((await t.gql(OPS.confirmBooking, { id }, m.mentor.token)).data.confirmBooking.__typename).toBe("ConfirmBookingSuccess");
  if (answer === "decline") {
    expect((await t.gql(OPS.declineBooking, { id, reason: "Busy" }, m.mentor.token)).data.declineBooking.__typename).toBe(
      "DeclineBookingSuccess",
    );
  }
  const at = new Date(Date.now() - daysAgo * DAY);
  const paidAt = new Date(at.getTime() - minutes * MIN);
  const field = { confirm: "confirmedAt", decline: "declinedAt", expire: "expiredAt" }[answer];
  await t.db.booking.update({
    where: { id: rawId(id) },
    data: { paidAt, [field]: at, ...(answer === "expire" ? { status: "EXPIRED" } : {}) },
  });
  return id;
}

async function mentorsFigures() {
  const result = await t.gql(MENTORS);
  expect(result.errors).toBeUndefined();
  return new Map<string, any>(result.data.mentors.edges.map((e: any) => [e.node.id, e.node.mentorProfile.reliability]));
}

describe("mentor reliability", () => {
  it("median response time and acceptance rate over the last 90 days, from decided requests only", async () => {
    const m = await marketplace(t);
    // In the window: 4 confirmed (10, 20, 30, 40 min), 2 declined (50, 600 min), 1 expired.
    await decided(m, "confirm", 10, 1);
    await decided(m, "confirm", 20, 5);
    await decided(m, "confirm", 30, 30);
    await decided(m, "confirm", 40, 89);
    await decided(m, "decline", 50, 2);
    await decided(m, "decline", 600, 3);
    await decided(m, "expire", 72 * 60, 4);
    // Not counted: decided 91 days ago, still pending, cancelled unpaid, confirmed then completed later is (below).
    await decided(m, "confirm", 5000, 91);
    await decided(m, "decline", 1, 120);
    await paidBooking(t, m);
    const unpaid = (await requestBooking(t, m.mentee.token, m.sessionTypeId)).booking.id;
    expect((await t.gql(OPS.cancelBooking, { id: unpaid }, m.mentee.token)).data.cancelBooking.__typename).toBe("CancelBookingSuccess");

    const expected = {
      medianResponseMinutes: 35,
      acceptanceRate: 4 / 7,
      answeredCount: 6,
      confirmedCount: 4,
      declinedCount: 2,
      expiredCount: 1,
      sinceDays: 90,
      shownToMentees: true,
    };
    // Mentees (and anyone browsing) see them on the list.
    expect((await mentorsFigures()).get(m.mentor.id)).toEqual(expected);
    // The mentor sees the same on Earnings.
    const own = await t.gql(EARNINGS, {}, m.mentor.token);
    expect(own.errors).toBeUndefined();
    expect(own.data.earnings.reliability).toEqual(expected);

    // A confirmed booking later completed still counts as confirmed (confirmedAt, not the status).
    const completed = await t.db.booking.findFirstOrThrow({ where: { mentorId: rawId(m.mentor.id), status: "CONFIRMED" } });
    await t.db.booking.update({ where: { id: completed.id }, data: { status: "COMPLETED", completedAt: new Date() } });
    expect((await mentorsFigures()).get(m.mentor.id)).toEqual(expected);
  }, 60_000);

  it("below 5 decided requests mentees see nothing (null), the mentor sees the counts and that they are not shown yet", async () => {
    const few = await marketplace(t);
    await decided(few, "confirm", 15, 1);
    await decided(few, "confirm", 25, 2);
    await decided(few, "decline", 35, 3);
    await decided(few, "expire", 60, 4);
    // An answer older than 90 days would make a fifth: it does not count.
    await decided(few, "confirm", 5, 100);
    const none = await marketplace(t);

    const listed = await mentorsFigures();
    expect(listed.has(few.mentor.id)).toBe(true);
    expect(listed.get(few.mentor.id)).toBeNull();
    expect(listed.get(none.mentor.id)).toBeNull();

    expect((await t.gql(EARNINGS, {}, few.mentor.token)).data.earnings.reliability).toEqual({
      medianResponseMinutes: 25,
      acceptanceRate: 0.5,
      answeredCount: 3,
      confirmedCount: 2,
      declinedCount: 1,
      expiredCount: 1,
      sinceDays: 90,
      shownToMentees: false,
    });
    expect((await t.gql(EARNINGS, {}, none.mentor.token)).data.earnings.reliability).toEqual({
      medianResponseMinutes: null,
      acceptanceRate: null,
      answeredCount: 0,
      confirmedCount: 0,
      declinedCount: 0,
      expiredCount: 0,
      sinceDays: 90,
      shownToMentees: false,
    });

    // The fifth decided request (an expiry: nothing answered) makes them public.
    await decided(few, "expire", 60, 0);
    expect((await mentorsFigures()).get(few.mentor.id)).toMatchObject({ shownToMentees: true, acceptanceRate: 0.4, expiredCount: 2 });
  }, 60_000);

  it("a mentor who lets every request expire is shown with no median and a 0 acceptance rate", async () => {
    const silent = await marketplace(t);
    for (let i = 0; i < 5; i += 1) await decided(silent, "expire", 72 * 60, i + 1);
    expect((await mentorsFigures()).get(silent.mentor.id)).toMatchObject({
      medianResponseMinutes: null,
      acceptanceRate: 0,
      answeredCount: 0,
      expiredCount: 5,
      shownToMentees: true,
    });
  }, 60_000);

  it("Earnings.reliability is the viewer's own: a mentee and an anonymous caller get no earnings", async () => {
    const m = await marketplace(t);
    const mentee = await t.gql(EARNINGS, {}, m.mentee.token);
    expect(mentee.data?.earnings ?? null).toBeNull();
    expect(mentee.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await t.gql(EARNINGS);
    expect(anonymous.data?.earnings ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });
});

describe("mentor reliability on the public list", () => {
  it("is kept a minute per instance, forgotten when one of the mentor's bookings changes here, and fresh on the mentor's own page", async () => {
    const m = await marketplace(t);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await decided(m, "decline", 30, 1));
    expect((await mentorsFigures()).get(m.mentor.id)).toMatchObject({ declinedCount: 6, confirmedCount: 0 });

    // Another instance's change (written straight to the database): this instance's list keeps
    // the figures it read; the mentor's own Earnings reads them now.
    await t.db.booking.update({ where: { id: rawId(ids[0]!) }, data: { declinedAt: null, confirmedAt: new Date() } });
    expect((await mentorsFigures()).get(m.mentor.id)).toMatchObject({ declinedCount: 6, confirmedCount: 0 });
    expect((await t.gql(EARNINGS, {}, m.mentor.token)).data.earnings.reliability).toMatchObject({ declinedCount: 5, confirmedCount: 1 });

    // A change made through this instance: the list reads the mentor's figures again.
    await decided(m, "confirm", 10, 0);
    expect((await mentorsFigures()).get(m.mentor.id)).toMatchObject({ declinedCount: 5, confirmedCount: 2 });
  });
});

// The demo a newcomer gets from `npm start`: every state present, money consistent, and the
// demo's paid (authorised) bookings declinable like any booking paid through the payment simulator.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { DEMO_PASSWORD, seedDemo } from "../server/seed.ts";
import { auditLedger } from "../server/ledger/ledger.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await seedDemo(t.app.services);
});
afterAll(() => t?.stop());

const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { __typename ... on LogInSuccess { token } } }`;

it("seeds bookings in several states with a balanced ledger; the declined one's card hold was released, nothing charged", async () => {
  const statuses = (await t.db.booking.findMany({ select: { status: true } })).map((b) => b.status);
  expect(new Set(statuses)).toEqual(new Set(["AWAITING_PAYMENT", "PENDING", "CONFIRMED", "COMPLETED", "DECLINED"]));
  const declined = await t.db.booking.findFirstOrThrow({ where: { status: "DECLINED" }, include: { refund: true } });
  // Authorised at booking, captured only on confirm: a decline releases the hold (no refund, no fee).
  expect([declined.capturedAt, declined.refund]).toEqual([null, null]);
  await expect
    .poll(async () => (await t.db.booking.findUniqueOrThrow({ where: { id: declined.id } })).authorizationReleasedAt)
    .not.toBeNull();
  expect((await auditLedger(t.db)).debitsMinusCredits).toBe(0);
});

it("lets the demo mentor decline the seeded pending request, releasing the mentee's card hold", async () => {
  const login = await t.gql(LOG_IN, { email: "maria@demo.test", password: DEMO_PASSWORD });
  const token = login.data.logIn.token as string;
  const pending = await t.gql(`{ bookings(status: PENDING, first: 5) { edges { node { id } } } }`, {}, token);
  const id = pending.data.bookings.edges[0].node.id as string;
  const declined = await t.gql(`mutation($id: ID!) { declineBooking(id: $id, reason: "Fully booked") { __typename } }`, { id }, token);
  expect(declined.data.declineBooking.__typename).toBe("DeclineBookingSuccess");
  const read = async () => (await t.gql(`query($id: ID!) { booking(id: $id) { payment refund { status } } }`, { id }, token)).data.booking;
  await expect.poll(async () => (await read()).payment).toBe("RELEASED");
  expect((await read()).refund).toBeNull();
  expect((await auditLedger(t.db)).debitsMinusCredits).toBe(0);
});

it("gives the demo mentor an upcoming session tomorrow, in the Upcoming view", async () => {
  const login = await t.gql(LOG_IN, { email: "maria@demo.test", password: DEMO_PASSWORD });
  const token = login.data.logIn.token as string;
  const now = Date.now();
  const week = await t.gql(
    `query($after: DateTime!, $before: DateTime!) { bookings(startsAfter: $after, startsBefore: $before, first: 5) { edges { node { status startsAt endsAt } } } }`,
    { after: new Date(now).toISOString(), before: new Date(now + 7 * 24 * 3_600_000).toISOString() },
    token,
  );
  expect(week.errors).toBeUndefined();
  const [session] = week.data.bookings.edges.map((e: { node: { status: string; startsAt: string; endsAt: string } }) => e.node);
  expect(session.status).toBe("CONFIRMED");
  const startsIn = Date.parse(session.startsAt) - now;
  expect(startsIn).toBeGreaterThan(22 * 3_600_000);
  expect(startsIn).toBeLessThan(25 * 3_600_000);
  expect(Date.parse(session.endsAt) - Date.parse(session.startsAt)).toBe(30 * 60_000);
});

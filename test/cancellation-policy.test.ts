// Cancelling a CONFIRMED (charged) booking through GraphQL, against the Stripe stand-in: the
// mentee in time for a full refund (or with no start recorded), the mentee too late (no refund:
// the price is shared as for a completed session), the mentor at any time (full refund), each
// with its history row, emails, ledger and exactly one refund at Stripe; the refusals; and a
// mentee's cancel racing the mentor's completion.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStripeApp, type TestApp } from "./support/harness.ts";
import { paidBooking } from "./support/completion-fixtures.ts";
import { logInAdmin, marketplace, rawId, signUp } from "./support/fixtures.ts";
import type { StripeStandIn } from "./support/stripe-stand-in.ts";
import { expectMoneySound, ledgerKinds } from "./support/money-checks.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";
import { retryRefundsTask } from "../server/bookings/booking-jobs.ts";

let stripe: StripeStandIn;
let t: TestApp;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ stripe, t, stop } = await startStripeApp({ CANCELLATION_FULL_REFUND_HOURS: "24" }));
});
afterAll(() => stop?.());

type Market = Awaited<ReturnType<typeof marketplace>>;
const HOUR = 3600_000;
const BOOKING = `id status payment viewerCan startsAt
  cancellation { outcome refund { amountCents } fullRefundUntil }
  refund { status reason amount { amountCents } }
  history { toStatus note actor { id } }`;
const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { __typename
  ... on CancelBookingSuccess { booking { ${BOOKING} } }
  ... on Error { message code } ... on InvalidTransitionError { action currentStatus } } }`;
const VIEW = `query($id: ID!) { booking(id: $id) { ${BOOKING} } }`;
const SCHEDULE = `mutation($id: ID!, $startsAt: DateTime!) { scheduleSession(id: $id, startsAt: $startsAt) { __typename } }`;
const LINKS = `mutation($id: ID!) { addBookingLinks(id: $id, availabilityLink: "https://cal.example/s", meetingLink: "https://meet.example/r") { __typename } }`;
const COMPLETE = `mutation($id: ID!) { completeBooking(id: $id) { __typename ... on Error { code } } }`;

const booked = (m: Market, confirm = true) => paidBooking(t, stripe, m, confirm);

/** Records the start directly `hoursAhead` from now (scheduleSession refuses no future time; the row is what matters here). */
async function startsIn(b: { globalId: string }, m: Market, hoursAhead: number) {
  const startsAt = new Date(Date.now() + hoursAhead * HOUR);
  const r = await t.gql(SCHEDULE, { id: b.globalId, startsAt: startsAt.toISOString() }, m.mentee.token);
  expect(r.data.scheduleSession.__typename).toBe("ScheduleSessionSuccess");
  return startsAt;
}

const refundsAtStripe = (paymentIntentId: string) =>
  [...stripe.state.refunds.values()].filter((r) => r.payment_intent === paymentIntentId).map((r) => r.amount as number);
const emailsTo = async (bookingId: string, template: string) =>
  (await t.db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `${template}:${bookingId}` } } })).map((e) => e.to);
const mentorBalance = async (mentorId: string) =>
  Number((await t.db.ledgerAccount.findUnique({ where: { code: `mentor:${rawId(mentorId)}` } }))?.balanceCents ?? 0);

/** Nothing more is refunded however often the retry task runs afterwards. */
async function expectRefundedOnce(b: { paymentIntentId: string }, amounts: number[]) {
  await t.app.services.settled();
  await retryRefundsTask.run(t.app.services, () => undefined);
  expect(refundsAtStripe(b.paymentIntentId)).toEqual(amounts);
}

describe("the mentee cancels a confirmed booking", () => {
  it("with no start recorded: refunded in full, shown before, ledger and Stripe agree, both sides emailed", async () => {
    const m = await marketplace(t, 5000);
    const b = await booked(m);
    const before = await t.gql(VIEW, { id: b.globalId }, m.mentee.token);
    expect(before.data.booking).toMatchObject({
      viewerCan: expect.arrayContaining(["CANCEL", "SCHEDULE"]),
      cancellation: { outcome: "FULL_REFUND", refund: { amountCents: 5000 }, fullRefundUntil: null },
    });
    const r = await t.gql(CANCEL, { id: b.globalId }, m.mentee.token);
    expect(r.data.cancelBooking.booking).toMatchObject({
      status: "CANCELLED",
      payment: "CAPTURED",
      cancellation: null,
      refund: { status: "SUCCEEDED", reason: "CANCELLED", amount: { amountCents: 5000 } },
    });
    expect(r.data.cancelBooking.booking.history.at(-1)).toMatchObject({
      toStatus: "CANCELLED",
      actor: { id: m.mentee.id },
      note: "Cancelled in time for a full refund",
    });
    await expectRefundedOnce(b, [5000]);
    expect(await ledgerKinds(t.db, b.id)).toEqual(["PAYMENT", "REFUND"]);
    expect(await mentorBalance(m.mentor.id)).toBe(0);
    expect(await emailsTo(b.id, "sessionCancelled")).toEqual([m.mentee.email]);
    expect(await emailsTo(b.id, "sessionCancelledForMentor")).toEqual([m.mentor.email]);
    expect(await t.db.webhookEvent.count({ where: { subjectId: b.id, type: "booking.cancelled" } })).toBe(1);
    await expectMoneySound(t.db);
  });

  it("at least CANCELLATION_FULL_REFUND_HOURS before the start: refunded in full", async () => {
    const m = await marketplace(t, 4200);
    const b = await booked(m);
    const startsAt = await startsIn(b, m, 30);
    const view = await t.gql(VIEW, { id: b.globalId }, m.mentee.token);
    expect(view.data.booking.cancellation).toMatchObject({
      outcome: "FULL_REFUND",
      refund: { amountCents: 4200 },
      fullRefundUntil: new Date(startsAt.getTime() - 24 * HOUR).toISOString(),
    });
    const r = await t.gql(CANCEL, { id: b.globalId }, m.mentee.token);
    expect(r.data.cancelBooking.booking.refund).toMatchObject({ status: "SUCCEEDED", amount: { amountCents: 4200 } });
    await expectRefundedOnce(b, [4200]);
    expect(await ledgerKinds(t.db, b.id)).toEqual(["PAYMENT", "REFUND"]);
    await expectMoneySound(t.db);
  });

  it("later than that: no refund, nothing at Stripe, and the mentor is credited their share as for a completed session", async () => {
    const m = await marketplace(t, 5000);
    const b = await booked(m);
    const startsAt = await startsIn(b, m, 3);
    const view = await t.gql(VIEW, { id: b.globalId }, m.mentee.token);
    expect(view.data.booking.cancellation).toMatchObject({
      outcome: "NO_REFUND",
      refund: { amountCents: 0 },
      fullRefundUntil: new Date(startsAt.getTime() - 24 * HOUR).toISOString(),
    });
    // The mentor's view of the same booking: their cancel would refund in full.
    const mentorView = await t.gql(VIEW, { id: b.globalId }, m.mentor.token);
    expect(mentorView.data.booking.cancellation).toMatchObject({
      outcome: "FULL_REFUND",
      refund: { amountCents: 5000 },
      fullRefundUntil: null,
    });

    const r = await t.gql(CANCEL, { id: b.globalId }, m.mentee.token);
    expect(r.data.cancelBooking.booking).toMatchObject({ status: "CANCELLED", refund: null });
    expect(r.data.cancelBooking.booking.history.at(-1).note).toContain("no refund");
    await expectRefundedOnce(b, []);
    expect(await ledgerKinds(t.db, b.id)).toEqual(["MENTOR_EARNING", "PAYMENT", "PLATFORM_FEE"]);
    expect(await mentorBalance(m.mentor.id)).toBe(4000);
    const [toMentor] = await t.db.emailMessage.findMany({ where: { dedupeKey: `sessionCancelledForMentor:${b.id}` } });
    expect(toMentor?.textBody).toContain("$40.00");
    const [toMentee] = await t.db.emailMessage.findMany({ where: { dedupeKey: `sessionCancelled:${b.id}` } });
    expect(toMentee?.textBody).toContain("nothing is refunded");
    await expectMoneySound(t.db);
  });
});

describe("the mentor cancels a confirmed booking", () => {
  it("at any time, refunding the mentee in full (reason MENTOR_CANCELLED), both sides emailed", async () => {
    const m = await marketplace(t, 3300);
    const b = await booked(m);
    await startsIn(b, m, 1);
    const r = await t.gql(CANCEL, { id: b.globalId }, m.mentor.token);
    expect(r.data.cancelBooking.booking).toMatchObject({
      status: "CANCELLED",
      refund: { status: "SUCCEEDED", reason: "MENTOR_CANCELLED", amount: { amountCents: 3300 } },
    });
    expect(r.data.cancelBooking.booking.history.at(-1)).toMatchObject({ actor: { id: m.mentor.id } });
    await expectRefundedOnce(b, [3300]);
    expect(await ledgerKinds(t.db, b.id)).toEqual(["PAYMENT", "REFUND"]);
    expect(await mentorBalance(m.mentor.id)).toBe(0);
    expect(await emailsTo(b.id, "sessionCancelledByMentor")).toEqual([m.mentee.email]);
    expect(await emailsTo(b.id, "sessionCancelledByMentorForMentor")).toEqual([m.mentor.email]);
    await expectMoneySound(t.db);
  });

  it("refuses a pending request (declined, not cancelled), strangers, anonymous callers and finished bookings, changing nothing", async () => {
    const m = await marketplace(t, 2500);
    const pending = await booked(m, false);
    const confirmed = await booked(m);
    const done = await booked(m);
    await t.gql(LINKS, { id: done.globalId }, m.mentor.token);
    expect((await t.gql(COMPLETE, { id: done.globalId }, m.mentor.token)).data.completeBooking.__typename).toBe("CompleteBookingSuccess");
    const stranger = await signUp(t, "MENTEE");
    const otherMentor = await signUp(t, "MENTOR");
    const admin = await logInAdmin(t);
    const before = await dbFingerprint(t.db);
    const cancel = async (id: string, token?: string) => (await t.gql(CANCEL, { id }, token)).data.cancelBooking;
    expect(await cancel(pending.globalId, m.mentor.token)).toMatchObject({
      __typename: "InvalidTransitionError",
      action: "CANCEL",
      currentStatus: "PENDING",
    });
    expect(await cancel(confirmed.globalId, stranger.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await cancel(confirmed.globalId, otherMentor.token)).toMatchObject({ code: "NOT_FOUND" });
    // An admin cancels through adminCancelBooking (with a reason), not as a party.
    expect(await cancel(confirmed.globalId, admin.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await cancel(confirmed.globalId)).toMatchObject({ code: "UNAUTHENTICATED" });
    // Bad ids, from either party: NOT_FOUND, as for what they may not see.
    for (const id of ["", "nope", m.mentee.id, `${confirmed.globalId}x`]) {
      expect(await cancel(id, m.mentee.token), id).toMatchObject({ code: "NOT_FOUND" });
      expect(await cancel(id, m.mentor.token), id).toMatchObject({ code: "NOT_FOUND" });
    }
    for (const token of [m.mentee.token, m.mentor.token]) {
      expect(await cancel(done.globalId, token)).toMatchObject({ __typename: "InvalidTransitionError", currentStatus: "COMPLETED" });
    }
    const view = await t.gql(VIEW, { id: done.globalId }, m.mentee.token);
    expect(view.data.booking.cancellation).toBeNull();
    expect(await dbFingerprint(t.db)).toEqual(before);
    await expectMoneySound(t.db);
  });
});

describe("a mentee's cancel racing the mentor's completion", () => {
  it("exactly one wins, and the money matches whichever did", async () => {
    const m = await marketplace(t, 6000);
    const bookings = await Promise.all(Array.from({ length: 4 }, () => booked(m)));
    for (const b of bookings) await t.gql(LINKS, { id: b.globalId }, m.mentor.token);
    const results = await Promise.all(
      bookings.map(async (b) => {
        const [cancel, complete] = await Promise.all([
          t.gql(CANCEL, { id: b.globalId }, m.mentee.token),
          t.gql(COMPLETE, { id: b.globalId }, m.mentor.token),
        ]);
        return { b, cancel: cancel.data.cancelBooking, complete: complete.data.completeBooking };
      }),
    );
    await t.app.services.settled();
    for (const { b, cancel, complete } of results) {
      const cancelled = cancel.__typename === "CancelBookingSuccess";
      const completed = complete.__typename === "CompleteBookingSuccess";
      expect(cancelled !== completed, JSON.stringify({ cancel, complete })).toBe(true);
      const row = await t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
      expect(row.status).toBe(cancelled ? "CANCELLED" : "COMPLETED");
      if (!cancelled) expect(cancel).toMatchObject({ __typename: "InvalidTransitionError", currentStatus: "COMPLETED" });
      await expectRefundedOnce(b, cancelled ? [6000] : []);
      // A completion credits the held earning and (no window in these tests) releases it at once.
      expect(await ledgerKinds(t.db, b.id)).toEqual(
        cancelled ? ["PAYMENT", "REFUND"] : ["EARNING_RELEASE", "MENTOR_EARNING", "PAYMENT", "PLATFORM_FEE"],
      );
    }
    await expectMoneySound(t.db);
  });
});

// Admin money operations through GraphQL, against the Stripe stand-in, and the money edges found
// there: cancelling any booking with a full or partial refund (audit history), retrying a FAILED
// refund, a refund Stripe fails after it succeeded (reversed in the ledger, alerted, listed to
// admins), a mentor's ledger account, and account.updated events of one second out of order.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { type TestApp, startStripeApp } from "./support/harness.ts";
import { deliverTo, paidBooking } from "./support/completion-fixtures.ts";
import { logInAdmin, marketplace, rawId, requestBooking, signUp } from "./support/fixtures.ts";
import type { StripeStandIn } from "./support/stripe-stand-in.ts";
import { expectMoneySound, ledgerKinds } from "./support/money-checks.ts";
import { connectMentor } from "./support/payout-fixtures.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";
import { captureLogs, LEVEL } from "./support/logs.ts";

let stripe: StripeStandIn;
let t: TestApp;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ stripe, t, stop } = await startStripeApp());
});
afterAll(() => stop?.());
beforeEach(() => stripe.clearFailures());

type Market = Awaited<ReturnType<typeof marketplace>>;
const LINKS = { availabilityLink: "https://cal.example/slots", meetingLink: "https://meet.example/room" };
const BOOKING = `id status payment refund { status reason amount { amountCents } failureReason }
  adminHistory { kind note amount { amountCents } }`;
const CANCEL = `mutation($id: ID!, $reason: String!, $refundCents: Int) {
  adminCancelBooking(id: $id, reason: $reason, refundCents: $refundCents) { __typename
    ... on AdminCancelBookingSuccess { booking { ${BOOKING} } }
    ... on Error { message code } ... on ValidationError { field rule } ... on InvalidTransitionError { currentStatus } } }`;
const RETRY = `mutation($id: ID!) { retryRefund(id: $id) { __typename
  ... on RetryRefundSuccess { booking { ${BOOKING} } } ... on RefundNotRetryableError { refundStatus } ... on Error { message code } } }`;
const FAILED = `query { bookings(refundStatus: FAILED, first: 10) { edges { node { id refund { status failureReason } } } } }`;
const LEDGER = `query($id: ID!) { mentorLedger(mentorId: $id) { balance { amountCents } entries(first: 10) { edges { node { kind side amount { amountCents } } } } } }`;

const deliver = (event: object) => deliverTo(t, stripe, event);

const booked = (m: Market, confirm = true) => paidBooking(t, stripe, m, confirm);

/** The emails an admin's cancel queued for a booking (mentee and, once paid, mentor). */
const adminCancelEmails = (bookingId: string) =>
  t.db.emailMessage.findMany({
    where: { tag: { in: ["booking-cancelled-by-admin", "booking-cancelled-by-admin-mentor"] }, dedupeKey: { contains: bookingId } },
  });

describe("admin operations", () => {
  it("cancels a confirmed booking with a partial refund: refund + mentor credit + fee = captured, in the audit history", async () => {
    const m = await marketplace(t, 5000);
    const admin = await logInAdmin(t);
    const b = await booked(m);
    const r = await t.gql(CANCEL, { id: b.globalId, reason: "Mentor unavailable", refundCents: 3000 }, admin.token);
    expect(r.data.adminCancelBooking.__typename).toBe("AdminCancelBookingSuccess");
    expect(r.data.adminCancelBooking.booking).toMatchObject({
      status: "CANCELLED",
      payment: "CAPTURED",
      refund: { status: "SUCCEEDED", reason: "ADMIN", amount: { amountCents: 3000 } },
      adminHistory: [{ kind: "CANCEL_BOOKING", note: "Mentor unavailable", amount: { amountCents: 3000 } }],
    });
    const refunds = [...stripe.state.refunds.values()].filter((x) => x.payment_intent === b.paymentIntentId);
    expect(refunds.map((x) => x.amount)).toEqual([3000]);
    expect(await ledgerKinds(t.db, b.id)).toEqual(["MENTOR_EARNING", "PAYMENT", "PLATFORM_FEE", "REFUND"]);
    const history = await t.db.bookingEvent.findMany({ where: { bookingId: b.id }, orderBy: { sequence: "desc" }, take: 1 });
    expect(history[0]).toMatchObject({ toStatus: "CANCELLED", actorId: rawId(admin.id), note: "Mentor unavailable" });
    // The audit history names the admin who acted.
    const audit = await t.gql(
      `query($id: ID!) { booking(id: $id) { adminHistory { admin { id name } } } }`,
      { id: b.globalId },
      admin.token,
    );
    expect(audit.data.booking.adminHistory).toEqual([{ admin: { id: admin.id, name: expect.any(String) } }]);
    // The mentor and mentee do not see the admin history.
    const seen = await t.gql(`query($id: ID!) { booking(id: $id) { adminHistory { kind } } }`, { id: b.globalId }, m.mentee.token);
    expect(seen.data.booking.adminHistory).toEqual([]);
    // Both sides are told, with the reason and the money.
    const told = await adminCancelEmails(b.id);
    expect(told.map((e) => e.to).sort()).toEqual([m.mentee.email, m.mentor.email].sort());
    const [toMentee] = told.filter((e) => e.to === m.mentee.email);
    expect(toMentee!.textBody).toContain("The reason: Mentor unavailable");
    expect(toMentee!.textBody).toContain("We are refunding $30.00 of your $50.00 payment");
    expect(told.find((e) => e.to === m.mentor.email)!.textBody).toContain(
      "is refunded $30.00 of $50.00; your share of the rest is credited",
    );
    await expectMoneySound(t.db);
  });

  it("cancels a pending (authorised) booking by releasing the hold, and refuses a partial refund of what was never charged", async () => {
    const m = await marketplace(t, 2600);
    const admin = await logInAdmin(t);
    const b = await booked(m, false);
    const before = await dbFingerprint(t.db);
    const partial = await t.gql(CANCEL, { id: b.globalId, reason: "Spam", refundCents: 100 }, admin.token);
    expect(partial.data.adminCancelBooking).toMatchObject({ __typename: "ValidationError", field: "refundCents", rule: "NOT_CHARGED" });
    expect(await dbFingerprint(t.db)).toEqual(before);
    const r = await t.gql(CANCEL, { id: b.globalId, reason: "Spam" }, admin.token);
    expect(r.data.adminCancelBooking.booking).toMatchObject({ status: "CANCELLED", payment: "RELEASED", refund: null });
    expect(stripe.state.paymentIntents.get(b.paymentIntentId)!.status).toBe("canceled");
    expect(await ledgerKinds(t.db, b.id)).toEqual([]);
    const told = await adminCancelEmails(b.id);
    expect(told).toHaveLength(2);
    expect(told.find((e) => e.to === m.mentee.email)!.textBody).toContain("You were not charged: the $26.00 held on your card is released");
    await expectMoneySound(t.db);
  });

  it("cancels an unpaid booking: nothing to refund or release, the mentee is told they were not charged, the mentor (who never saw it) is not emailed", async () => {
    const m = await marketplace(t, 2200);
    const admin = await logInAdmin(t);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const r = await t.gql(CANCEL, { id: booking.id, reason: "Duplicate request" }, admin.token);
    expect(r.data.adminCancelBooking.booking).toMatchObject({ status: "CANCELLED", payment: "NONE", refund: null });
    expect(await ledgerKinds(t.db, rawId(booking.id))).toEqual([]);
    const told = await adminCancelEmails(rawId(booking.id));
    expect(told.map((e) => e.to)).toEqual([m.mentee.email]);
    expect(told[0]!.textBody).toContain("The reason: Duplicate request");
    expect(told[0]!.textBody).toContain("You were not charged.");
    expect(told[0]!.textBody).not.toContain("refund");
    await expectMoneySound(t.db);
  });

  it("refuses the wrong user, an anonymous caller, bad input and the wrong state, changing nothing", async () => {
    const m = await marketplace(t, 3000);
    const admin = await logInAdmin(t);
    const b = await booked(m);
    const mentee = await signUp(t, "MENTEE");
    const before = await dbFingerprint(t.db);
    const asMentor = await t.gql(CANCEL, { id: b.globalId, reason: "x" }, m.mentor.token);
    expect(asMentor.data.adminCancelBooking.code).toBe("FORBIDDEN");
    expect((await t.gql(CANCEL, { id: b.globalId, reason: "x" }, mentee.token)).data.adminCancelBooking.code).toBe("FORBIDDEN");
    expect((await t.gql(CANCEL, { id: b.globalId, reason: "x" })).data.adminCancelBooking.code).toBe("UNAUTHENTICATED");
    expect((await t.gql(RETRY, { id: b.globalId }, m.mentee.token)).data.retryRefund.code).toBe("FORBIDDEN");
    expect((await t.gql(RETRY, { id: b.globalId }, m.mentor.token)).data.retryRefund.code).toBe("FORBIDDEN");
    expect((await t.gql(RETRY, { id: b.globalId })).data.retryRefund.code).toBe("UNAUTHENTICATED");
    expect((await t.gql(CANCEL, { id: "nope", reason: "x" }, admin.token)).data.adminCancelBooking.code).toBe("NOT_FOUND");
    // An id that is not a booking's, or not an id at all: nothing this admin may act on.
    for (const id of ["nope", "", encodeGlobalID("Booking", "not-a-uuid"), m.mentor.id]) {
      expect((await t.gql(RETRY, { id }, admin.token)).data.retryRefund.code, id).toBe("NOT_FOUND");
    }
    const bad = [
      [{ id: b.globalId, reason: "" }, "reason"],
      [{ id: b.globalId, reason: "x", refundCents: -1 }, "refundCents"],
      [{ id: b.globalId, reason: "x", refundCents: 3001 }, "refundCents"],
    ] as const;
    for (const [variables, field] of bad) {
      const answer = await t.gql(CANCEL, variables, admin.token);
      expect(answer.data.adminCancelBooking, JSON.stringify(variables)).toMatchObject({ code: "INVALID_INPUT", field });
    }
    expect((await t.gql(RETRY, { id: b.globalId }, admin.token)).data.retryRefund.code).toBe("NOT_FOUND");
    expect(await dbFingerprint(t.db)).toEqual(before);

    // Over already: completed bookings cannot be cancelled.
    for (const op of [
      [
        `mutation($id: ID!, $a: String!, $m: String!) { addBookingLinks(id: $id, availabilityLink: $a, meetingLink: $m) { __typename } }`,
        { a: LINKS.availabilityLink, m: LINKS.meetingLink },
      ],
      [`mutation($id: ID!) { completeBooking(id: $id) { __typename } }`, {}],
    ] as const) {
      await t.gql(op[0], { id: b.globalId, ...op[1] }, m.mentor.token);
    }
    const done = await dbFingerprint(t.db);
    const late = await t.gql(CANCEL, { id: b.globalId, reason: "x" }, admin.token);
    expect(late.data.adminCancelBooking).toMatchObject({ __typename: "InvalidTransitionError", currentStatus: "COMPLETED" });
    expect(await dbFingerprint(t.db)).toEqual(done);
    await expectMoneySound(t.db);
  });

  it("a refund Stripe fails after it succeeded is reversed in the ledger, alerted and listed; an admin retries it once", async () => {
    const logs = captureLogs();
    const m = await marketplace(t, 4400);
    const admin = await logInAdmin(t);
    const b = await booked(m);
    await t.gql(CANCEL, { id: b.globalId, reason: "Refund in full" }, admin.token);
    const refund = await t.db.refund.findUniqueOrThrow({ where: { bookingId: b.id } });
    expect(refund.status).toBe("SUCCEEDED");

    const failed = stripe.failSucceededRefund(refund.stripeRefundId!);
    expect(await deliver(failed)).toBe("applied");
    expect(await deliver(failed)).toBe("duplicate");
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: b.id } })).toMatchObject({
      status: "FAILED",
      reversedAt: expect.any(Date),
    });
    expect(await ledgerKinds(t.db, b.id)).toEqual(["PAYMENT", "REFUND", "REFUND_REVERSAL"]);
    expect(logs.messages(LEVEL.alert).some((msg) => msg.startsWith(`REFUND REVERSED: refund ${refund.id}`))).toBe(true);
    const listed = await t.gql(FAILED, {}, admin.token);
    expect(listed.data.bookings.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(b.globalId);
    await expectMoneySound(t.db);

    const retried = await t.gql(RETRY, { id: b.globalId }, admin.token);
    expect(retried.data.retryRefund.booking.refund).toMatchObject({ status: "SUCCEEDED", amount: { amountCents: 4400 } });
    expect(retried.data.retryRefund.booking.adminHistory.map((a: { kind: string }) => a.kind)).toEqual(["CANCEL_BOOKING", "RETRY_REFUND"]);
    const calls = stripe.requests.filter(
      (r) => r.method === "POST" && r.path === "/v1/refunds" && r.params.payment_intent === b.paymentIntentId,
    );
    expect(calls.map((c) => c.idempotencyKey)).toEqual([`refund:${b.id}`, `refund:${b.id}:r1`]);
    expect((await t.gql(RETRY, { id: b.globalId }, admin.token)).data.retryRefund).toMatchObject({
      __typename: "RefundNotRetryableError",
      refundStatus: "SUCCEEDED",
    });
    expect(await ledgerKinds(t.db, b.id)).toEqual(["PAYMENT", "REFUND", "REFUND", "REFUND_REVERSAL"]);
    await expectMoneySound(t.db);
  });

  it("shows any mentor's ledger account to admins, and to nobody else", async () => {
    const m = await marketplace(t, 2000);
    const admin = await logInAdmin(t);
    const b = await booked(m);
    await t.gql(
      `mutation($id: ID!, $a: String!, $m: String!) { addBookingLinks(id: $id, availabilityLink: $a, meetingLink: $m) { __typename } }`,
      { id: b.globalId, a: LINKS.availabilityLink, m: LINKS.meetingLink },
      m.mentor.token,
    );
    await t.gql(`mutation($id: ID!) { completeBooking(id: $id) { __typename } }`, { id: b.globalId }, m.mentor.token);
    const read = await t.gql(LEDGER, { id: m.mentor.id }, admin.token);
    expect(read.data.mentorLedger).toMatchObject({
      balance: { amountCents: 1600 },
      // Credited as held on completion and released at once (COMPLETION_HOLD_HOURS=0 here).
      entries: { edges: [{ node: { kind: "EARNING_RELEASE", side: "CREDIT", amount: { amountCents: 1600 } } }] },
    });
    expect((await t.gql(LEDGER, { id: m.mentor.id }, m.mentor.token)).data?.mentorLedger ?? null).toBeNull();
    expect((await t.gql(LEDGER, { id: m.mentee.id }, admin.token)).data.mentorLedger).toBeNull();
    expect((await t.gql(LEDGER, { id: "bad" }, admin.token)).data.mentorLedger).toBeNull();
  });
});

describe("account.updated out of order", () => {
  it("two events of the same second, delivered newest first, leave payouts as Stripe has them now (disabled)", async () => {
    const m = await marketplace(t, 2000);
    const mentorId = rawId(m.mentor.id);
    const accountId = await connectMentor(t, stripe, mentorId, false);
    const second = Math.floor(Date.now() / 1000);
    const enabled = { ...stripe.enablePayouts(accountId), created: second };
    const disabledState = stripe.updateAccount(accountId, {
      payouts_enabled: false,
      capabilities: { transfers: "inactive" },
      requirements: { currently_due: ["external_account"], disabled_reason: "requirements.past_due" },
    });
    const disabled = { ...stripe.event("account.updated", disabledState), created: second };
    expect(await deliver(disabled)).toBe("applied");
    expect(await deliver(enabled)).toBe("applied");
    const profile = await t.db.mentorProfile.findUniqueOrThrow({ where: { userId: mentorId } });
    expect(profile).toMatchObject({ payoutsEnabled: false, stripeDisabledReason: "requirements.past_due" });
    const reads = stripe.requests.filter((r) => r.method === "GET" && r.path === `/v1/accounts/${accountId}`);
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });
});

// Authorise at booking, capture on confirm, against the Stripe stand-in through the official SDK:
// the Checkout Session asks for manual capture; paying only authorises the card (PENDING, nothing
// in the ledger); confirming captures it once, however many confirms race; a decline, a pending
// cancel and an expiry release the hold (no refund, no fee, nothing captured at Stripe); a capture
// that fails leaves the booking PENDING with a typed error; an authorisation that lapses at
// Stripe expires the booking.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WEBHOOK_SECRET, type TestApp, startStripeApp } from "./support/harness.ts";
import { marketplace, rawId, requestBooking, signUp } from "./support/fixtures.ts";
import type { StripeStandIn } from "./support/stripe-stand-in.ts";
import { captureCalls, capturedAtStripe, expectMoneySound, ledgerKinds } from "./support/money-checks.ts";
import { expireBookingsTask } from "../server/bookings/booking-jobs.ts";
import { ConfigError, loadEnv, MAX_BOOKING_RESPONSE_HOURS } from "../server/env.ts";
import { checkoutSessionOf } from "./support/completion-fixtures.ts";

let stripe: StripeStandIn;
let t: TestApp;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ stripe, t, stop } = await startStripeApp());
});
afterAll(() => stop?.());
beforeEach(() => stripe.clearFailures());

type Market = Awaited<ReturnType<typeof marketplace>>;

const BOOKING = `id status payment paidAt capturedAt refund { status }`;
const CONFIRM = `mutation($id: ID!) { confirmBooking(id: $id) { __typename
  ... on ConfirmBookingSuccess { booking { ${BOOKING} } } ... on Error { message code }
  ... on PaymentCaptureError { retryable } ... on InvalidTransitionError { currentStatus } } }`;
const DECLINE = `mutation($id: ID!) { declineBooking(id: $id) { __typename ... on DeclineBookingSuccess { booking { ${BOOKING} } } ... on Error { code } } }`;
const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { __typename ... on CancelBookingSuccess { booking { ${BOOKING} } } ... on Error { code } } }`;
const READ = `query($id: ID!) { booking(id: $id) { ${BOOKING} } }`;

const sessionOf = (bookingId: string) => checkoutSessionOf(stripe, bookingId);
const deliver = async (event: object) => {
  const response = await stripe.deliver(`${t.url}/webhooks/stripe`, event, WEBHOOK_SECRET);
  expect(response.status).toBe(200);
  return ((await response.json()) as { outcome: string }).outcome;
};

/** Books and pays on the stand-in: the card is authorised. */
async function authorised(m: Market) {
  const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
  const id = rawId(booking.id);
  expect(await deliver(stripe.completeCheckout(sessionOf(id).id))).toBe("applied");
  const paymentIntentId = sessionOf(id).payment_intent as string;
  return { globalId: booking.id as string, id, paymentIntentId };
}

describe("authorise at booking, capture on confirm", () => {
  it("asks Checkout for manual capture; paying authorises the card and records nothing in the ledger", async () => {
    const m = await marketplace(t, 4100);
    const { globalId, id, paymentIntentId } = await authorised(m);
    const create = stripe.requests.find((r) => r.path === "/v1/checkout/sessions" && (r.params.client_reference_id as string) === id)!;
    expect((create.params.payment_intent_data as Record<string, unknown>).capture_method).toBe("manual");
    expect(sessionOf(id)).toMatchObject({ status: "complete", payment_status: "unpaid" });
    expect(stripe.state.paymentIntents.get(paymentIntentId)).toMatchObject({ status: "requires_capture", amount_capturable: 4100 });
    const read = await t.gql(READ, { id: globalId }, m.mentor.token);
    expect(read.data.booking).toMatchObject({ status: "PENDING", payment: "AUTHORIZED", capturedAt: null });
    expect(read.data.booking.paidAt).not.toBeNull();
    expect(await ledgerKinds(t.db, id)).toEqual([]);
    await expectMoneySound(t.db);
  });

  it("20 concurrent confirms capture once (key capture:<bookingId>); one confirms, the rest are refused", async () => {
    const m = await marketplace(t, 5200);
    const { globalId, id, paymentIntentId } = await authorised(m);
    const results = await Promise.all(Array.from({ length: 20 }, () => t.gql(CONFIRM, { id: globalId }, m.mentor.token)));
    const kinds = results.map((r) => r.data.confirmBooking.__typename);
    expect(kinds.filter((k) => k === "ConfirmBookingSuccess")).toHaveLength(1);
    expect(kinds.filter((k) => k === "InvalidTransitionError")).toHaveLength(19);
    const calls = captureCalls(stripe, paymentIntentId);
    expect(calls.filter((c) => !c.replayed && c.status === 200)).toHaveLength(1);
    expect(new Set(calls.map((c) => c.idempotencyKey))).toEqual(new Set([`capture:${id}`]));
    expect(capturedAtStripe(stripe, paymentIntentId)).toBe(5200);
    const read = await t.gql(READ, { id: globalId }, m.mentor.token);
    expect(read.data.booking).toMatchObject({ status: "CONFIRMED", payment: "CAPTURED" });
    expect(await ledgerKinds(t.db, id)).toEqual(["PAYMENT"]);
    await expectMoneySound(t.db);
  });

  it("a decline, a pending cancel and an expiry release the hold: nothing captured, refunded or kept", async () => {
    const m = await marketplace(t, 3300);
    const declined = await authorised(m);
    const cancelled = await authorised(m);
    const expired = await authorised(m);

    const d = await t.gql(DECLINE, { id: declined.globalId }, m.mentor.token);
    expect(d.data.declineBooking.booking).toMatchObject({ status: "DECLINED", payment: "RELEASED", refund: null });
    const c = await t.gql(CANCEL, { id: cancelled.globalId }, m.mentee.token);
    expect(c.data.cancelBooking.booking).toMatchObject({ status: "CANCELLED", payment: "RELEASED", refund: null });
    await t.db.booking.update({ where: { id: expired.id }, data: { paidAt: new Date(Date.now() - 80 * 3600_000) } });
    await expireBookingsTask.run(t.app.services, () => undefined);
    const e = await t.gql(READ, { id: expired.globalId }, m.mentee.token);
    expect(e.data.booking).toMatchObject({ status: "EXPIRED", payment: "RELEASED", refund: null });

    for (const b of [declined, cancelled, expired]) {
      expect(stripe.state.paymentIntents.get(b.paymentIntentId)!.status).toBe("canceled");
      expect(capturedAtStripe(stripe, b.paymentIntentId)).toBe(0);
      expect(captureCalls(stripe, b.paymentIntentId)).toHaveLength(0);
      expect(stripe.requests.filter((r) => r.path === "/v1/refunds" && r.idempotencyKey === `refund:${b.id}`)).toHaveLength(0);
      expect(await ledgerKinds(t.db, b.id)).toEqual([]);
      expect(await t.db.refund.findUnique({ where: { bookingId: b.id } })).toBeNull();
    }
    // The mentee is told they were not charged.
    const emails = await t.db.emailMessage.findMany({
      where: { dedupeKey: { in: [`bookingDeclined:${declined.id}`, `bookingExpired:${expired.id}`] } },
    });
    expect(emails).toHaveLength(2);
    for (const email of emails) expect(email.textBody).toContain("You were not charged");
    await expectMoneySound(t.db);
  });

  it("a release Stripe could not make is retried by the expire-bookings task, once", async () => {
    const m = await marketplace(t, 2700);
    const b = await authorised(m);
    stripe.failNext(`POST /v1/payment_intents/${b.paymentIntentId}/cancel`, 500, undefined, { times: 3 });
    const d = await t.gql(DECLINE, { id: b.globalId }, m.mentor.token);
    expect(d.data.declineBooking.booking).toMatchObject({ status: "DECLINED", payment: "AUTHORIZED" });
    expect(stripe.state.paymentIntents.get(b.paymentIntentId)!.status).toBe("requires_capture");
    const report = await expireBookingsTask.run(t.app.services, () => undefined);
    expect(report.summary).toContain("1 released");
    expect(stripe.state.paymentIntents.get(b.paymentIntentId)!.status).toBe("canceled");
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).authorizationReleasedAt).not.toBeNull();
    expect((await expireBookingsTask.run(t.app.services, () => undefined)).summary).toContain("0 released");
    await expectMoneySound(t.db);
  });

  it("a capture Stripe refuses leaves the booking PENDING with a typed error; an unreachable Stripe says retry, and a retry captures once", async () => {
    const m = await marketplace(t, 6100);
    const b = await authorised(m);
    stripe.failNext(`POST /v1/payment_intents/${b.paymentIntentId}/capture`, 402, {
      type: "card_error",
      code: "card_declined",
      message: "Your card was declined.",
    });
    const refused = await t.gql(CONFIRM, { id: b.globalId }, m.mentor.token);
    expect(refused.data.confirmBooking).toMatchObject({
      __typename: "PaymentCaptureError",
      code: "PAYMENT_CAPTURE_FAILED",
      retryable: false,
    });
    expect(refused.data.confirmBooking.message).toMatch(/could not be charged/);
    expect((await t.gql(READ, { id: b.globalId }, m.mentor.token)).data.booking).toMatchObject({
      status: "PENDING",
      payment: "AUTHORIZED",
    });
    expect(await t.db.session.findUnique({ where: { bookingId: b.id } })).toBeNull();

    stripe.failNext(`POST /v1/payment_intents/${b.paymentIntentId}/capture`, 500, undefined, { times: 3 });
    const down = await t.gql(CONFIRM, { id: b.globalId }, m.mentor.token);
    expect(down.data.confirmBooking).toMatchObject({ __typename: "PaymentCaptureError", retryable: true });
    expect(await ledgerKinds(t.db, b.id)).toEqual([]);
    expect(capturedAtStripe(stripe, b.paymentIntentId)).toBe(0);

    const ok = await t.gql(CONFIRM, { id: b.globalId }, m.mentor.token);
    expect(ok.data.confirmBooking.__typename).toBe("ConfirmBookingSuccess");
    expect(capturedAtStripe(stripe, b.paymentIntentId)).toBe(6100);
    expect(await ledgerKinds(t.db, b.id)).toEqual(["PAYMENT"]);
    await expectMoneySound(t.db);
  });

  it("a capture whose answer was lost is not charged twice: the retry gets the same capture back", async () => {
    const m = await marketplace(t, 3900);
    const b = await authorised(m);
    stripe.failNext(`POST /v1/payment_intents/${b.paymentIntentId}/capture`, "drop", undefined, { when: "after", times: 3 });
    const lost = await t.gql(CONFIRM, { id: b.globalId }, m.mentor.token);
    expect(lost.data.confirmBooking).toMatchObject({ __typename: "PaymentCaptureError", retryable: true });
    expect(capturedAtStripe(stripe, b.paymentIntentId)).toBe(3900); // Stripe did capture
    expect(await ledgerKinds(t.db, b.id)).toEqual([]);
    const ok = await t.gql(CONFIRM, { id: b.globalId }, m.mentor.token);
    expect(ok.data.confirmBooking.__typename).toBe("ConfirmBookingSuccess");
    expect(captureCalls(stripe, b.paymentIntentId).filter((c) => !c.replayed)).toHaveLength(1);
    expect(await ledgerKinds(t.db, b.id)).toEqual(["PAYMENT"]);
    await expectMoneySound(t.db);
  });

  it("a captured-after-all payment found when releasing (a lost capture, then a decline) is refunded in full", async () => {
    const m = await marketplace(t, 2900);
    const b = await authorised(m);
    stripe.failNext(`POST /v1/payment_intents/${b.paymentIntentId}/capture`, "drop", undefined, { when: "after", times: 3 });
    await t.gql(CONFIRM, { id: b.globalId }, m.mentor.token);
    const d = await t.gql(DECLINE, { id: b.globalId }, m.mentor.token);
    expect(d.data.declineBooking.__typename).toBe("DeclineBookingSuccess");
    const read = await t.gql(READ, { id: b.globalId }, m.mentee.token);
    expect(read.data.booking).toMatchObject({ status: "DECLINED", payment: "CAPTURED", refund: { status: "SUCCEEDED" } });
    expect(await ledgerKinds(t.db, b.id)).toEqual(["PAYMENT", "REFUND"]);
    await expectMoneySound(t.db);
  });

  it("an authorisation that lapses at Stripe expires the PENDING booking, and confirming it then is a typed error", async () => {
    const m = await marketplace(t, 3100);
    const b = await authorised(m);
    const lapsed = stripe.lapseAuthorization(b.paymentIntentId);
    const other = await authorised(m);
    stripe.lapseAuthorization(other.paymentIntentId);
    const refused = await t.gql(CONFIRM, { id: other.globalId }, m.mentor.token);
    expect(refused.data.confirmBooking).toMatchObject({ __typename: "PaymentCaptureError", retryable: false });
    expect((await t.gql(READ, { id: other.globalId }, m.mentor.token)).data.booking.status).toBe("PENDING");

    expect(await deliver(lapsed)).toBe("applied");
    expect(await deliver(lapsed)).toBe("duplicate");
    const read = await t.gql(READ, { id: b.globalId }, m.mentee.token);
    expect(read.data.booking).toMatchObject({ status: "EXPIRED", refund: null });
    expect(await ledgerKinds(t.db, b.id)).toEqual([]);
    await expectMoneySound(t.db);
  });

  it("refuses confirm from the wrong user, an anonymous caller and a bad id, and in the wrong state, capturing nothing", async () => {
    const m = await marketplace(t, 2300);
    const b = await authorised(m);
    const otherMentor = await signUp(t, "MENTOR");
    const wrong = await t.gql(CONFIRM, { id: b.globalId }, otherMentor.token);
    expect(wrong.data.confirmBooking.code).toBe("NOT_FOUND");
    const mentee = await t.gql(CONFIRM, { id: b.globalId }, m.mentee.token);
    expect(mentee.data.confirmBooking.code).toBe("FORBIDDEN");
    const anonymous = await t.gql(CONFIRM, { id: b.globalId });
    expect(anonymous.data.confirmBooking.code).toBe("UNAUTHENTICATED");
    const bad = await t.gql(CONFIRM, { id: "not-an-id" }, m.mentor.token);
    expect(bad.data.confirmBooking).toMatchObject({ code: "NOT_FOUND" });
    await t.gql(DECLINE, { id: b.globalId }, m.mentor.token);
    const late = await t.gql(CONFIRM, { id: b.globalId }, m.mentor.token);
    expect(late.data.confirmBooking).toMatchObject({ __typename: "InvalidTransitionError", currentStatus: "DECLINED" });
    expect(captureCalls(stripe, b.paymentIntentId)).toHaveLength(0);
    expect(await ledgerKinds(t.db, b.id)).toEqual([]);
    await expectMoneySound(t.db);
  });

  it(`refuses BOOKING_RESPONSE_HOURS above ${MAX_BOOKING_RESPONSE_HOURS} at start: Stripe's authorisation lasts 7 days`, () => {
    expect(loadEnv({ BOOKING_RESPONSE_HOURS: String(MAX_BOOKING_RESPONSE_HOURS) }).bookingResponseHours).toBe(MAX_BOOKING_RESPONSE_HOURS);
    for (const tooLong of ["161", "168", "200"]) {
      expect(() => loadEnv({ BOOKING_RESPONSE_HOURS: tooLong })).toThrow(ConfigError);
      expect(() => loadEnv({ BOOKING_RESPONSE_HOURS: tooLong })).toThrow(/BOOKING_RESPONSE_HOURS must be at most 160.*7 days/);
    }
  });
});

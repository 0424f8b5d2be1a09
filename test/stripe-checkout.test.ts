// Stripe Checkout through the official SDK: the app runs with Stripe keys and STRIPE_API_URL
// pointing at the local Stripe stand-in, so requestBooking's real SDK call, its idempotency key,
// its retries and its failure handling are exercised; payment arrives as a signed webhook.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { WEBHOOK_SECRET, type TestApp, startStripeApp } from "./support/harness.ts";
import { OPS, marketplace, rawId, requestBooking } from "./support/fixtures.ts";
import type { StripeStandIn } from "./support/stripe-stand-in.ts";
import { captureLogs, LEVEL } from "./support/logs.ts";

let stripe: StripeStandIn;
let t: TestApp;
let stop: () => Promise<void>;
let m: Awaited<ReturnType<typeof marketplace>>;

beforeAll(async () => {
  ({ stripe, t, stop } = await startStripeApp());
  expect(t.app.services.payments.mode).toBe("stripe");
  m = await marketplace(t, 4500);
});
afterAll(() => stop?.());
beforeEach(() => stripe.clearFailures());
afterEach(() => vi.restoreAllMocks());

const checkoutCalls = (bookingId?: string) =>
  stripe.requests.filter(
    (r) =>
      r.method === "POST" &&
      r.path === "/v1/checkout/sessions" &&
      (bookingId === undefined || r.idempotencyKey === `checkout:${bookingId}`),
  );
const sessionsOf = (bookingId: string) => [...stripe.state.checkoutSessions.values()].filter((s) => s.client_reference_id === bookingId);
const webhookUrl = () => `${t.url}/webhooks/stripe`;

/** The mentee's booking created last (found in the database: a failed request returns no booking). */
async function latestBooking(menteeGlobalId: string) {
  return t.db.booking.findFirstOrThrow({
    where: { menteeId: rawId(menteeGlobalId) },
    orderBy: { createdAt: "desc" },
    include: { events: { orderBy: { sequence: "asc" } } },
  });
}

describe("Stripe Checkout through the official SDK", () => {
  it("creates one Checkout Session for the price the server computes, and a signed completion makes the booking PENDING", async () => {
    const callsBefore = checkoutCalls().length;
    const { booking, checkoutUrl } = await requestBooking(t, m.mentee.token, m.sessionTypeId, "Let's talk");
    const bookingId = rawId(booking.id);

    const calls = checkoutCalls();
    expect(calls.length - callsBefore).toBe(1);
    const call = calls.at(-1)!;
    expect(call.authorization).toBe("Bearer sk_test_x");
    expect(call.idempotencyKey).toBe(`checkout:${bookingId}`);
    expect(call.params).toMatchObject({
      mode: "payment",
      client_reference_id: bookingId,
      metadata: { bookingId },
      payment_intent_data: { metadata: { bookingId }, transfer_group: `booking:${bookingId}` },
      customer_email: m.mentee.email,
      line_items: [{ quantity: "1", price_data: { currency: "usd", unit_amount: "4500" } }],
    });
    expect(call.params.success_url).toBe(`${t.url}/bookings/${bookingId}?paid=1`);
    expect(call.params.cancel_url).toBe(`${t.url}/bookings/${bookingId}`);

    const [session] = sessionsOf(bookingId);
    expect(sessionsOf(bookingId)).toHaveLength(1);
    expect(session).toMatchObject({
      amount_total: 4500,
      currency: "usd",
      metadata: { bookingId },
      payment_status: "unpaid",
      status: "open",
    });
    expect(checkoutUrl).toBe(session!.url);
    expect(booking).toMatchObject({ status: "AWAITING_PAYMENT", checkoutUrl: session!.url, price: { amountCents: 4500, currency: "USD" } });
    expect(await t.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({
      stripeCheckoutSessionId: session!.id,
      checkoutUrl: session!.url,
    });

    // The mentee pays on Stripe; Stripe sends checkout.session.completed for that session.
    const completed = stripe.completeCheckout(session!.id);
    const forged = await stripe.deliver(webhookUrl(), completed, "whsec_not_ours");
    expect(forged.status).toBe(400);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("AWAITING_PAYMENT");

    const delivered = await stripe.deliver(webhookUrl(), completed, WEBHOOK_SECRET);
    expect(delivered.status).toBe(200);
    expect(await delivered.json()).toEqual({ received: true, outcome: "applied" });
    const paid = await latestBooking(m.mentee.id);
    expect(paid).toMatchObject({
      id: bookingId,
      status: "PENDING",
      stripeCheckoutSessionId: session!.id,
      stripePaymentIntentId: stripe.state.checkoutSessions.get(session!.id)!.payment_intent,
    });
    expect(paid.events.map((e) => [e.fromStatus, e.toStatus, e.actorKind])).toEqual([
      [null, "AWAITING_PAYMENT", "USER"],
      ["AWAITING_PAYMENT", "PENDING", "STRIPE"],
    ]);
    const view = await t.gql(OPS.booking, { id: booking.id }, m.mentor.token);
    expect(view.data.booking.status).toBe("PENDING");

    // Stripe delivers events at least once: the same event again changes nothing.
    const replay = await stripe.deliver(webhookUrl(), completed, WEBHOOK_SECRET);
    expect(await replay.json()).toEqual({ received: true, outcome: "duplicate" });
    expect((await latestBooking(m.mentee.id)).events).toHaveLength(2);
  });

  it("survives a transient Stripe error: the SDK retries under the same key and one session is created", async () => {
    stripe.failNext("POST /v1/checkout/sessions", 500);
    const { booking, checkoutUrl } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const bookingId = rawId(booking.id);
    expect(checkoutCalls(bookingId).map((r) => r.status)).toEqual([500, 200]);
    expect(sessionsOf(bookingId).map((s) => s.url)).toEqual([checkoutUrl]);
    expect(booking.status).toBe("AWAITING_PAYMENT");
  });

  it("gets the already-created session back when Stripe's response is lost, instead of creating a second", async () => {
    stripe.failNext("POST /v1/checkout/sessions", "drop", undefined, { when: "after" });
    const { booking, checkoutUrl } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const bookingId = rawId(booking.id);
    expect(checkoutCalls(bookingId).map((r) => [r.status, r.replayed])).toEqual([
      [-1, false],
      [200, true],
    ]);
    const sessions = sessionsOf(bookingId);
    expect(sessions).toHaveLength(1);
    expect(checkoutUrl).toBe(sessions[0]!.url);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).stripeCheckoutSessionId).toBe(sessions[0]!.id);
  });

  it("answers PaymentProviderError when Stripe is down, and closes the booking instead of leaving it unpayable", async () => {
    const sessionsBefore = stripe.state.checkoutSessions.size;
    const logs = captureLogs();
    stripe.failNext("POST /v1/checkout/sessions", 500, { message: "Stripe is having a bad day" }, { times: Infinity });
    const result = await t.gql(OPS.requestBooking, { sessionTypeId: m.sessionTypeId, message: "Hi" }, m.mentee.token);
    expect(result.errors).toBeUndefined();
    expect(result.data.requestBooking).toEqual({
      __typename: "PaymentProviderError",
      code: "PAYMENT_PROVIDER_UNAVAILABLE",
      message: expect.any(String),
    });
    expect(result.data.requestBooking.message).not.toMatch(/bad day|500|api_error/); // no internals

    const booking = await latestBooking(m.mentee.id);
    // Operators see why: the log names the booking and Stripe's error.
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: LEVEL.error,
        bookingId: booking.id,
        err: expect.objectContaining({ message: expect.stringContaining("bad day") }),
      }),
    );
    // The SDK tried three times (its two retries), always with the booking's own key.
    expect(checkoutCalls(booking.id).map((r) => r.status)).toEqual([500, 500, 500]);
    expect(stripe.state.checkoutSessions.size).toBe(sessionsBefore);
    expect(booking).toMatchObject({ status: "EXPIRED", stripeCheckoutSessionId: null, checkoutUrl: null });
    expect(booking.expiredAt).not.toBeNull();
    expect(booking.events.map((e) => [e.fromStatus, e.toStatus, e.actorKind, e.note])).toEqual([
      [null, "AWAITING_PAYMENT", "USER", null],
      ["AWAITING_PAYMENT", "EXPIRED", "SYSTEM", "Checkout could not be created"],
    ]);

    // Once Stripe is back, booking again works.
    stripe.clearFailures();
    const again = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    expect(sessionsOf(rawId(again.booking.id))).toHaveLength(1);
  });

  it("answers PaymentProviderError when Stripe refuses the request, without retrying it", async () => {
    stripe.failNext("POST /v1/checkout/sessions", 400, { type: "invalid_request_error", message: "Invalid currency" });
    const result = await t.gql(OPS.requestBooking, { sessionTypeId: m.sessionTypeId, message: "Hi" }, m.mentee.token);
    expect(result.errors).toBeUndefined();
    expect(result.data.requestBooking.__typename).toBe("PaymentProviderError");
    const booking = await latestBooking(m.mentee.id);
    expect(checkoutCalls(booking.id).map((r) => r.status)).toEqual([400]);
    expect(booking.status).toBe("EXPIRED");
  });
});

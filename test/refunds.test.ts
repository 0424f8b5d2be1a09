// Refunds through the official Stripe SDK against the Stripe stand-in: decided in the
// transaction of the decline / cancel / late payment, made after commit with the key
// refund:<bookingId>, retried after transient failures, confirmed by webhooks, posted to the
// ledger exactly once.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { connected, sleep, subscribe, WEBHOOK_SECRET, type TestApp, startStripeApp } from "./support/harness.ts";
import { OPS, marketplace, rawId, requestBooking, signUp } from "./support/fixtures.ts";
import type { StripeStandIn } from "./support/stripe-stand-in.ts";
import { ledgerKinds } from "./support/money-checks.ts";
import { accountBalance, auditLedger, PLATFORM_ACCOUNTS } from "../server/ledger/ledger.ts";
import { retryRefundsTask } from "../server/bookings/booking-jobs.ts";
import { REFUND_WAIT_MS } from "../server/bookings/booking-commands.ts";
import { captureLogs, LEVEL } from "./support/logs.ts";
import { checkoutSessionOf } from "./support/completion-fixtures.ts";

let stripe: StripeStandIn;
let t: TestApp;
let stop: () => Promise<void>;

beforeAll(async () => {
  // The tests run the retry task themselves (startStripeApp leaves the scheduler off).
  ({ stripe, t, stop } = await startStripeApp());
});
afterAll(() => stop?.());
beforeEach(() => stripe.clearFailures());
afterEach(() => vi.restoreAllMocks());

type Market = Awaited<ReturnType<typeof marketplace>>;

const REFUND_FIELDS = `refund { status reason amount { amountCents currency formatted } createdAt succeededAt failureReason }`;
const BOOKING_WITH_REFUND = `query($id: ID!) { booking(id: $id) { id status viewerCan ${REFUND_FIELDS} } }`;
const DECLINE = `mutation($id: ID!, $reason: String) { declineBooking(id: $id, reason: $reason) { __typename
  ... on DeclineBookingSuccess { booking { id status ${REFUND_FIELDS} } } ... on Error { message code } ... on InvalidTransitionError { currentStatus } } }`;
const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { __typename
  ... on CancelBookingSuccess { booking { id status ${REFUND_FIELDS} } } ... on Error { message code } ... on InvalidTransitionError { currentStatus } } }`;

const webhookUrl = () => `${t.url}/webhooks/stripe`;
const deliver = async (event: object) => {
  const response = await stripe.deliver(webhookUrl(), event, WEBHOOK_SECRET);
  expect(response.status).toBe(200);
  return ((await response.json()) as { outcome: string }).outcome;
};
const sessionOf = (bookingId: string) => checkoutSessionOf(stripe, bookingId);
const refundCalls = (bookingId: string) =>
  stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds" && r.idempotencyKey === `refund:${bookingId}`);
const stripeRefundsOf = (paymentIntentId: string) => [...stripe.state.refunds.values()].filter((r) => r.payment_intent === paymentIntentId);
const held = () => accountBalance(t.db, PLATFORM_ACCOUNTS.heldPayments);
/**
 * Requests a booking and pays its Checkout Session on the stand-in, captured at checkout (a session
 * created before manual capture: its decline, cancel or expiry is refunded); returns ids and the payment intent.
 */
async function paidOnStripe(m: Market) {
  const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
  const id = rawId(booking.id);
  const completed = stripe.completeCheckout(sessionOf(id).id, { capture: "automatic" });
  expect(await deliver(completed)).toBe("applied");
  const paymentIntentId = sessionOf(id).payment_intent as string;
  return { globalId: booking.id as string, id, paymentIntentId, completed };
}

async function expectLedgerSound() {
  const audit = await auditLedger(t.db);
  expect(audit.debitsMinusCredits).toBe(0);
  for (const account of audit.accounts) expect(account.balanceCents).toBe(account.fromEntriesCents);
}

/** Makes the booking's pending refund due now, as if its backoff had passed. */
const makeDue = (bookingId: string) => t.db.refund.update({ where: { bookingId }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
const runRetryTask = () => retryRefundsTask.run(t.app.services, () => undefined);

describe("refunds", () => {
  it("decline refunds the payment in full once: one Stripe refund under refund:<bookingId>, ledger REFUND once", async () => {
    const m = await marketplace(t, 4200);
    const heldBefore = await held();
    const { globalId, id, paymentIntentId } = await paidOnStripe(m);
    expect(await held()).toBe(heldBefore + 4200);

    const result = await t.gql(DECLINE, { id: globalId, reason: "Travelling" }, m.mentor.token);
    expect(result.data.declineBooking).toMatchObject({
      __typename: "DeclineBookingSuccess",
      booking: {
        status: "DECLINED",
        refund: {
          status: "SUCCEEDED",
          reason: "DECLINED",
          amount: { amountCents: 4200, currency: "USD", formatted: "$42.00" },
          failureReason: null,
        },
      },
    });
    expect(result.data.declineBooking.booking.refund.succeededAt).not.toBeNull();

    const calls = refundCalls(id);
    expect(calls).toHaveLength(1);
    const refundRow = await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } });
    expect(calls[0]!.params).toEqual({
      payment_intent: paymentIntentId,
      amount: "4200",
      metadata: { bookingId: id, refundId: refundRow.id },
    });
    const [stripeRefund] = stripeRefundsOf(paymentIntentId);
    expect(stripeRefundsOf(paymentIntentId)).toHaveLength(1);
    expect(refundRow).toMatchObject({
      status: "SUCCEEDED",
      stripeRefundId: stripeRefund!.id,
      attempts: 1,
      amountCents: 4200,
      paymentIntentId,
    });

    expect(await ledgerKinds(t.db, id)).toEqual(["PAYMENT", "REFUND"]); // no fee, no MENTOR_EARNING
    expect(await held()).toBe(heldBefore);
    await expectLedgerSound();

    // The mentee and the mentor see it; nobody else does.
    for (const token of [m.mentee.token, m.mentor.token]) {
      const seen = await t.gql(BOOKING_WITH_REFUND, { id: globalId }, token);
      expect(seen.data.booking.refund).toMatchObject({ status: "SUCCEEDED", reason: "DECLINED" });
    }
    const stranger = await signUp(t, "MENTEE");
    expect((await t.gql(BOOKING_WITH_REFUND, { id: globalId }, stranger.token)).data.booking).toBeNull();

    // The mentee's email says the money goes back.
    const email = await t.db.emailMessage.findUniqueOrThrow({ where: { dedupeKey: `bookingDeclined:${id}` } });
    expect(email.to).toBe(m.mentee.email);
    expect(email.textBody).toContain("refunding your payment of $42.00 in full");

    // Stripe's refund events for it, once or twice, change nothing more.
    expect(await deliver(stripe.event("refund.created", stripeRefund!))).toBe("duplicate");
    expect(await deliver(stripe.event("refund.updated", stripeRefund!))).toBe("duplicate");
    expect(
      await deliver(
        stripe.event("charge.refunded", {
          id: stripeRefund!.charge,
          object: "charge",
          payment_intent: paymentIntentId,
          refunded: true,
          amount_refunded: 4200,
        }),
      ),
    ).toBe("duplicate");
    expect(await ledgerKinds(t.db, id)).toEqual(["PAYMENT", "REFUND"]);
    expect(await held()).toBe(heldBefore);
  });

  it("keeps the refund PENDING while Stripe fails, and the retry task makes it once Stripe is back", async () => {
    const m = await marketplace(t, 3000);
    const { globalId, id, paymentIntentId } = await paidOnStripe(m);
    const heldPaid = await held();
    // The SDK retries twice itself: three 500s in a row fail the attempt.
    stripe.failNext("POST /v1/refunds", 500, { message: "Stripe is having a bad day" }, { times: 3 });
    const result = await t.gql(DECLINE, { id: globalId }, m.mentor.token);
    expect(result.data.declineBooking.booking).toMatchObject({ status: "DECLINED", refund: { status: "PENDING", succeededAt: null } });
    expect(refundCalls(id).map((r) => r.status)).toEqual([500, 500, 500]);
    const pending = await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } });
    expect(pending).toMatchObject({ status: "PENDING", attempts: 1, stripeRefundId: null });
    expect(pending.lastError).toContain("bad day");
    expect(pending.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(await ledgerKinds(t.db, id)).toEqual(["PAYMENT"]);
    expect(await held()).toBe(heldPaid);

    // Not due yet: the task leaves it alone.
    expect((await runRetryTask()).summary).toContain("0 succeeded");
    expect(refundCalls(id)).toHaveLength(3);

    // The mentee follows the booking live and sees the refund go through.
    const ws = t.ws(m.mentee.token);
    await connected(ws);
    const feed = subscribe(ws, `subscription($id: ID) { bookingChanged(id: $id) { status refund { status } } }`, { id: globalId });
    await new Promise((resolve) => setTimeout(resolve, 150)); // let the subscription register

    await makeDue(id);
    const report = await runRetryTask();
    expect(report.summary).toMatch(/1 succeeded/);
    expect((await feed.next(1))[0]!.data).toEqual({ bookingChanged: { status: "DECLINED", refund: { status: "SUCCEEDED" } } });
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } })).toMatchObject({
      status: "SUCCEEDED",
      attempts: 2,
      lastError: null,
    });
    expect(stripeRefundsOf(paymentIntentId)).toHaveLength(1);
    expect(await ledgerKinds(t.db, id)).toEqual(["PAYMENT", "REFUND"]);
    expect(await held()).toBe(heldPaid - 3000);
    await expectLedgerSound();
  });

  it("refunds once when Stripe's answers are lost: the retry gets the same refund back under its key", async () => {
    const m = await marketplace(t, 2500);
    const { globalId, id, paymentIntentId } = await paidOnStripe(m);
    // Processed by Stripe, answer lost, for the attempt and both of the SDK's retries.
    stripe.failNext("POST /v1/refunds", "drop", undefined, { when: "after", times: 3 });
    const result = await t.gql(DECLINE, { id: globalId }, m.mentor.token);
    expect(result.data.declineBooking.booking.refund.status).toBe("PENDING");
    expect(stripeRefundsOf(paymentIntentId)).toHaveLength(1); // Stripe did refund
    expect(await ledgerKinds(t.db, id)).toEqual(["PAYMENT"]);

    // Two overlapping retry runs: one makes the call, the other finds it claimed.
    await makeDue(id);
    await Promise.all([runRetryTask(), runRetryTask()]);
    expect(
      refundCalls(id)
        .filter((r) => r.status === 200)
        .map((r) => r.replayed),
    ).toEqual([true]);
    expect(stripeRefundsOf(paymentIntentId)).toHaveLength(1);
    const done = await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } });
    expect(done).toMatchObject({ status: "SUCCEEDED", stripeRefundId: stripeRefundsOf(paymentIntentId)[0]!.id });
    expect(await ledgerKinds(t.db, id)).toEqual(["PAYMENT", "REFUND"]);
    await expectLedgerSound();
  });

  it("posts the refund once when Stripe's webhook confirms it before our own call returns", async () => {
    const m = await marketplace(t, 2700);
    const { globalId, id, paymentIntentId } = await paidOnStripe(m);
    const heldPaid = await held();
    const gateway = t.app.services.payments;
    const original = gateway.refund.bind(gateway);
    const outcomes: string[] = [];
    vi.spyOn(gateway, "refund").mockImplementation(async (request) => {
      const made = await original(request);
      // Stripe's refund.updated overtakes the API response.
      outcomes.push(await deliver(stripe.event("refund.updated", stripe.state.refunds.get(made.id)!)));
      return made;
    });
    const result = await t.gql(DECLINE, { id: globalId }, m.mentor.token);
    expect(outcomes).toEqual(["applied"]);
    expect(result.data.declineBooking.booking.refund.status).toBe("SUCCEEDED");
    expect(stripeRefundsOf(paymentIntentId)).toHaveLength(1);
    expect(await t.db.ledgerTransaction.count({ where: { bookingId: id, kind: "REFUND" } })).toBe(1);
    expect(await held()).toBe(heldPaid - 2700);
    await expectLedgerSound();
  });

  it("marks a refund Stripe refuses for good FAILED, loudly, without touching the ledger; already refunded counts as done", async () => {
    const logs = captureLogs();
    const m = await marketplace(t, 2000);
    const refused = await paidOnStripe(m);
    stripe.failNext("POST /v1/refunds", 400, {
      type: "invalid_request_error",
      code: "charge_disputed",
      message: "This charge is disputed",
    });
    const result = await t.gql(DECLINE, { id: refused.globalId }, m.mentor.token);
    expect(result.data.declineBooking.booking.refund).toMatchObject({ status: "FAILED", failureReason: "This charge is disputed" });
    expect(refundCalls(refused.id)).toHaveLength(1); // a 4xx is not retried
    expect(await ledgerKinds(t.db, refused.id)).toEqual(["PAYMENT"]);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: LEVEL.alert, bookingId: refused.id, msg: expect.stringContaining("REFUND FAILED") }),
    );
    await makeDue(refused.id);
    await runRetryTask();
    expect(refundCalls(refused.id)).toHaveLength(1); // FAILED is never retried

    const already = await paidOnStripe(m);
    stripe.failNext("POST /v1/refunds", 400, {
      type: "invalid_request_error",
      code: "charge_already_refunded",
      message: "Charge has already been refunded.",
    });
    const second = await t.gql(DECLINE, { id: already.globalId }, m.mentor.token);
    expect(second.data.declineBooking.booking.refund.status).toBe("SUCCEEDED");
    expect(await ledgerKinds(t.db, already.id)).toEqual(["PAYMENT", "REFUND"]);
    await expectLedgerSound();
  });

  it("keeps a refund PENDING when the platform's Stripe key is refused, and makes it once the key works", async () => {
    const m = await marketplace(t, 2200);
    const paid = await paidOnStripe(m);
    stripe.failNext("POST /v1/refunds", 401, { type: "invalid_request_error", message: "Invalid API Key provided" });
    const result = await t.gql(DECLINE, { id: paid.globalId }, m.mentor.token);
    expect(result.data.declineBooking.booking.refund).toMatchObject({ status: "PENDING", failureReason: null });
    expect(await ledgerKinds(t.db, paid.id)).toEqual(["PAYMENT"]);
    await makeDue(paid.id);
    await runRetryTask();
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: paid.id } })).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
    expect(stripeRefundsOf(paid.paymentIntentId)).toHaveLength(1);
    expect(await ledgerKinds(t.db, paid.id)).toEqual(["PAYMENT", "REFUND"]);
  });

  it("answers a decline without waiting on a Stripe that hangs; the refund lands afterwards, live", async () => {
    const m = await marketplace(t, 2600);
    const { globalId, id, paymentIntentId } = await paidOnStripe(m);
    const ws = t.ws(m.mentee.token);
    await connected(ws);
    const feed = subscribe(ws, `subscription($id: ID) { bookingChanged(id: $id) { id refund { status } } }`, { id: globalId });
    await sleep(100);
    const release = stripe.holdNext("POST /v1/refunds");

    const started = Date.now();
    const result = await t.gql(DECLINE, { id: globalId }, m.mentor.token);
    const took = Date.now() - started;
    expect(result.data.declineBooking.booking).toMatchObject({ status: "DECLINED", refund: { status: "PENDING" } });
    expect(took).toBeGreaterThanOrEqual(REFUND_WAIT_MS - 50);
    expect(took).toBeLessThan(REFUND_WAIT_MS + 8_000); // Stripe holds it until released (and the SDK would wait 15 s)
    expect(refundCalls(id)).toHaveLength(1); // sent, and still waiting for Stripe

    release();
    await t.app.services.settled();
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } })).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
    expect(stripeRefundsOf(paymentIntentId)).toHaveLength(1);
    const events = await feed.next(2);
    expect(events.map((e) => (e.data as any).bookingChanged.refund?.status).at(-1)).toBe("SUCCEEDED");
    await expectLedgerSound();
  });

  it("cancelling a PENDING booking refunds it in full and tells both sides", async () => {
    const m = await marketplace(t, 3900);
    const heldBefore = await held();
    const { globalId, id, paymentIntentId } = await paidOnStripe(m);
    const view = await t.gql(BOOKING_WITH_REFUND, { id: globalId }, m.mentee.token);
    expect(view.data.booking).toMatchObject({ status: "PENDING", viewerCan: ["CANCEL"], refund: null });

    const result = await t.gql(CANCEL, { id: globalId }, m.mentee.token);
    expect(result.data.cancelBooking.booking).toMatchObject({
      status: "CANCELLED",
      refund: { status: "SUCCEEDED", reason: "CANCELLED", amount: { amountCents: 3900 } },
    });
    expect(refundCalls(id)).toHaveLength(1);
    expect(stripeRefundsOf(paymentIntentId)).toHaveLength(1);
    expect(await ledgerKinds(t.db, id)).toEqual(["PAYMENT", "REFUND"]);
    expect(await held()).toBe(heldBefore);
    const emails = await t.db.emailMessage.findMany({ where: { dedupeKey: { endsWith: id } }, orderBy: { createdAt: "asc" } });
    expect(emails.map((e) => [e.tag, e.to])).toEqual([
      ["booking-paid", m.mentor.email],
      ["booking-cancelled-mentor", m.mentor.email],
      ["booking-cancelled", m.mentee.email],
    ]);
    expect(emails[2]!.textBody).toContain("refunding your payment of $39.00 in full");
    // Checkout of a paid booking is complete: nothing to expire.
    expect(stripe.requests.filter((r) => r.path.endsWith("/expire") && r.path.includes(sessionOf(id).id))).toHaveLength(0);
  });

  it("cancelling an unpaid booking expires its Checkout Session so it cannot be paid", async () => {
    const m = await marketplace(t, 1500);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const id = rawId(booking.id);
    const result = await t.gql(CANCEL, { id: booking.id }, m.mentee.token);
    expect(result.data.cancelBooking.booking).toMatchObject({ status: "CANCELLED", refund: null });
    const session = sessionOf(id);
    expect(session.status).toBe("expired");
    expect(
      stripe.requests.filter((r) => r.method === "POST" && r.path === `/v1/checkout/sessions/${session.id}/expire`).map((r) => r.status),
    ).toEqual([200]);
    expect(() => stripe.completeCheckout(session.id)).toThrow(/expired/);
    expect(refundCalls(id)).toHaveLength(0);
    expect(await t.db.refund.count({ where: { bookingId: id } })).toBe(0);
    const email = await t.db.emailMessage.findUniqueOrThrow({ where: { dedupeKey: `bookingCancelled:${id}` } });
    expect([email.to, email.textBody.includes("You were not charged")]).toEqual([m.mentee.email, true]);
    // Stripe then reports the session expired: nothing changes.
    expect(await deliver(stripe.event("checkout.session.expired", session))).toBe("duplicate");
    expect((await t.db.booking.findUniqueOrThrow({ where: { id } })).status).toBe("CANCELLED");
  });

  it("refunds a payment that arrives for a cancelled booking, once, however often the event comes", async () => {
    const m = await marketplace(t, 2200);
    const heldBefore = await held();
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const id = rawId(booking.id);
    // The mentee pays on Stripe at the moment they cancel here: expiring the session fails.
    const completed = stripe.completeCheckout(sessionOf(id).id, { capture: "automatic" });
    const cancelled = await t.gql(CANCEL, { id: booking.id }, m.mentee.token);
    expect(cancelled.data.cancelBooking.booking.status).toBe("CANCELLED");
    expect(stripe.requests.filter((r) => r.path === `/v1/checkout/sessions/${sessionOf(id).id}/expire`).map((r) => r.status)).toEqual([
      400,
    ]);

    expect(await deliver(completed)).toBe("applied");
    const paymentIntentId = sessionOf(id).payment_intent as string;
    const refund = await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } });
    expect(refund).toMatchObject({ reason: "LATE_PAYMENT", status: "SUCCEEDED", amountCents: 2200, paymentIntentId });
    expect(stripeRefundsOf(paymentIntentId)).toHaveLength(1);
    expect(await ledgerKinds(t.db, id)).toEqual(["PAYMENT", "REFUND"]);
    expect(await held()).toBe(heldBefore);

    // The same event (also concurrently) and another event for the same payment: nothing more.
    const again = await Promise.all([deliver(completed), deliver(completed), deliver({ ...completed, id: `${completed.id}_other` })]);
    expect(again).toEqual(["duplicate", "duplicate", "duplicate"]);
    expect(await t.db.refund.count({ where: { bookingId: id } })).toBe(1);
    expect(refundCalls(id)).toHaveLength(1);
    expect(stripeRefundsOf(paymentIntentId)).toHaveLength(1);
    expect(await ledgerKinds(t.db, id)).toEqual(["PAYMENT", "REFUND"]);
    const after = await t.db.booking.findUniqueOrThrow({ where: { id } });
    expect([after.status, after.paidAt]).toEqual(["CANCELLED", null]); // still not the mentor's to see
    await expectLedgerSound();
  });

  it("expires an unpaid booking when Stripe expires its Checkout Session, and never a paid one", async () => {
    const m = await marketplace(t, 1800);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const id = rawId(booking.id);
    const expired = stripe.expireCheckout(sessionOf(id).id);
    expect(await deliver(expired)).toBe("applied");
    expect(await deliver(expired)).toBe("duplicate");
    const row = await t.db.booking.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { sequence: "asc" } } } });
    expect(row.status).toBe("EXPIRED");
    expect(row.events.map((e) => [e.fromStatus, e.toStatus, e.actorKind])).toEqual([
      [null, "AWAITING_PAYMENT", "USER"],
      ["AWAITING_PAYMENT", "EXPIRED", "STRIPE"],
    ]);
    expect(await t.db.processedWebhookEvent.count({ where: { id: expired.id } })).toBe(1);

    // A (forged-order) expiry event for a paid booking changes nothing.
    const paid = await paidOnStripe(m);
    const late = stripe.event("checkout.session.expired", { ...sessionOf(paid.id), status: "expired" });
    expect(await deliver(late)).toBe("duplicate");
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: paid.id } })).status).toBe("PENDING");
  });

  it("refuses cancel and decline from the wrong user or state, changing nothing", async () => {
    const m = await marketplace(t, 1600);
    const stranger = await signUp(t, "MENTEE");
    const paid = await paidOnStripe(m);
    const confirmedBooking = await paidOnStripe(m);
    expect((await t.gql(OPS.confirmBooking, { id: confirmedBooking.globalId }, m.mentor.token)).data.confirmBooking.__typename).toBe(
      "ConfirmBookingSuccess",
    );

    const snapshot = async () => ({
      bookings: await t.db.booking.findMany({
        where: { id: { in: [paid.id, confirmedBooking.id] } },
        select: { id: true, status: true, updatedAt: true },
        orderBy: { id: "asc" },
      }),
      refunds: await t.db.refund.count(),
      ledger: await t.db.ledgerTransaction.count(),
      emails: await t.db.emailMessage.count(),
      stripeCalls: stripe.requests.length,
    });
    const before = await snapshot();
    const cases: [string, string | undefined, string, string][] = [
      // The mentor answers a pending request by declining it; only a confirmed booking is theirs to cancel.
      [CANCEL, m.mentor.token, paid.globalId, "InvalidTransitionError"],
      [CANCEL, stranger.token, paid.globalId, "NotFoundError"],
      [CANCEL, undefined, paid.globalId, "NotAuthenticatedError"],
      [DECLINE, m.mentee.token, paid.globalId, "NotAuthorizedError"],
      [DECLINE, m.mentor.token, confirmedBooking.globalId, "InvalidTransitionError"],
    ];
    for (const [op, token, id, typename] of cases) {
      const result = await t.gql(op, { id }, token);
      expect(result.errors).toBeUndefined();
      expect((Object.values(result.data)[0] as { __typename: string }).__typename).toBe(typename);
    }
    expect(await snapshot()).toEqual(before);
  });
});

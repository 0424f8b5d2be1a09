// Money that must never be dropped or misreported, against the Stripe stand-in through the
// official SDK: a payment of another amount or currency than the price (recorded and refunded),
// partial transfer reversals (exactly the reversed cents back on the balance), a reversal that
// lands while the payout is still PENDING (the run's summary), and refunds Stripe reports as
// pending (polled until final). Every event is delivered twice and concurrently; every test ends
// with the ledger audited: balanced, running balances equal to the entries, none below zero.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { WEBHOOK_SECRET, type TestApp, startStripeApp } from "./support/harness.ts";
import { marketplace, rawId, requestBooking, signUp } from "./support/fixtures.ts";
import type { StripeStandIn } from "./support/stripe-stand-in.ts";
import { connectMentor, creditEarning } from "./support/payout-fixtures.ts";
import { accountBalance, auditLedger, mentorAccount, PLATFORM_ACCOUNTS } from "../server/ledger/ledger.ts";
import { retryRefundsTask } from "../server/bookings/booking-jobs.ts";
import { REFUND_MAX_ATTEMPTS } from "../server/refunds/refunds.ts";
import { runPayoutCycle } from "../server/payouts/cycle.ts";
import { paidOutCents } from "../server/payouts/earnings.ts";
import { captureLogs, LEVEL } from "./support/logs.ts";
import { checkoutSessionOf } from "./support/completion-fixtures.ts";

let stripe: StripeStandIn;
let t: TestApp;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ stripe, t, stop } = await startStripeApp());
});
afterAll(() => stop?.());
beforeEach(() => {
  stripe.clearFailures();
  stripe.state.newRefundStatus = "succeeded";
});
afterEach(() => vi.restoreAllMocks());

const deliver = async (event: object) => {
  const response = await stripe.deliver(`${t.url}/webhooks/stripe`, event, WEBHOOK_SECRET);
  expect(response.status).toBe(200);
  return ((await response.json()) as { outcome: string }).outcome;
};
const sessionOf = (bookingId: string) => checkoutSessionOf(stripe, bookingId);
const stripeRefundsOf = (paymentIntentId: string) => [...stripe.state.refunds.values()].filter((r) => r.payment_intent === paymentIntentId);
const ledgerOf = async (where: { bookingId?: string; payoutId?: string }) =>
  (await t.db.ledgerTransaction.findMany({ where, include: { entries: true }, orderBy: { createdAt: "asc" } })).map((tx) => ({
    kind: tx.kind,
    currency: tx.currency,
    cents: tx.entries.filter((e) => e.side === "DEBIT").reduce((sum, e) => sum + e.amountCents, 0),
  }));
const held = () => accountBalance(t.db, PLATFORM_ACCOUNTS.heldPayments);
const stripeBalance = () => accountBalance(t.db, PLATFORM_ACCOUNTS.stripeBalance);
const runRetryTask = () => retryRefundsTask.run(t.app.services, () => undefined);
const makeDue = (bookingId: string) => t.db.refund.update({ where: { bookingId }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });

async function expectLedgerSound() {
  const audit = await auditLedger(t.db);
  expect(audit.debitsMinusCredits).toBe(0);
  for (const account of audit.accounts) {
    expect(account.balanceCents, account.code).toBe(account.fromEntriesCents);
    expect(account.balanceCents, account.code).toBeGreaterThanOrEqual(0);
  }
}

const ADMIN_BOOKING = `query($id: ID!) { booking(id: $id) { id status refund { status reason amount { amountCents currency } } } }`;

describe("a payment of another amount or currency than the price", () => {
  it("is recorded as received and refunded in full (AMOUNT_MISMATCH), once, however often and concurrently the event comes", async () => {
    const m = await marketplace(t, 4000);
    const [heldBefore, balanceBefore] = [await held(), await stripeBalance()];
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const id = rawId(booking.id);
    const completed = stripe.completeCheckout(sessionOf(id).id, { amount: 3500, capture: "automatic" });
    const paymentIntentId = sessionOf(id).payment_intent as string;

    const outcomes = await Promise.all([deliver(completed), deliver(completed), deliver({ ...completed, id: `${completed.id}_again` })]);
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(2);
    expect(await deliver(completed)).toBe("duplicate");

    const refund = await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } });
    expect(refund).toMatchObject({ reason: "AMOUNT_MISMATCH", status: "SUCCEEDED", amountCents: 3500, currency: "usd", paymentIntentId });
    expect(stripeRefundsOf(paymentIntentId).map((r) => r.amount)).toEqual([3500]);
    expect(await ledgerOf({ bookingId: id })).toEqual([
      { kind: "PAYMENT", currency: "usd", cents: 3500 },
      { kind: "REFUND", currency: "usd", cents: 3500 },
    ]);
    expect(await held()).toBe(heldBefore);
    expect(await stripeBalance()).toBe(balanceBefore);
    // The booking was not paid by it: not the mentor's to see, never confirmable.
    const after = await t.db.booking.findUniqueOrThrow({ where: { id } });
    expect([after.status, after.paidAt]).toEqual(["AWAITING_PAYMENT", null]);

    // An admin sees why.
    const seen = await t.gql(ADMIN_BOOKING, { id: booking.id }, m.admin.token);
    expect(seen.data.booking.refund).toEqual({
      status: "SUCCEEDED",
      reason: "AMOUNT_MISMATCH",
      amount: { amountCents: 3500, currency: "USD" },
    });
    await expectLedgerSound();
  });

  it("refunds another currency in that currency, and a mismatched payment for a cancelled booking too", async () => {
    const m = await marketplace(t, 2500);
    const heldBefore = await held();
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const id = rawId(booking.id);
    const completed = stripe.completeCheckout(sessionOf(id).id, { currency: "eur", capture: "automatic" });
    expect(await deliver(completed)).toBe("applied");
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } })).toMatchObject({
      reason: "AMOUNT_MISMATCH",
      status: "SUCCEEDED",
      amountCents: 2500,
      currency: "eur",
    });
    expect(await ledgerOf({ bookingId: id })).toEqual([
      { kind: "PAYMENT", currency: "eur", cents: 2500 },
      { kind: "REFUND", currency: "eur", cents: 2500 },
    ]);

    const other = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const otherId = rawId(other.booking.id);
    const late = stripe.completeCheckout(sessionOf(otherId).id, { amount: 2600, capture: "automatic" });
    const cancelled = await t.gql(`mutation($id: ID!) { cancelBooking(id: $id) { __typename } }`, { id: other.booking.id }, m.mentee.token);
    expect(cancelled.data.cancelBooking.__typename).toBe("CancelBookingSuccess");
    expect(await Promise.all([deliver(late), deliver(late)])).toEqual(expect.arrayContaining(["applied", "duplicate"]));
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: otherId } })).toMatchObject({
      reason: "AMOUNT_MISMATCH",
      status: "SUCCEEDED",
      amountCents: 2600,
    });
    expect(await ledgerOf({ bookingId: otherId })).toEqual([
      { kind: "PAYMENT", currency: "usd", cents: 2600 },
      { kind: "REFUND", currency: "usd", cents: 2600 },
    ]);
    expect(await held()).toBe(heldBefore);
    await expectLedgerSound();
  });
});

describe("partial transfer reversals", () => {
  async function paidPayout(cents: number) {
    const account = await signUp(t, "MENTOR");
    const mentor = { ...account, id: rawId(account.id) };
    await creditEarning(t.db, mentor.id, cents);
    await connectMentor(t, stripe, mentor.id);
    await runPayoutCycle(t.app.services);
    const payout = await t.db.payout.findFirstOrThrow({ where: { mentorId: mentor.id } });
    expect(payout).toMatchObject({ status: "PAID", amountCents: cents });
    return { mentor, payout };
  }
  const PAYOUTS = `query { earnings { balance { amountCents } paidOut { amountCents } payouts(first: 5) { edges { node { status amount { amountCents } reversedAmount { amountCents } } } } } }`;

  it("puts exactly the reversed cents back, once per step, in any order; a full reversal then returns only the rest", async () => {
    const { mentor, payout } = await paidPayout(4000);
    const balance = () => accountBalance(t.db, mentorAccount(mentor.id));
    expect(await balance()).toBe(0);

    const logs = captureLogs();
    const first = stripe.reverseTransfer(payout.stripeTransferId!, 1000); // amount_reversed 1000
    const firstUpdated = stripe.event("transfer.updated", first.data.object as never);
    const outcomes = await Promise.all([deliver(first), deliver(first), deliver(firstUpdated)]);
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    // Logged once, after it committed, with the payout's id as a field.
    expect(logs.lines.filter((line) => line.payoutId === payout.id)).toEqual([
      expect.objectContaining({ level: LEVEL.warn, reversedCents: 1000, amountCents: 4000, backOnBalanceCents: 1000 }),
    ]);
    expect(await balance()).toBe(1000);
    expect(await t.db.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({ status: "PAID", reversedCents: 1000 });
    expect(await paidOutCents(t.db, mentor.id)).toBe(3000);
    const seen = await t.gql(PAYOUTS, {}, mentor.token);
    expect(seen.data.earnings).toEqual({
      balance: { amountCents: 1000 },
      paidOut: { amountCents: 3000 },
      payouts: { edges: [{ node: { status: "PAID", amount: { amountCents: 4000 }, reversedAmount: { amountCents: 1000 } } }] },
    });

    const second = stripe.reverseTransfer(payout.stripeTransferId!, 500); // amount_reversed 1500
    expect(await deliver(second)).toBe("applied");
    expect(await deliver(first)).toBe("duplicate"); // older news, delivered late
    expect(await balance()).toBe(1500);

    const full = stripe.reverseTransfer(payout.stripeTransferId!, 2500); // reversed in full
    expect(await Promise.all([deliver(full), deliver(full)])).toEqual(expect.arrayContaining(["applied", "duplicate"]));
    expect(await deliver(second)).toBe("duplicate");
    expect(await balance()).toBe(4000);
    expect(await t.db.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({ status: "FAILED", reversedCents: 4000 });
    expect(await paidOutCents(t.db, mentor.id)).toBe(0);
    expect((await t.gql(PAYOUTS, {}, mentor.token)).data.earnings).toEqual({
      balance: { amountCents: 4000 },
      paidOut: { amountCents: 0 },
      payouts: { edges: [{ node: { status: "FAILED", amount: { amountCents: 4000 }, reversedAmount: { amountCents: 4000 } } }] },
    });
    expect(await ledgerOf({ payoutId: payout.id })).toEqual([
      { kind: "PAYOUT", currency: "usd", cents: 4000 },
      { kind: "PAYOUT_REVERSAL", currency: "usd", cents: 1000 },
      { kind: "PAYOUT_REVERSAL", currency: "usd", cents: 500 },
      { kind: "PAYOUT_REVERSAL", currency: "usd", cents: 2500 },
    ]);
    await expectLedgerSound();

    // The next cycle pays the restored balance once.
    await runPayoutCycle(t.app.services);
    expect(await balance()).toBe(0);
    expect(await t.db.payout.count({ where: { mentorId: mentor.id, status: "PAID" } })).toBe(1);
    await expectLedgerSound();
  });

  it("a partial reversal that arrives after a full one changes nothing", async () => {
    const { mentor, payout } = await paidPayout(2000);
    const partial = stripe.reverseTransfer(payout.stripeTransferId!, 700);
    const full = stripe.reverseTransfer(payout.stripeTransferId!, 1300);
    expect(await deliver(full)).toBe("applied");
    expect(await deliver(partial)).toBe("duplicate");
    expect(await accountBalance(t.db, mentorAccount(mentor.id))).toBe(2000);
    expect(await t.db.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({ status: "FAILED", reversedCents: 2000 });
    expect(await ledgerOf({ payoutId: payout.id })).toEqual([
      { kind: "PAYOUT", currency: "usd", cents: 2000 },
      { kind: "PAYOUT_REVERSAL", currency: "usd", cents: 2000 },
    ]);
    await expectLedgerSound();
  });
});

describe("a payout run's summary", () => {
  it("counts a payout reversed while still PENDING as failed, not paid", async () => {
    await runPayoutCycle(t.app.services); // pays what earlier tests left, so this run has one payout
    const mentor = { id: rawId((await signUp(t, "MENTOR")).id) };
    await creditEarning(t.db, mentor.id, 3300);
    await connectMentor(t, stripe, mentor.id);
    const summary = await runPayoutCycle(t.app.services, {
      // Stripe accepted the transfer; before the run records it, the reversal webhook arrives.
      afterTransfer: async (payout) => {
        if (payout.mentorId !== mentor.id) return;
        const transfer = [...stripe.state.transfers.values()].find((tr) => tr.metadata.payoutId === payout.id)!;
        expect(await deliver(stripe.reverseTransfer(transfer.id, transfer.amount))).toBe("applied");
      },
    });
    const payout = await t.db.payout.findFirstOrThrow({ where: { mentorId: mentor.id } });
    expect(payout.status).toBe("FAILED");
    expect(summary).toMatchObject({ paid: 0, failed: 1, pending: 0, totalCents: 0 });
    expect(await accountBalance(t.db, mentorAccount(mentor.id))).toBe(3300);
    expect(await t.db.emailMessage.count({ where: { dedupeKey: `payout-processed:${payout.id}` } })).toBe(0);
    await expectLedgerSound();
  });
});

describe("refunds Stripe reports as pending", () => {
  async function declinedPendingRefund(priceCents: number) {
    stripe.state.newRefundStatus = "pending";
    const m = await marketplace(t, priceCents);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const id = rawId(booking.id);
    expect(await deliver(stripe.completeCheckout(sessionOf(id).id, { capture: "automatic" }))).toBe("applied");
    const declined = await t.gql(`mutation($id: ID!) { declineBooking(id: $id) { __typename } }`, { id: booking.id }, m.mentor.token);
    expect(declined.data.declineBooking.__typename).toBe("DeclineBookingSuccess");
    const refund = await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } });
    expect(refund.status).toBe("PENDING");
    expect(refund.stripeRefundId).not.toBeNull();
    return { id, refund };
  }
  const calls = (stripeRefundId: string) => ({
    created: stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds").length,
    polled: stripe.requests.filter((r) => r.method === "GET" && r.path === `/v1/refunds/${stripeRefundId}`).length,
  });

  it("are polled by id until Stripe settles them, without their webhook, and posted once", async () => {
    const heldBefore = await held();
    const { id, refund } = await declinedPendingRefund(3100);
    const stripeRefundId = refund.stripeRefundId!;
    const createdBefore = calls(stripeRefundId).created;

    await makeDue(id);
    await runRetryTask();
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } })).toMatchObject({ status: "PENDING" });
    expect(calls(stripeRefundId)).toEqual({ created: createdBefore, polled: 1 });

    // Polling errors, even past the attempt limit, never turn it FAILED: the refund exists at Stripe.
    await t.db.refund.update({ where: { bookingId: id }, data: { attempts: REFUND_MAX_ATTEMPTS + 5 } });
    stripe.failNext(`GET /v1/refunds/${stripeRefundId}`, 500, undefined, { times: 3 }); // the SDK retries twice
    await makeDue(id);
    await runRetryTask();
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } })).toMatchObject({ status: "PENDING" });

    const settled = stripe.settleRefund(stripeRefundId, "succeeded"); // its refund.updated is lost
    await makeDue(id);
    await Promise.all([runRetryTask(), runRetryTask()]);
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } })).toMatchObject({ status: "SUCCEEDED", stripeRefundId });
    expect(await deliver(settled)).toBe("duplicate"); // ...or arrives late
    expect(calls(stripeRefundId).created).toBe(createdBefore);
    expect(await ledgerOf({ bookingId: id })).toEqual([
      { kind: "PAYMENT", currency: "usd", cents: 3100 },
      { kind: "REFUND", currency: "usd", cents: 3100 },
    ]);
    expect(await held()).toBe(heldBefore);
    await expectLedgerSound();
  });

  it("a pending refund Stripe then fails is marked FAILED by polling, with nothing posted", async () => {
    const logs = captureLogs();
    const { id, refund } = await declinedPendingRefund(1900);
    stripe.settleRefund(refund.stripeRefundId!, "failed");
    await makeDue(id);
    await runRetryTask();
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } })).toMatchObject({ status: "FAILED" });
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: LEVEL.alert, bookingId: id, msg: expect.stringContaining("REFUND FAILED") }),
    );
    expect((await ledgerOf({ bookingId: id })).map((l) => l.kind)).toEqual(["PAYMENT"]);
    await expectLedgerSound();
  });
});

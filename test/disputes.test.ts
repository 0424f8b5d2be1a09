// Card disputes through signed webhooks from the Stripe stand-in: charge.dispute.created freezes
// the booking's earning (held, released, or already paid out: then owed, never a negative
// balance, and repaid from the next earnings), charge.dispute.closed gives it back (won) or takes
// the disputed amount from it and the fee (lost). Duplicated and reordered events move money once.
// After each path the money adds up. What a person must act on (a dispute that is not about the
// booking's captured charge, a closing the ledger cannot record, a loss no earning covers) is
// listed to admins by disputes(needsAttention: true).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, subscribe, type TestApp, startStripeApp } from "./support/harness.ts";
import { logInAdmin, marketplace, rawId, requestBooking } from "./support/fixtures.ts";
import type { StripeStandIn } from "./support/stripe-stand-in.ts";
import { expectMoneySound } from "./support/money-checks.ts";
import { connectMentor, transfersTo } from "./support/payout-fixtures.ts";
import {
  addLinks,
  checkoutSessionOf,
  completedBooking,
  deliverTo,
  markComplete,
  paidBooking,
  releaseAfter,
} from "./support/completion-fixtures.ts";
import { expireStaleBookings } from "../server/bookings/booking-jobs.ts";
import {
  accountBalance,
  mentorAccount,
  mentorFrozenAccount,
  mentorHeldAccount,
  mentorOwedAccount,
  PLATFORM_ACCOUNTS,
} from "../server/ledger/ledger.ts";
import { runPayoutCycle } from "../server/payouts/cycle.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";

let stripe: StripeStandIn;
let t: TestApp;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ stripe, t, stop } = await startStripeApp({ COMPLETION_HOLD_HOURS: "48", PLATFORM_FEE_PERCENT: "20", PAYOUT_MINIMUM_CENTS: "100" }));
  // Another mentor's captured payment on the platform's Stripe balance, as a live platform has:
  // a lost dispute takes its amount and Stripe's fee from that balance, which the ledger never
  // lets go below zero, so without it a test of a loss would pass only after others had run.
  await paidBooking(t, stripe, await marketplace(t, 50_000));
});
afterAll(() => stop?.());

type Market = Awaited<ReturnType<typeof marketplace>>;
const DISPUTES = `query($status: DisputeStatus, $needsAttention: Boolean) {
  disputes(status: $status, needsAttention: $needsAttention, first: 50) { totalCount edges { node {
  stripeDisputeId status reason amount { amountCents } frozen { amountCents } owed { amountCents } recovered { amountCents }
  fee { amountCents } attention booking { id } } } } }`;
/** The disputes an admin is shown for these filters. */
const listed = async (token: string, variables: { status?: string; needsAttention?: boolean } = {}) =>
  (await t.gql(DISPUTES, variables, token)).data.disputes.edges.map((e: any) => e.node);
const EARNINGS = `query { earnings { balance { amountCents } heldBalance { amountCents } frozenBalance { amountCents } owed { amountCents } } }`;

async function balances(m: Market) {
  const id = rawId(m.mentor.id);
  return {
    available: await accountBalance(t.db, mentorAccount(id)),
    held: await accountBalance(t.db, mentorHeldAccount(id)),
    frozen: await accountBalance(t.db, mentorFrozenAccount(id)),
    owed: await accountBalance(t.db, mentorOwedAccount(id)),
  };
}
const deliver = (event: object) => deliverTo(t, stripe, event);
const disputeOf = async (stripeDisputeId: string) => t.db.dispute.findUniqueOrThrow({ where: { stripeDisputeId } });
const moneyMoves = () => t.db.ledgerTransaction.count();
const dpId = (event: { data: { object: unknown } }) => (event.data.object as { id: string }).id;

describe("a dispute before the earning is released", () => {
  it("freezes the held earning (the release job leaves it), and a won dispute holds it again, then releases it", async () => {
    const m = await marketplace(t, 5000);
    const b = await completedBooking(t, stripe, m);
    const created = stripe.disputeCharge(b.paymentIntentId);
    expect(await deliver(created)).toBe("applied");
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 4000, owed: 0 });
    expect((await releaseAfter(t)).released).toBe(0);
    expect(await balances(m)).toMatchObject({ available: 0, frozen: 4000 });

    // Replays move nothing.
    const before = await moneyMoves();
    expect(await deliver(created)).toBe("duplicate");
    expect(await moneyMoves()).toBe(before);

    const closed = stripe.closeDispute(dpId(created), "won");
    expect(await deliver(closed)).toBe("applied");
    expect(await deliver(closed)).toBe("duplicate");
    expect(await balances(m)).toEqual({ available: 0, held: 4000, frozen: 0, owed: 0 });
    expect(await disputeOf(dpId(created))).toMatchObject({ status: "WON", frozenCents: 4000, feeCents: 0 });
    await releaseAfter(t);
    expect(await balances(m)).toEqual({ available: 4000, held: 0, frozen: 0, owed: 0 });
    await expectMoneySound(t.db);
  });

  it("a lost dispute takes the disputed amount from the frozen earning and the fee; the dispute fee is a platform loss", async () => {
    const m = await marketplace(t, 5000);
    const b = await completedBooking(t, stripe, m);
    const losses = await accountBalance(t.db, PLATFORM_ACCOUNTS.disputeLosses);
    const fees = await accountBalance(t.db, PLATFORM_ACCOUNTS.fees);
    const created = stripe.disputeCharge(b.paymentIntentId);
    expect(await deliver(created)).toBe("applied");
    const closed = stripe.closeDispute(dpId(created), "lost");
    expect(await deliver(closed)).toBe("applied");
    expect(await deliver(closed)).toBe("duplicate");
    expect(await deliver(created)).toBe("duplicate");
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 0, owed: 0 });
    expect(await accountBalance(t.db, PLATFORM_ACCOUNTS.fees)).toBe(fees - 1000);
    expect(await accountBalance(t.db, PLATFORM_ACCOUNTS.disputeLosses)).toBe(losses + 1500);
    expect(await disputeOf(dpId(created))).toMatchObject({ status: "LOST", recoveredCents: 5000, feeCents: 1500 });
    const kinds = (await t.db.ledgerTransaction.findMany({ where: { bookingId: b.id }, select: { kind: true } })).map((k) => k.kind).sort();
    expect(kinds).toEqual([
      "DISPUTE_FEE",
      "DISPUTE_FREEZE",
      "DISPUTE_LOSS",
      "DISPUTE_RECOVERY",
      "MENTOR_EARNING",
      "PAYMENT",
      "PLATFORM_FEE",
    ]);
    expect((await releaseAfter(t)).released).toBe(0);
    expect(await balances(m)).toMatchObject({ available: 0 });
    await expectMoneySound(t.db);
  });
});

describe("a dispute after the earning was released", () => {
  it("takes the earning back from the balance; won puts it back", async () => {
    const m = await marketplace(t, 5000);
    const b = await completedBooking(t, stripe, m);
    await releaseAfter(t);
    expect(await balances(m)).toMatchObject({ available: 4000 });
    const created = stripe.disputeCharge(b.paymentIntentId);
    expect(await deliver(created)).toBe("applied");
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 4000, owed: 0 });
    const earnings = (await t.gql(EARNINGS, {}, m.mentor.token)).data.earnings;
    expect(earnings).toMatchObject({ balance: { amountCents: 0 }, frozenBalance: { amountCents: 4000 }, owed: { amountCents: 0 } });
    expect(await deliver(stripe.closeDispute(dpId(created), "won"))).toBe("applied");
    expect(await balances(m)).toEqual({ available: 4000, held: 0, frozen: 0, owed: 0 });
    await expectMoneySound(t.db);
  });

  it("lost: the earning taken back stays with the platform", async () => {
    const m = await marketplace(t, 5000);
    const b = await completedBooking(t, stripe, m);
    await releaseAfter(t);
    const created = stripe.disputeCharge(b.paymentIntentId);
    expect(await deliver(created)).toBe("applied");
    expect(await deliver(stripe.closeDispute(dpId(created), "lost"))).toBe("applied");
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 0, owed: 0 });
    await expectMoneySound(t.db);
  });
});

const HOUR = 3_600_000;
/** A confirmed (captured) booking whose session starts in 3 hours: too late for the mentee's refund. */
async function startingSoon(m: Market) {
  const b = await paidBooking(t, stripe, m);
  const startsAt = new Date(Date.now() + 3 * HOUR).toISOString();
  const scheduled = await t.gql(
    `mutation($id: ID!, $startsAt: DateTime!) { scheduleSession(id: $id, startsAt: $startsAt) { __typename } }`,
    { id: b.globalId, startsAt },
    m.mentee.token,
  );
  expect(scheduled.data.scheduleSession.__typename).toBe("ScheduleSessionSuccess");
  return b;
}

/** A confirmed (charged) booking with links whose charge is disputed; the dispute froze nothing yet. */
async function disputedBeforeCompletion(m: Market) {
  const b = await paidBooking(t, stripe, m);
  await addLinks(t, m, b.globalId);
  const created = stripe.disputeCharge(b.paymentIntentId);
  expect(await deliver(created)).toBe("applied");
  expect(await disputeOf(dpId(created))).toMatchObject({ status: "OPEN", frozenCents: 0 });
  return { b, created };
}

describe("a dispute after a late cancellation (the mentor was credited at once)", () => {
  /** Such a booking the mentee cancels: no refund, the mentor is credited 4000 of 5000. */
  async function lateCancelled(m: Market) {
    const b = await startingSoon(m);
    const cancelled = await t.gql(
      `mutation($id: ID!) { cancelBooking(id: $id) { __typename ... on CancelBookingSuccess { booking { refund { status } } } } }`,
      { id: b.globalId },
      m.mentee.token,
    );
    expect(cancelled.data.cancelBooking).toEqual({ __typename: "CancelBookingSuccess", booking: { refund: null } });
    expect(await balances(m)).toEqual({ available: 4000, held: 0, frozen: 0, owed: 0 });
    return b;
  }

  it("freezes the credited share from the balance, once however often the event comes; lost: recovered from it and the fee", async () => {
    const m = await marketplace(t, 5000);
    const b = await lateCancelled(m);
    const created = stripe.disputeCharge(b.paymentIntentId);
    expect(await deliver(created)).toBe("applied");
    expect(await deliver(created)).toBe("duplicate");
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 4000, owed: 0 });
    expect(await disputeOf(dpId(created))).toMatchObject({ frozenCents: 4000, owedCents: 0 });
    expect(await deliver(stripe.closeDispute(dpId(created), "lost"))).toBe("applied");
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 0, owed: 0 });
    // Recovered in full (the mentor's 4000 and the platform's 1000): nothing for a person to do.
    expect(await disputeOf(dpId(created))).toMatchObject({ status: "LOST", recoveredCents: 5000, attention: null });
    await expectMoneySound(t.db);
  });

  it("a late cancel and the dispute's opening at once: the cancel is refused, or the share is frozen exactly once", async () => {
    const m = await marketplace(t, 5000);
    let frozen = 0;
    for (let i = 0; i < 4; i++) {
      const b = await startingSoon(m);
      const created = stripe.disputeCharge(b.paymentIntentId);
      const [outcome, cancel] = await Promise.all([
        deliver(created),
        t.gql(`mutation($id: ID!) { cancelBooking(id: $id) { __typename } }`, { id: b.globalId }, m.mentee.token),
      ]);
      expect(outcome).toBe("applied");
      const freezes = await t.db.ledgerTransaction.count({ where: { bookingId: b.id, kind: "DISPUTE_FREEZE" } });
      if (cancel.data.cancelBooking.__typename === "CancelBookingSuccess") {
        // The cancel committed first: its credited share is frozen, once.
        expect(freezes).toBe(1);
        expect(await disputeOf(dpId(created))).toMatchObject({ status: "OPEN", frozenCents: 4000 });
        frozen += 4000;
      } else {
        // The dispute committed first: the cancel is refused and nothing was credited.
        expect(cancel.data.cancelBooking.__typename).toBe("InvalidTransitionError");
        expect(freezes).toBe(0);
        expect(await t.db.earningHold.findUnique({ where: { bookingId: b.id } })).toBeNull();
      }
    }
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen, owed: 0 });
    await expectMoneySound(t.db);
  });

  it("won: the share goes back on the balance; already paid out: owed, then forgiven", async () => {
    const m = await marketplace(t, 5000);
    const accountId = await connectMentor(t, stripe, rawId(m.mentor.id));
    const b = await lateCancelled(m);
    await runPayoutCycle(t.app.services);
    expect(transfersTo(stripe, accountId).map((x) => x.amount)).toEqual([4000]);
    const created = stripe.disputeCharge(b.paymentIntentId);
    expect(await deliver(created)).toBe("applied");
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 4000, owed: 4000 });
    expect(await deliver(stripe.closeDispute(dpId(created), "won"))).toBe("applied");
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 0, owed: 0 });
    await expectMoneySound(t.db);

    // Not yet paid out: won puts it back on the balance.
    const other = await marketplace(t, 5000);
    const c = await lateCancelled(other);
    const second = stripe.disputeCharge(c.paymentIntentId);
    expect(await deliver(second)).toBe("applied");
    expect(await balances(other)).toEqual({ available: 0, held: 0, frozen: 4000, owed: 0 });
    expect(await deliver(stripe.closeDispute(dpId(second), "won"))).toBe("applied");
    expect(await balances(other)).toEqual({ available: 4000, held: 0, frozen: 0, owed: 0 });
    await expectMoneySound(t.db);
  });
});

describe("a dispute after the earning was paid out", () => {
  it("lost: the balance never goes negative, the mentor owes the rest, and the next released earnings repay it first", async () => {
    const m = await marketplace(t, 5000);
    const accountId = await connectMentor(t, stripe, rawId(m.mentor.id));
    const b = await completedBooking(t, stripe, m);
    await releaseAfter(t);
    await runPayoutCycle(t.app.services);
    expect(transfersTo(stripe, accountId).map((x) => x.amount)).toEqual([4000]);
    expect(await balances(m)).toMatchObject({ available: 0 });

    const created = stripe.disputeCharge(b.paymentIntentId);
    expect(await deliver(created)).toBe("applied");
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 4000, owed: 4000 });
    expect(await disputeOf(dpId(created))).toMatchObject({ frozenCents: 4000, owedCents: 4000 });

    // Two more sessions, then the dispute is lost.
    await completedBooking(t, stripe, m);
    await completedBooking(t, stripe, m);
    expect(await deliver(stripe.closeDispute(dpId(created), "lost"))).toBe("applied");
    expect(await balances(m)).toEqual({ available: 0, held: 8000, frozen: 0, owed: 4000 });
    const admin = await logInAdmin(t);
    // The admin's view of the mentor's ledger shows every account, and each account's entries.
    const ledger = await t.gql(
      `query($id: ID!) { mentorLedger(mentorId: $id) { balance { amountCents } heldBalance { amountCents } frozenBalance { amountCents }
        owed { amountCents } held: entries(account: HELD, first: 10) { edges { node { kind side amount { amountCents } } } } } }`,
      { id: m.mentor.id },
      admin.token,
    );
    expect(ledger.data.mentorLedger).toMatchObject({
      balance: { amountCents: 0 },
      heldBalance: { amountCents: 8000 },
      frozenBalance: { amountCents: 0 },
      owed: { amountCents: 4000 },
    });
    expect(
      ledger.data.mentorLedger.held.edges.filter((e: any) => e.node.kind === "MENTOR_EARNING" && e.node.side === "CREDIT"),
    ).toHaveLength(3);
    const lost = (await t.gql(DISPUTES, { status: "LOST" }, admin.token)).data.disputes.edges.map((e: any) => e.node);
    expect(lost).toContainEqual(
      expect.objectContaining({ stripeDisputeId: dpId(created), owed: { amountCents: 4000 }, recovered: { amountCents: 5000 } }),
    );

    await releaseAfter(t);
    expect(await balances(m)).toEqual({ available: 4000, held: 0, frozen: 0, owed: 0 });
    await runPayoutCycle(t.app.services);
    expect(transfersTo(stripe, accountId).map((x) => x.amount)).toEqual([4000, 4000]);
    await expectMoneySound(t.db);
  });

  it("won: what was owed is forgiven and what was taken from the balance comes back", async () => {
    const m = await marketplace(t, 5000);
    const accountId = await connectMentor(t, stripe, rawId(m.mentor.id));
    const first = await completedBooking(t, stripe, m);
    await releaseAfter(t);
    await runPayoutCycle(t.app.services);
    expect(transfersTo(stripe, accountId).map((x) => x.amount)).toEqual([4000]);
    // A second session released after the payout: 4000 on the balance.
    await completedBooking(t, stripe, m);
    await releaseAfter(t);
    // The first booking's earning (paid out) is disputed while the balance holds the second's.
    const created = stripe.disputeCharge(first.paymentIntentId);
    expect(await deliver(created)).toBe("applied");
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 4000, owed: 0 });
    expect(await deliver(stripe.closeDispute(dpId(created), "won"))).toBe("applied");
    expect(await balances(m)).toEqual({ available: 4000, held: 0, frozen: 0, owed: 0 });
    await expectMoneySound(t.db);
  });

  it("won after the balance could not cover it: the debt is cancelled", async () => {
    const m = await marketplace(t, 5000);
    await connectMentor(t, stripe, rawId(m.mentor.id));
    const b = await completedBooking(t, stripe, m);
    await releaseAfter(t);
    await runPayoutCycle(t.app.services);
    const created = stripe.disputeCharge(b.paymentIntentId);
    expect(await deliver(created)).toBe("applied");
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 4000, owed: 4000 });
    expect(await deliver(stripe.closeDispute(dpId(created), "won"))).toBe("applied");
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 0, owed: 0 });
    await expectMoneySound(t.db);
  });
});

describe("duplicated and reordered dispute events", () => {
  it("closed before created: applied once, the late created event changes nothing, replays change nothing", async () => {
    const m = await marketplace(t, 5000);
    const b = await completedBooking(t, stripe, m);
    const created = stripe.disputeCharge(b.paymentIntentId);
    const closed = stripe.closeDispute(dpId(created), "lost");
    expect(await deliver(closed)).toBe("applied");
    const after = await moneyMoves();
    expect(await deliver(created)).toBe("duplicate");
    expect(await deliver(closed)).toBe("duplicate");
    expect(await deliver(created)).toBe("duplicate");
    expect(await moneyMoves()).toBe(after);
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 0, owed: 0 });
    expect(await disputeOf(dpId(created))).toMatchObject({ status: "LOST", frozenCents: 4000 });
    await expectMoneySound(t.db);
  });

  it("the same events delivered concurrently move money once", async () => {
    const m = await marketplace(t, 5000);
    const b = await completedBooking(t, stripe, m);
    const created = stripe.disputeCharge(b.paymentIntentId);
    const outcomes = await Promise.all([deliver(created), deliver(created), deliver(created)]);
    expect(outcomes.sort()).toEqual(["applied", "duplicate", "duplicate"]);
    const closed = stripe.closeDispute(dpId(created), "won");
    const closings = await Promise.all([deliver(closed), deliver(closed)]);
    expect(closings.sort()).toEqual(["applied", "duplicate"]);
    expect(await t.db.ledgerTransaction.count({ where: { bookingId: b.id, kind: { in: ["DISPUTE_FREEZE", "DISPUTE_RELEASE"] } } })).toBe(2);
    expect(await balances(m)).toEqual({ available: 0, held: 4000, frozen: 0, owed: 0 });
    await expectMoneySound(t.db);
  });

  it("lists open disputes to admins only; a dispute of a charge that is not ours is ignored, one that is not this booking's charge flagged", async () => {
    const m = await marketplace(t, 5000);
    const admin = await logInAdmin(t);
    const b = await completedBooking(t, stripe, m);
    const created = stripe.disputeCharge(b.paymentIntentId, { reason: "product_not_received" });
    expect(await deliver(created)).toBe("applied");
    const open = (await t.gql(DISPUTES, {}, admin.token)).data.disputes;
    expect(open.edges.map((e: any) => e.node)).toContainEqual(
      expect.objectContaining({
        status: "OPEN",
        reason: "product_not_received",
        amount: { amountCents: 5000 },
        frozen: { amountCents: 4000 },
        booking: { id: b.globalId },
      }),
    );
    const asMentor = await t.gql(DISPUTES, {}, m.mentor.token);
    expect(asMentor.data?.disputes ?? null).toBeNull();
    expect(asMentor.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const foreign = stripe.event("charge.dispute.created", {
      ...(created.data.object as object),
      id: "dp_foreign",
      payment_intent: "pi_unknown",
      charge: "ch_unknown",
    });
    expect(await deliver(foreign)).toBe("ignored");
    expect(await t.db.dispute.findUnique({ where: { stripeDisputeId: "dp_foreign" } })).toBeNull();
    // Our charge, but more than was captured, or another currency: not this booking's charge. No
    // money moves, now or when it closes; it is recorded OPEN and listed as needing a person.
    const before = await moneyMoves();
    for (const [id, change] of [
      ["dp_too_much", { amount: 5001 }],
      ["dp_other_currency", { currency: "eur" }],
    ] as const) {
      const odd = { ...(created.data.object as object), id, ...change };
      expect(await deliver(stripe.event("charge.dispute.created", odd)), id).toBe("applied");
      expect(await deliver(stripe.event("charge.dispute.closed", { ...odd, status: "lost" })), id).toBe("duplicate");
      expect(await disputeOf(id)).toMatchObject({ status: "OPEN", frozenCents: 0, attention: "NOT_THIS_CHARGE", bookingId: b.id });
    }
    expect(await moneyMoves()).toBe(before);
    const flagged = await listed(admin.token, { needsAttention: true });
    expect(flagged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          stripeDisputeId: "dp_too_much",
          status: "OPEN",
          attention: "NOT_THIS_CHARGE",
          amount: { amountCents: 5001 },
        }),
        expect.objectContaining({ stripeDisputeId: "dp_other_currency", attention: "NOT_THIS_CHARGE", booking: { id: b.globalId } }),
      ]),
    );
    // The ordinary open dispute is not among them.
    expect(flagged.map((d: any) => d.stripeDisputeId)).not.toContain(dpId(created));
    const asMentorFlagged = await t.gql(DISPUTES, { needsAttention: true }, m.mentor.token);
    expect(asMentorFlagged.data?.disputes ?? null).toBeNull();
    expect(asMentorFlagged.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    await expectMoneySound(t.db);
  });
});

describe("disputes a person must act on", () => {
  it("lost on a booking with no earning yet: the platform bears the loss, and the dispute is listed as needing attention", async () => {
    const m = await marketplace(t, 5000);
    const admin = await logInAdmin(t);
    // Confirmed (charged), not completed: nothing is credited to the mentor, so nothing is frozen.
    const b = await paidBooking(t, stripe, m);
    const created = stripe.disputeCharge(b.paymentIntentId);
    expect(await deliver(created)).toBe("applied");
    expect(await disputeOf(dpId(created))).toMatchObject({ status: "OPEN", frozenCents: 0, attention: null });
    expect((await listed(admin.token, { needsAttention: true })).map((d: any) => d.stripeDisputeId)).not.toContain(dpId(created));
    expect(await deliver(stripe.closeDispute(dpId(created), "lost"))).toBe("applied");
    expect(await disputeOf(dpId(created))).toMatchObject({ status: "LOST", recoveredCents: 0, attention: "LOSS_NOT_RECOVERED" });

    // A dispute lost on a completed booking is recovered from the earning and the fee: nothing to do.
    const covered = await completedBooking(t, stripe, m);
    const other = stripe.disputeCharge(covered.paymentIntentId);
    expect(await deliver(other)).toBe("applied");
    expect(await deliver(stripe.closeDispute(dpId(other), "lost"))).toBe("applied");
    expect(await disputeOf(dpId(other))).toMatchObject({ status: "LOST", recoveredCents: 5000, attention: null });

    const flagged = await listed(admin.token, { needsAttention: true });
    expect(flagged).toContainEqual(
      expect.objectContaining({
        stripeDisputeId: dpId(created),
        status: "LOST",
        attention: "LOSS_NOT_RECOVERED",
        amount: { amountCents: 5000 },
        recovered: { amountCents: 0 },
        booking: { id: b.globalId },
      }),
    );
    expect(flagged.map((d: any) => d.stripeDisputeId)).not.toContain(dpId(other));
    // needsAttention with a status: only those in it.
    const flaggedLost = await listed(admin.token, { needsAttention: true, status: "LOST" });
    expect(flaggedLost.every((d: any) => d.status === "LOST" && d.attention !== null)).toBe(true);
    expect(flaggedLost.map((d: any) => d.stripeDisputeId)).toContain(dpId(created));
    expect((await listed(admin.token, { needsAttention: true, status: "OPEN" })).map((d: any) => d.stripeDisputeId)).not.toContain(
      dpId(created),
    );
    const count = (await t.gql(DISPUTES, { needsAttention: true }, admin.token)).data.disputes.totalCount;
    expect(count).toBe(flagged.length);
    await expectMoneySound(t.db);
  });

  describe("a closing the ledger cannot record", () => {
    // Its own platform, whose recorded Stripe balance is empty once its only payments are refunded.
    let own: Awaited<ReturnType<typeof startStripeApp>>;
    beforeAll(async () => {
      own = await startStripeApp({ PLATFORM_FEE_PERCENT: "20" });
    });
    afterAll(() => own?.stop());

    it("a lost dispute of a refunded charge moves nothing, stays OPEN and is listed as needing attention, whichever event came first", async () => {
      const { t: app, stripe: bank } = own;
      const m = await marketplace(app, 5000);
      const admin = await logInAdmin(app);
      const refunded = [];
      for (let i = 0; i < 2; i++) {
        const b = await paidBooking(app, bank, m);
        const cancel = await app.gql(`mutation($id: ID!) { cancelBooking(id: $id) { __typename } }`, { id: b.globalId }, m.mentor.token);
        expect(cancel.data.cancelBooking.__typename).toBe("CancelBookingSuccess");
        refunded.push(b);
      }
      await app.app.services.settled();
      expect(await app.db.refund.count({ where: { status: "SUCCEEDED" } })).toBe(2);
      expect(await accountBalance(app.db, PLATFORM_ACCOUNTS.stripeBalance)).toBe(0);
      const moves = await app.db.ledgerTransaction.count();
      const send = (event: object) => deliverTo(app, bank, event);

      // Opened, then lost: the loss would take the recorded Stripe balance below zero.
      const first = bank.disputeCharge(refunded[0]!.paymentIntentId);
      expect(await send(first)).toBe("applied");
      const firstLost = bank.closeDispute(dpId(first), "lost");
      expect(await send(firstLost)).toBe("applied");
      expect(await send(firstLost)).toBe("duplicate");
      // Closed before it was opened: recorded OPEN all the same; the late opening event is a duplicate.
      const second = bank.disputeCharge(refunded[1]!.paymentIntentId);
      const secondLost = bank.closeDispute(dpId(second), "lost");
      expect(await send(secondLost)).toBe("applied");
      expect(await send(second)).toBe("duplicate");
      expect(await send(secondLost)).toBe("duplicate");

      expect(await app.db.ledgerTransaction.count()).toBe(moves);
      for (const id of [dpId(first), dpId(second)]) {
        expect(await app.db.dispute.findUniqueOrThrow({ where: { stripeDisputeId: id } })).toMatchObject({
          status: "OPEN",
          attention: "CLOSE_NOT_RECORDED",
        });
      }
      const flagged = (await app.gql(DISPUTES, { needsAttention: true }, admin.token)).data.disputes;
      expect(flagged.totalCount).toBe(2);
      expect(flagged.edges.map((e: any) => [e.node.stripeDisputeId, e.node.status, e.node.attention]).sort()).toEqual(
        [
          [dpId(first), "OPEN", "CLOSE_NOT_RECORDED"],
          [dpId(second), "OPEN", "CLOSE_NOT_RECORDED"],
        ].sort(),
      );
      await expectMoneySound(app.db);

      // Once the recorded balance can take it, the closing event sent again goes through: LOST, and
      // flagged for what is still to do (no earning covered the loss).
      // (two more payments: the loss and Stripe's dispute fee)
      for (let i = 0; i < 2; i++) await paidBooking(app, bank, m);
      expect(await send(firstLost)).toBe("applied");
      expect(await app.db.dispute.findUniqueOrThrow({ where: { stripeDisputeId: dpId(first) } })).toMatchObject({
        status: "LOST",
        attention: "LOSS_NOT_RECOVERED",
      });
    });
  });

  it("an admin marks a flagged dispute handled with a note, once; anyone else, a second try or bad input changes nothing", async () => {
    const m = await marketplace(t, 4200);
    const admin = await logInAdmin(t);
    const b = await paidBooking(t, stripe, m);
    const created = stripe.disputeCharge(b.paymentIntentId, { amount: 4201 }); // more than was charged: flagged
    expect(await deliver(created)).toBe("applied");
    const dispute = await disputeOf(dpId(created));
    expect(dispute.attention).toBe("NOT_THIS_CHARGE");
    const HANDLE = `mutation($id: ID!, $note: String!) { markDisputeHandled(id: $id, note: $note) { __typename
      ... on MarkDisputeHandledSuccess { dispute { id attention status } }
      ... on Error { message code } ... on ValidationError { field rule } } }`;
    const handle = async (token: string, id: string, note: string) => (await t.gql(HANDLE, { id, note }, token)).data.markDisputeHandled;

    const before = await dbFingerprint(t.db);
    expect((await handle(m.mentor.token, dispute.id, "Looked at it")).code).toBe("FORBIDDEN");
    expect((await t.gql(HANDLE, { id: dispute.id, note: "x" })).data.markDisputeHandled.code).toBe("UNAUTHENTICATED");
    expect(await handle(admin.token, dispute.id, "   ")).toMatchObject({ __typename: "ValidationError", field: "note" });
    expect((await handle(admin.token, "not-an-id", "Looked at it")).code).toBe("NOT_FOUND");
    expect((await handle(admin.token, "00000000-0000-4000-8000-000000000000", "Looked at it")).code).toBe("NOT_FOUND");
    expect(await dbFingerprint(t.db)).toEqual(before);

    const moves = await moneyMoves();
    const [first, second] = await Promise.all([
      handle(admin.token, dispute.id, "The bank disputed a different charge; answered it in Stripe"),
      handle(admin.token, dispute.id, "Same, from a second tab"),
    ]);
    const outcomes = [first.__typename, second.__typename].sort();
    expect(outcomes).toEqual(["DisputeNotFlaggedError", "MarkDisputeHandledSuccess"]);
    const done = first.__typename === "MarkDisputeHandledSuccess" ? first : second;
    expect(done.dispute).toEqual({ id: dispute.id, attention: null, status: "OPEN" });
    expect(await moneyMoves()).toBe(moves);
    expect((await listed(admin.token, { needsAttention: true })).map((d: any) => d.stripeDisputeId)).not.toContain(dpId(created));
    const history = await t.db.adminAction.findMany({ where: { bookingId: b.id, kind: "HANDLE_DISPUTE" } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ adminId: rawId(admin.id) });
    expect(history[0]!.note).toMatch(
      /^NOT_THIS_CHARGE: (The bank disputed a different charge; answered it in Stripe|Same, from a second tab)$/,
    );
    expect((await handle(admin.token, dispute.id, "Again")).__typename).toBe("DisputeNotFlaggedError");
    await expectMoneySound(t.db);
  });
});

describe("a dispute opened before the session is completed", () => {
  /** Completes it; the new earning is frozen at once; replays and the window passing move nothing, nothing is paid. */
  async function completeWhileOpen(m: Market, accountId: string, b: { globalId: string; id: string }, created: object) {
    expect(await markComplete(t, m, b.globalId)).toBe("CompleteBookingSuccess");
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 4000, owed: 0 });
    expect(await disputeOf(dpId(created as never))).toMatchObject({ status: "OPEN", frozenCents: 4000, owedCents: 0 });
    expect(await t.db.earningHold.findUniqueOrThrow({ where: { bookingId: b.id } })).toMatchObject({ status: "HELD", frozen: true });
    const moves = await moneyMoves();
    expect(await deliver(created)).toBe("duplicate");
    expect(await deliver(created)).toBe("duplicate");
    expect(await moneyMoves()).toBe(moves);
    // The window passes and a payout cycle runs: the frozen earning is neither released nor paid.
    await releaseAfter(t);
    await runPayoutCycle(t.app.services);
    expect(transfersTo(stripe, accountId)).toHaveLength(0);
    expect(await t.db.earningHold.findUniqueOrThrow({ where: { bookingId: b.id } })).toMatchObject({ status: "HELD", frozen: true });
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 4000, owed: 0 });
    await expectMoneySound(t.db);
  }

  it("completing freezes the earning; nothing is paid while open; won: held again, released after the window and paid once", async () => {
    const m = await marketplace(t, 5000);
    const accountId = await connectMentor(t, stripe, rawId(m.mentor.id));
    const { b, created } = await disputedBeforeCompletion(m);
    await completeWhileOpen(m, accountId, b, created);

    const closed = stripe.closeDispute(dpId(created), "won");
    expect(await deliver(closed)).toBe("applied");
    expect(await deliver(closed)).toBe("duplicate");
    expect(await deliver(closed)).toBe("duplicate");
    expect(await disputeOf(dpId(created))).toMatchObject({ status: "WON", frozenCents: 4000, attention: null });
    expect(await balances(m)).toEqual({ available: 0, held: 4000, frozen: 0, owed: 0 });
    await Promise.all([releaseAfter(t), releaseAfter(t)]);
    await releaseAfter(t);
    expect(await balances(m)).toEqual({ available: 4000, held: 0, frozen: 0, owed: 0 });
    await runPayoutCycle(t.app.services);
    await runPayoutCycle(t.app.services);
    expect(transfersTo(stripe, accountId).map((x) => x.amount)).toEqual([4000]);
    expect(await t.db.ledgerTransaction.count({ where: { bookingId: b.id, kind: "EARNING_RELEASE" } })).toBe(1);
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 0, owed: 0 });
    await expectMoneySound(t.db);
  });

  it("lost: recovered from the frozen earning and the fee, the mentor is not paid, nothing for a person to do", async () => {
    const m = await marketplace(t, 5000);
    const accountId = await connectMentor(t, stripe, rawId(m.mentor.id));
    // Two other charges on the platform's balance, from which Stripe takes the loss and its fee.
    for (let i = 0; i < 2; i++) await paidBooking(t, stripe, m);
    const fees = await accountBalance(t.db, PLATFORM_ACCOUNTS.fees);
    const { b, created } = await disputedBeforeCompletion(m);
    await completeWhileOpen(m, accountId, b, created);

    const closed = stripe.closeDispute(dpId(created), "lost");
    expect(await deliver(closed)).toBe("applied");
    expect(await deliver(closed)).toBe("duplicate");
    expect(await deliver(created)).toBe("duplicate");
    expect(await disputeOf(dpId(created))).toMatchObject({ status: "LOST", recoveredCents: 5000, attention: null });
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 0, owed: 0 });
    expect(await accountBalance(t.db, PLATFORM_ACCOUNTS.fees)).toBe(fees);
    await releaseAfter(t);
    expect(await t.db.ledgerTransaction.count({ where: { bookingId: b.id, kind: "EARNING_RELEASE" } })).toBe(0);
    await runPayoutCycle(t.app.services);
    expect(transfersTo(stripe, accountId)).toHaveLength(0);
    await expectMoneySound(t.db);
  });

  it("a completion and the dispute's opening at once: the earning is frozen exactly once, whichever commits first", async () => {
    const m = await marketplace(t, 5000);
    for (let i = 0; i < 4; i++) {
      const b = await paidBooking(t, stripe, m);
      await addLinks(t, m, b.globalId);
      const created = stripe.disputeCharge(b.paymentIntentId);
      const [outcome, completed] = await Promise.all([deliver(created), markComplete(t, m, b.globalId)]);
      expect(outcome).toBe("applied");
      expect(completed).toBe("CompleteBookingSuccess");
      expect(await t.db.ledgerTransaction.count({ where: { bookingId: b.id, kind: "DISPUTE_FREEZE" } })).toBe(1);
      expect(await disputeOf(dpId(created))).toMatchObject({ status: "OPEN", frozenCents: 4000 });
      expect(await t.db.earningHold.findUniqueOrThrow({ where: { bookingId: b.id } })).toMatchObject({ frozen: true, amountCents: 4000 });
    }
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 16000, owed: 0 });
    await expectMoneySound(t.db);
  });

  it("cancelling a booking whose charge is disputed is refused (mentee, mentor, admin) and changes nothing, until the dispute closes", async () => {
    const m = await marketplace(t, 5000);
    const admin = await logInAdmin(t);
    const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { __typename ... on Error { code message } } }`;
    const ADMIN_CANCEL = `mutation($id: ID!, $reason: String!, $refundCents: Int) {
      adminCancelBooking(id: $id, reason: $reason, refundCents: $refundCents) { __typename ... on Error { code message } } }`;
    const b = await paidBooking(t, stripe, m);
    const created = stripe.disputeCharge(b.paymentIntentId);
    expect(await deliver(created)).toBe("applied");
    const before = await dbFingerprint(t.db);
    for (const token of [m.mentee.token, m.mentor.token]) {
      const r = (await t.gql(CANCEL, { id: b.globalId }, token)).data.cancelBooking;
      expect(r).toMatchObject({ __typename: "InvalidTransitionError", code: "INVALID_STATE" });
      expect(r.message).toMatch(/disputing this payment/);
    }
    for (const refundCents of [null, 0, 2500]) {
      const r = (await t.gql(ADMIN_CANCEL, { id: b.globalId, reason: "Mentor unreachable", refundCents }, admin.token)).data
        .adminCancelBooking;
      expect(r).toMatchObject({ __typename: "InvalidTransitionError", code: "INVALID_STATE" });
    }
    expect(await dbFingerprint(t.db)).toEqual(before);
    expect(await t.db.refund.count({ where: { bookingId: b.id } })).toBe(0);

    // Won: the booking is the mentee's again to cancel, refunded in full by the policy.
    expect(await deliver(stripe.closeDispute(dpId(created), "won"))).toBe("applied");
    expect((await t.gql(CANCEL, { id: b.globalId }, m.mentee.token)).data.cancelBooking.__typename).toBe("CancelBookingSuccess");
    await t.app.services.settled();
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: b.id } })).toMatchObject({ status: "SUCCEEDED", amountCents: 5000 });
    await expectMoneySound(t.db);
  });

  it("a booking captured at checkout and left unanswered does not expire while its charge is disputed; once it closes, it does", async () => {
    const m = await marketplace(t, 5000);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const id = rawId(booking.id);
    // A session created before manual capture: the payment is captured at checkout.
    expect(await deliver(stripe.completeCheckout(checkoutSessionOf(stripe, id).id, { capture: "automatic" }))).toBe("applied");
    const paymentIntentId = checkoutSessionOf(stripe, id).payment_intent as string;
    const created = stripe.disputeCharge(paymentIntentId);
    expect(await deliver(created)).toBe("applied");
    const later = new Date(Date.now() + 200 * 3_600_000);
    const before = await dbFingerprint(t.db);
    expect(await expireStaleBookings(t.app.services, () => undefined, later)).toMatchObject({ unanswered: 0, skipped: 1, failed: 0 });
    expect(await dbFingerprint(t.db)).toEqual(before);
    expect(await t.db.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PENDING" });

    // Won: the next run expires it and refunds the mentee.
    expect(await deliver(stripe.closeDispute(dpId(created), "won"))).toBe("applied");
    expect(await expireStaleBookings(t.app.services, () => undefined, later)).toMatchObject({ unanswered: 1, failed: 0 });
    await t.app.services.settled();
    expect(await t.db.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "EXPIRED" });
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } })).toMatchObject({ status: "SUCCEEDED", amountCents: 5000 });
    await expectMoneySound(t.db);
  });
});

describe("a booking whose charge's dispute was lost before it was completed", () => {
  const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { __typename ... on CancelBookingSuccess { booking { status refund { status } } } } }`;
  const refundRequests = (paymentIntentId: string) =>
    stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds" && r.params.payment_intent === paymentIntentId);

  /** Disputes the booking's charge (all of it, or `amount`) and loses it: the platform bears the loss, flagged for a person. */
  async function lostDispute(paymentIntentId: string, amount?: number) {
    const created = stripe.disputeCharge(paymentIntentId, { amount });
    expect(await deliver(created)).toBe("applied");
    const closed = stripe.closeDispute(dpId(created), "lost");
    expect(await deliver(closed)).toBe("applied");
    expect(await disputeOf(dpId(created))).toMatchObject({ status: "LOST", recoveredCents: 0, attention: "LOSS_NOT_RECOVERED" });
    return { created, closed };
  }

  /** Nothing refunded or asked of Stripe, the held payment covered the loss, nobody needs to act, replays move nothing. */
  async function expectSettledByTheBank(
    m: Market,
    b: { id: string; paymentIntentId: string },
    events: { created: object; closed: object },
  ) {
    await t.app.services.settled();
    expect(await t.db.refund.count({ where: { bookingId: b.id } })).toBe(0);
    expect(refundRequests(b.paymentIntentId)).toEqual([]);
    expect(await disputeOf(dpId(events.created as never))).toMatchObject({ status: "LOST", recoveredCents: 5000, attention: null });
    expect(await t.db.ledgerTransaction.count({ where: { bookingId: b.id, kind: "DISPUTE_RECOVERY" } })).toBe(1);
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 0, owed: 0 });
    const moves = await moneyMoves();
    expect(await deliver(events.closed)).toBe("duplicate");
    expect(await deliver(events.created)).toBe("duplicate");
    expect(await moneyMoves()).toBe(moves);
    await expectMoneySound(t.db);
  }

  it("the Stripe stand-in refuses to refund a charged-back charge, as Stripe does", async () => {
    const m = await marketplace(t, 5000);
    const b = await paidBooking(t, stripe, m);
    await lostDispute(b.paymentIntentId);
    const probe = { bookingId: b.id, refundId: "probe", paymentIntentId: b.paymentIntentId, amountCents: 5000 };
    await expect(t.app.services.payments.refund(probe)).rejects.toThrow(/charged back/);
  });

  const TERMS = `query($id: ID!) { booking(id: $id) { chargedBack { amountCents } cancellation { outcome refund { amountCents } } } }`;
  /** What the booking's page shows the person: what the bank returned, and what cancelling would refund. */
  const termsFor = async (token: string, id: string) => (await t.gql(TERMS, { id }, token)).data.booking;

  it("the booking shows what the bank returned, and its cancellation terms refund only the rest", async () => {
    const m = await marketplace(t, 5000);
    const b = await paidBooking(t, stripe, m);
    expect(await termsFor(m.mentee.token, b.globalId)).toEqual({
      chargedBack: null,
      cancellation: { outcome: "FULL_REFUND", refund: { amountCents: 5000 } },
    });
    // The mentee's page follows the booking live: the closing announces what the bank returned.
    const ws = t.ws(m.mentee.token);
    await connected(ws);
    const feed = subscribe(ws, `subscription($id: ID) { bookingChanged(id: $id) { chargedBack { amountCents } } }`, { id: b.globalId });
    await new Promise((resolve) => setTimeout(resolve, 150)); // let the subscription register
    await lostDispute(b.paymentIntentId, 2000);
    await expect.poll(() => feed.events.map((e) => (e.data as any)?.bookingChanged.chargedBack?.amountCents).at(-1)).toBe(2000);
    feed.dispose();
    for (const token of [m.mentee.token, m.mentor.token]) {
      expect(await termsFor(token, b.globalId)).toEqual({
        chargedBack: { amountCents: 2000 },
        cancellation: { outcome: "CHARGED_BACK", refund: { amountCents: 3000 } },
      });
    }
  });

  it("cancelled in time by the mentee: not refunded a second time; the held payment covers the loss and the flag clears", async () => {
    const m = await marketplace(t, 5000);
    const admin = await logInAdmin(t);
    const b = await paidBooking(t, stripe, m);
    const events = await lostDispute(b.paymentIntentId);
    expect(await termsFor(m.mentee.token, b.globalId)).toEqual({
      chargedBack: { amountCents: 5000 },
      cancellation: { outcome: "CHARGED_BACK", refund: { amountCents: 0 } },
    });
    const cancelled = (await t.gql(CANCEL, { id: b.globalId }, m.mentee.token)).data.cancelBooking;
    expect(cancelled).toEqual({ __typename: "CancelBookingSuccess", booking: { status: "CANCELLED", refund: null } });
    await expectSettledByTheBank(m, b, events);
    expect((await listed(admin.token, { needsAttention: true })).map((d: any) => d.stripeDisputeId)).not.toContain(dpId(events.created));
    // The mentee is told the bank already returned it, not promised a refund.
    const told = await t.db.emailMessage.findFirstOrThrow({ where: { dedupeKey: `sessionCancelled:${b.id}` } });
    expect(told.textBody).toContain("Your bank already returned $50.00 to you after your card dispute");
    expect(told.textBody).not.toContain("We are refunding");
  });

  it("the lost closing and the mentee's cancel at once: the cancel is refused while open, or settles without a refund", async () => {
    const m = await marketplace(t, 5000);
    for (let i = 0; i < 4; i++) {
      const b = await paidBooking(t, stripe, m);
      const created = stripe.disputeCharge(b.paymentIntentId);
      expect(await deliver(created)).toBe("applied");
      const closed = stripe.closeDispute(dpId(created), "lost");
      const [outcome, cancel] = await Promise.all([deliver(closed), t.gql(CANCEL, { id: b.globalId }, m.mentee.token)]);
      expect(outcome).toBe("applied");
      if (cancel.data.cancelBooking.__typename !== "CancelBookingSuccess") {
        // The cancel took the booking's lock first and found the dispute open: refused, nothing changed.
        expect(cancel.data.cancelBooking.__typename).toBe("InvalidTransitionError");
        expect((await t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("CONFIRMED");
        expect((await t.gql(CANCEL, { id: b.globalId }, m.mentee.token)).data.cancelBooking.__typename).toBe("CancelBookingSuccess");
      }
      await expectSettledByTheBank(m, b, { created, closed });
    }
  });

  it("cancelled late: the mentor gets no share of money the bank gave back", async () => {
    const m = await marketplace(t, 5000);
    const b = await startingSoon(m);
    const events = await lostDispute(b.paymentIntentId);
    const cancelled = (await t.gql(CANCEL, { id: b.globalId }, m.mentee.token)).data.cancelBooking;
    expect(cancelled).toEqual({ __typename: "CancelBookingSuccess", booking: { status: "CANCELLED", refund: null } });
    expect(await t.db.earningHold.count({ where: { bookingId: b.id } })).toBe(0);
    await expectSettledByTheBank(m, b, events);
  });

  it("declined, or expired unanswered, after a payment captured at checkout was charged back: no refund either", async () => {
    const m = await marketplace(t, 5000);
    const later = new Date(Date.now() + 200 * HOUR);
    for (const close of ["decline", "expire"] as const) {
      const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
      const id = rawId(booking.id);
      expect(await deliver(stripe.completeCheckout(checkoutSessionOf(stripe, id).id, { capture: "automatic" }))).toBe("applied");
      const b = { id, paymentIntentId: checkoutSessionOf(stripe, id).payment_intent as string };
      const events = await lostDispute(b.paymentIntentId);
      if (close === "decline") {
        const r = await t.gql(`mutation($id: ID!) { declineBooking(id: $id) { __typename } }`, { id: booking.id }, m.mentor.token);
        expect(r.data.declineBooking.__typename).toBe("DeclineBookingSuccess");
      } else {
        expect(await expireStaleBookings(t.app.services, () => undefined, later)).toMatchObject({ unanswered: 1, failed: 0 });
      }
      expect((await t.db.booking.findUniqueOrThrow({ where: { id } })).status).toBe(close === "decline" ? "DECLINED" : "EXPIRED");
      await expectSettledByTheBank(m, b, events);
    }
  });

  it("an admin's cancel with a partial refund refunds nothing more than the bank already returned", async () => {
    const m = await marketplace(t, 5000);
    const admin = await logInAdmin(t);
    const b = await paidBooking(t, stripe, m);
    const events = await lostDispute(b.paymentIntentId);
    const r = await t.gql(
      `mutation($id: ID!) { adminCancelBooking(id: $id, reason: "Charged back", refundCents: 2000) { __typename } }`,
      { id: b.globalId },
      admin.token,
    );
    expect(r.data.adminCancelBooking.__typename).toBe("AdminCancelBookingSuccess");
    await expectSettledByTheBank(m, b, events);
  });

  /** A confirmed booking with links whose charge's dispute (all of it, or `amount`) is lost, then completed by its mentor. */
  async function completedAfterLoss(m: Market, amount?: number) {
    const b = await paidBooking(t, stripe, m);
    await addLinks(t, m, b.globalId);
    const events = await lostDispute(b.paymentIntentId, amount);
    expect(await markComplete(t, m, b.globalId)).toBe("CompleteBookingSuccess");
    return { ...b, ...events };
  }

  it("completed later: the loss is recovered from the earning and the fee as if it had closed after completion; the mentor is paid only the rest", async () => {
    const m = await marketplace(t, 5000);
    const accountId = await connectMentor(t, stripe, rawId(m.mentor.id));
    // All of it disputed: nothing is left for the mentor.
    const whole = await completedAfterLoss(m);
    expect(await disputeOf(dpId(whole.created))).toMatchObject({ status: "LOST", recoveredCents: 5000, attention: null });
    expect(await t.db.earningHold.findUniqueOrThrow({ where: { bookingId: whole.id } })).toMatchObject({
      status: "RELEASED",
      amountCents: 0,
      feeCents: 0,
    });
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 0, owed: 0 });
    // 2000 of 5000 disputed: 1600 from the earning (80%), 400 from the fee; 2400 stays held.
    const part = await completedAfterLoss(m, 2000);
    expect(await disputeOf(dpId(part.created))).toMatchObject({ status: "LOST", recoveredCents: 2000, attention: null });
    expect(await t.db.earningHold.findUniqueOrThrow({ where: { bookingId: part.id } })).toMatchObject({
      status: "HELD",
      amountCents: 2400,
      feeCents: 600,
    });
    expect(await balances(m)).toEqual({ available: 0, held: 2400, frozen: 0, owed: 0 });
    const moves = await moneyMoves();
    for (const event of [whole.closed, whole.created, part.closed]) expect(await deliver(event)).toBe("duplicate");
    expect(await moneyMoves()).toBe(moves);
    await Promise.all([releaseAfter(t), releaseAfter(t)]);
    await runPayoutCycle(t.app.services);
    await runPayoutCycle(t.app.services);
    expect(transfersTo(stripe, accountId).map((x) => x.amount)).toEqual([2400]);
    await expectMoneySound(t.db);
  });

  it("the lost closing and the completion at once: the loss is recovered exactly once, whichever commits first", async () => {
    const m = await marketplace(t, 5000);
    for (let i = 0; i < 4; i++) {
      const { b, created } = await disputedBeforeCompletion(m);
      const closed = stripe.closeDispute(dpId(created), "lost");
      const [outcome, completed] = await Promise.all([deliver(closed), markComplete(t, m, b.globalId)]);
      expect(outcome).toBe("applied");
      expect(completed).toBe("CompleteBookingSuccess");
      expect(await disputeOf(dpId(created))).toMatchObject({ status: "LOST", recoveredCents: 5000, attention: null });
      expect(await t.db.ledgerTransaction.count({ where: { bookingId: b.id, kind: "DISPUTE_RECOVERY" } })).toBe(1);
      expect(await t.db.earningHold.findUniqueOrThrow({ where: { bookingId: b.id } })).toMatchObject({ amountCents: 0, frozen: false });
    }
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 0, owed: 0 });
    await expectMoneySound(t.db);
  });

  it("marked handled by an admin before completion: completing still recovers it, so the money adds up", async () => {
    const m = await marketplace(t, 5000);
    const admin = await logInAdmin(t);
    const b = await paidBooking(t, stripe, m);
    await addLinks(t, m, b.globalId);
    const events = await lostDispute(b.paymentIntentId);
    const dispute = await disputeOf(dpId(events.created));
    // A partner's or script's selection of only __typename is answered like any other.
    const handled = await t.gql(
      `mutation($id: ID!) { markDisputeHandled(id: $id, note: "Asked the mentor about the session") { __typename } }`,
      { id: dispute.id },
      admin.token,
    );
    expect(handled.errors).toBeUndefined();
    expect(handled.data).toEqual({ markDisputeHandled: { __typename: "MarkDisputeHandledSuccess" } });
    expect(await markComplete(t, m, b.globalId)).toBe("CompleteBookingSuccess");
    expect(await disputeOf(dpId(events.created))).toMatchObject({ status: "LOST", recoveredCents: 5000, attention: null });
    expect(await balances(m)).toEqual({ available: 0, held: 0, frozen: 0, owed: 0 });
    await expectMoneySound(t.db);
  });

  describe("and a problem report", () => {
    const REPORT = `mutation($id: ID!) { reportProblem(id: $id, reason: "The mentor never joined.") { __typename
      ... on ProblemReportRefusedError { refusal message } } }`;
    const RESOLVE = `mutation($id: ID!, $resolution: ProblemResolution!, $refundCents: Int) {
      resolveProblemReport(id: $id, resolution: $resolution, refundCents: $refundCents) { __typename
      ... on ValidationError { field rule message } } }`;

    it("reported after the loss: refused, the bank already returned the payment; nothing changes", async () => {
      const m = await marketplace(t, 5000);
      const b = await completedAfterLoss(m, 2000);
      const before = await dbFingerprint(t.db);
      const r = (await t.gql(REPORT, { id: b.globalId }, m.mentee.token)).data.reportProblem;
      expect(r).toMatchObject({ __typename: "ProblemReportRefusedError", refusal: "CHARGED_BACK" });
      expect(r.message).toMatch(/bank already returned/);
      expect(await dbFingerprint(t.db)).toEqual(before);
    });

    it("reported before the loss: the admin may only release what the dispute left to the mentor, once", async () => {
      const m = await marketplace(t, 5000);
      const admin = await logInAdmin(t);
      const b = await completedBooking(t, stripe, m);
      expect((await t.gql(REPORT, { id: b.globalId }, m.mentee.token)).data.reportProblem.__typename).toBe("ReportProblemSuccess");
      // 2000 of 5000 disputed and lost: 1600 of the 4000 earning and 400 of the fee recovered.
      const created = stripe.disputeCharge(b.paymentIntentId, { amount: 2000 });
      expect(await deliver(created)).toBe("applied");
      expect(await deliver(stripe.closeDispute(dpId(created), "lost"))).toBe("applied");
      expect(await balances(m)).toEqual({ available: 0, held: 2400, frozen: 0, owed: 0 });
      const before = await dbFingerprint(t.db);
      for (const [resolution, refundCents] of [
        ["REFUND_MENTEE", null],
        ["PARTIAL_REFUND", 1000],
      ] as const) {
        const answer = await t.gql(RESOLVE, { id: b.globalId, resolution, refundCents }, admin.token);
        expect(answer.errors).toBeUndefined();
        const r = answer.data.resolveProblemReport;
        expect(r).toMatchObject({ __typename: "ValidationError", field: "resolution", rule: "CHARGED_BACK" });
      }
      expect(await dbFingerprint(t.db)).toEqual(before);
      const release = () => t.gql(RESOLVE, { id: b.globalId, resolution: "RELEASE_TO_MENTOR" }, admin.token);
      const answers = await Promise.all([release(), release()]);
      expect(answers.map((a) => a.data.resolveProblemReport.__typename).sort()).toEqual([
        "ProblemReportNotOpenError",
        "ResolveProblemReportSuccess",
      ]);
      expect(await balances(m)).toEqual({ available: 2400, held: 0, frozen: 0, owed: 0 });
      expect(await t.db.refund.count({ where: { bookingId: b.id } })).toBe(0);
      await expectMoneySound(t.db);
    });
  });
});

// Payouts wait for the money that funds them: a mentor's share of a captured charge is paid out
// only once Stripe has it available. Against the stand-in, which holds captured charges as pending
// balance until they settle and reports its balance (GET /v1/balance): a run transfers only what
// the available balance covers, the other payouts stay PENDING ("waiting for funds") without a
// failure email, and after the charges settle the next run pays each exactly once; Stripe's own
// balance_insufficient is treated the same. A transfer Stripe refuses shows the mentor plain
// words, not Stripe's code.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WEBHOOK_SECRET, type TestApp, startStripeApp } from "./support/harness.ts";
import { marketplace, rawId, requestBooking } from "./support/fixtures.ts";
import type { StripeStandIn } from "./support/stripe-stand-in.ts";
import { connectMentor, transfersTo } from "./support/payout-fixtures.ts";
import { expectMoneySound } from "./support/money-checks.ts";
import { runPayoutCycle } from "../server/payouts/cycle.ts";
import { accountBalance, mentorAccount } from "../server/ledger/ledger.ts";
import { plainTransferFailure } from "../server/payouts/transfer-errors.ts";
import { checkoutSessionOf } from "./support/completion-fixtures.ts";

let stripe: StripeStandIn;
let t: TestApp;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ stripe, t, stop } = await startStripeApp({ PAYOUT_TRANSFERS_PER_SECOND: "100" }));
});
afterAll(() => stop?.());
beforeEach(() => stripe.clearFailures());

const LINKS = { availabilityLink: "https://cal.example/slots", meetingLink: "https://meet.example/room" };
const sessionOf = (bookingId: string) => checkoutSessionOf(stripe, bookingId);
const PAYOUTS = `query { earnings { balance { amountCents } payouts(first: 5) { edges { node { status failureReason waitingReason amount { amountCents } } } } } }`;

/** A completed session: authorised, confirmed (captured), links added, completed; the mentor's share is on the balance. */
async function completedSession(m: Awaited<ReturnType<typeof marketplace>>) {
  const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
  const id = rawId(booking.id);
  const response = await stripe.deliver(`${t.url}/webhooks/stripe`, stripe.completeCheckout(sessionOf(id).id), WEBHOOK_SECRET);
  expect(response.status).toBe(200);
  for (const [op, extra] of [
    ["mutation($id: ID!) { confirmBooking(id: $id) { __typename } }", {}],
    [
      "mutation($id: ID!, $a: String!, $m: String!) { addBookingLinks(id: $id, availabilityLink: $a, meetingLink: $m) { __typename } }",
      { a: LINKS.availabilityLink, m: LINKS.meetingLink },
    ],
    ["mutation($id: ID!) { completeBooking(id: $id) { __typename } }", {}],
  ] as const) {
    const result = await t.gql(op, { id: booking.id, ...extra }, m.mentor.token);
    expect(Object.values(result.data)[0]).toMatchObject({ __typename: expect.stringMatching(/Success$/) });
  }
  return id;
}

const emailsTo = (email: string, prefix: string) => t.db.emailMessage.findMany({ where: { to: email, dedupeKey: { startsWith: prefix } } });

/** One payout of 4000, PAID, with no failure ever told: one "processed" email, the balance empty. */
async function expectPaidOnce(email: string, mentorId: string) {
  expect(await t.db.payout.findMany({ where: { mentorId } })).toMatchObject([{ status: "PAID", amountCents: 4000, deferredReason: null }]);
  expect(await emailsTo(email, "payout-failed")).toHaveLength(0);
  expect(await emailsTo(email, "payout-processed")).toHaveLength(1);
  expect(await accountBalance(t.db, mentorAccount(mentorId))).toBe(0);
}

describe("payouts funded by captured charges", () => {
  it("balance_insufficient until the charge settles: PENDING without a failure email, then paid exactly once", async () => {
    stripe.state.availableBalance = new Map([["usd", 0]]);
    try {
      const m = await marketplace(t, 5000);
      const mentorId = rawId(m.mentor.id);
      const account = await connectMentor(t, stripe, mentorId);
      await completedSession(m);
      expect(await accountBalance(t.db, mentorAccount(mentorId))).toBe(4000);
      expect(stripe.state.pendingBalance.get("usd")).toBe(5000);

      for (let run = 1; run <= 2; run++) {
        const summary = await runPayoutCycle(t.app.services);
        expect(summary).toMatchObject({ paid: 0, failed: 0, deferred: 1 });
        const payout = await t.db.payout.findFirstOrThrow({ where: { mentorId } });
        expect(payout).toMatchObject({ status: "PENDING", deferrals: run, claimedUntil: null });
      }
      expect(transfersTo(stripe, account)).toHaveLength(0);
      const seen = await t.gql(PAYOUTS, {}, m.mentor.token);
      expect(seen.data.earnings.payouts.edges[0].node).toMatchObject({
        status: "PENDING",
        failureReason: null,
        waitingReason: plainTransferFailure("balance_insufficient"),
      });
      expect(await emailsTo(m.mentor.email, "payout-failed")).toHaveLength(0);

      stripe.settleCharges();
      const summary = await runPayoutCycle(t.app.services);
      expect(summary).toMatchObject({ paid: 1, failed: 0, deferred: 0 });
      expect(await runPayoutCycle(t.app.services)).toMatchObject({ paid: 0, deferred: 0 });
      expect(transfersTo(stripe, account)).toHaveLength(1);
      expect(transfersTo(stripe, account)[0]).toMatchObject({ amount: 4000 });
      await expectPaidOnce(m.mentor.email, mentorId);
      await expectMoneySound(t.db);
    } finally {
      stripe.state.availableBalance = undefined;
      stripe.state.pendingBalance.clear();
    }
  });

  it("pays only what the available balance covers; the others wait without a failure and are paid once after the charges settle", async () => {
    stripe.state.availableBalance = new Map([["usd", 0]]);
    try {
      const mentors: { m: Awaited<ReturnType<typeof marketplace>>; mentorId: string; account: string }[] = [];
      for (let i = 0; i < 3; i++) {
        const m = await marketplace(t, 5000);
        const mentorId = rawId(m.mentor.id);
        mentors.push({ m, mentorId, account: await connectMentor(t, stripe, mentorId) });
        await completedSession(m);
        // The first mentee's charge settles at once; the other two stay pending at Stripe.
        if (i === 0) stripe.settleCharges();
      }
      // The platform's balance as Stripe reports it (GET /v1/balance, through the payout gateway).
      expect(await t.app.services.payouts.availableBalance()).toEqual(new Map([["usd", 5000]]));
      const transfers = () => mentors.map(({ account }) => transfersTo(stripe, account).map((x) => x.amount));
      const transferRequests = () => stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/transfers").length;

      // 5000 available covers one 4000 payout: whichever mentor comes first is paid, the others wait.
      const requestsBefore = transferRequests();
      expect(await runPayoutCycle(t.app.services)).toMatchObject({ paid: 1, failed: 0, deferred: 2, pending: 0 });
      expect(transferRequests() - requestsBefore).toBe(1); // the others were not even asked for
      expect(transfers().flat()).toEqual([4000]);
      const waiting = mentors.filter((_, i) => transfers()[i]!.length === 0);
      expect(waiting).toHaveLength(2);
      for (const { m, mentorId } of waiting) {
        expect(await t.db.payout.findFirstOrThrow({ where: { mentorId } })).toMatchObject({ status: "PENDING", claimedUntil: null });
        const node = (await t.gql(PAYOUTS, {}, m.mentor.token)).data.earnings.payouts.edges[0].node;
        expect(node).toMatchObject({ status: "PENDING", failureReason: null, waitingReason: plainTransferFailure("balance_insufficient") });
      }
      // Another run before the charges settle: nothing more is paid, nothing paid twice.
      expect(await runPayoutCycle(t.app.services)).toMatchObject({ paid: 0, failed: 0, deferred: 2 });
      expect(transfers().flat()).toEqual([4000]);

      stripe.settleCharges();
      expect(await runPayoutCycle(t.app.services)).toMatchObject({ paid: 2, failed: 0, deferred: 0 });
      expect(await runPayoutCycle(t.app.services)).toMatchObject({ paid: 0, failed: 0, deferred: 0 });
      expect(transfers()).toEqual([[4000], [4000], [4000]]);
      expect(await t.app.services.payouts.availableBalance()).toEqual(new Map([["usd", 3000]]));
      for (const { m, mentorId } of mentors) await expectPaidOnce(m.mentor.email, mentorId);
      await expectMoneySound(t.db);
    } finally {
      stripe.state.availableBalance = undefined;
      stripe.state.pendingBalance.clear();
    }
  });

  it("Stripe's own balance_insufficient (the balance was spent after the run read it) is waiting too, paid once on the next run", async () => {
    const m = await marketplace(t, 3000);
    const mentorId = rawId(m.mentor.id);
    const account = await connectMentor(t, stripe, mentorId);
    await completedSession(m);
    stripe.failNext("POST /v1/transfers", 400, {
      code: "balance_insufficient",
      message: "You have insufficient available funds in your Stripe account.",
    });
    expect(await runPayoutCycle(t.app.services)).toMatchObject({ paid: 0, failed: 0, deferred: 1 });
    expect(await t.db.payout.findFirstOrThrow({ where: { mentorId } })).toMatchObject({ status: "PENDING", deferrals: 1 });
    expect(await runPayoutCycle(t.app.services)).toMatchObject({ paid: 1, failed: 0, deferred: 0 });
    expect(transfersTo(stripe, account).map((x) => x.amount)).toEqual([2400]);
    expect(await emailsTo(m.mentor.email, "payout-failed")).toHaveLength(0);
    await expectMoneySound(t.db);
  });

  it("a refused transfer fails the payout with plain words for the mentor, the amount back on the balance", async () => {
    const m = await marketplace(t, 2500);
    const mentorId = rawId(m.mentor.id);
    await connectMentor(t, stripe, mentorId);
    await completedSession(m);
    stripe.failNext("POST /v1/transfers", 400, {
      code: "account_invalid",
      message: "acct_123 is not a valid destination: internal detail",
    });
    expect(await runPayoutCycle(t.app.services)).toMatchObject({ failed: 1 });
    const seen = await t.gql(PAYOUTS, {}, m.mentor.token);
    const node = seen.data.earnings.payouts.edges[0].node;
    expect(node.status).toBe("FAILED");
    expect(node.failureReason).toBe(plainTransferFailure("account_invalid"));
    expect(node.failureReason).not.toMatch(/acct_|internal/);
    expect(seen.data.earnings.balance.amountCents).toBe(2000);
    const [email] = await emailsTo(m.mentor.email, "payout-failed");
    expect(email?.textBody).toContain(plainTransferFailure("account_invalid"));
    await expectMoneySound(t.db);
  });

  it("maps every known code to a sentence and an unknown one to a generic sentence", () => {
    expect(plainTransferFailure("insufficient_capabilities_for_transfer")).toMatch(/Finish setting it up/);
    expect(plainTransferFailure("something_new")).toMatch(/Stripe refused the transfer/);
    expect(plainTransferFailure(undefined)).toMatch(/Stripe refused the transfer/);
  });
});

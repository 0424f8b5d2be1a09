// Earnings through GraphQL over the whole lifecycle: pending while confirmed, the mentor's share
// (price minus the rounded fee) on complete, a payout in the offline simulator, the history and
// the monthly series.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { print } from "graphql";
import { EarningsDocument } from "../client/src/gql/graphql.ts";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, OPS, marketplace, paidBooking, rawId, signUp } from "./support/fixtures.ts";
import { auditLedger } from "../server/ledger/ledger.ts";
import { runPayoutCycle } from "../server/payouts/cycle.ts";
import { splitFee } from "../server/shared/money.ts";
import { earningsSummary, monthlyEarnings, monthStart } from "../server/payouts/earnings.ts";
import type { Db } from "../server/db/client.ts";

/**
 * The Earnings figures as the page reads them (one statement sent to the driver) and as a
 * transaction's client reads them (the separate Prisma queries): they must agree.
 */
async function expectOneStatementAgrees(db: Db, mentorId: string) {
  const [summary, months] = [await earningsSummary(db, mentorId), await monthlyEarnings(db, mentorId, 3)];
  const [separate, separateMonths] = await db.$transaction(async (tx) => [
    await earningsSummary(tx as Db, mentorId),
    await monthlyEarnings(tx as Db, mentorId, 3),
  ]);
  expect(summary).toEqual(separate);
  expect(months).toEqual(separateMonths);
  return summary;
}

const EARNINGS = `query($months: Int, $first: Int, $after: String) { earnings {
  balance { amountCents currency formatted } totalEarned { amountCents } pending { amountCents } pendingBookings
  paidOut { amountCents } minimumPayout { amountCents }
  stripe { status payoutsEnabled }
  payouts(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { id status amount { amountCents currency } createdAt paidAt failedAt failureReason } } }
  monthly(months: $months) { month earned { amountCents } paidOut { amountCents } } } }`;
const CONNECT = `mutation { connectStripeAccount { __typename ... on ConnectStripeAccountSuccess { url } } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS, scheduler: false });
});
afterAll(async () => t?.stop());

describe("earnings", () => {
  it("follows the money from payment to payout", async () => {
    const price = 4999;
    const share = splitFee(price, 20).mentorCents;
    expect(share).toBe(3999);
    const m = await marketplace(t, price);
    const read = async (vars: Record<string, unknown> = {}) => {
      const result = await t.gql(EARNINGS, { months: 3, ...vars }, m.mentor.token);
      expect(result.errors).toBeUndefined();
      return result.data.earnings;
    };

    const id = await paidBooking(t, m);
    let e = await read();
    expect(e).toMatchObject({
      balance: { amountCents: 0, currency: "USD", formatted: "$0.00" },
      totalEarned: { amountCents: 0 },
      pending: { amountCents: 0 },
      pendingBookings: 0,
      paidOut: { amountCents: 0 },
      minimumPayout: { amountCents: 1000 },
      stripe: { status: "NOT_CONNECTED", payoutsEnabled: false },
      payouts: { totalCount: 0, edges: [] },
    });

    expect((await t.gql(OPS.confirmBooking, { id }, m.mentor.token)).data.confirmBooking.__typename).toBe("ConfirmBookingSuccess");
    e = await read();
    expect(e.pending.amountCents).toBe(share);
    expect(e.pendingBookings).toBe(1);
    expect(e.balance.amountCents).toBe(0);

    const links = { id, availabilityLink: "https://calendar.example.com/book", meetingLink: "https://meet.example.com/abc" };
    expect((await t.gql(OPS.addBookingLinks, links, m.mentor.token)).data.addBookingLinks.__typename).toBe("AddBookingLinksSuccess");
    expect((await t.gql(OPS.completeBooking, { id }, m.mentor.token)).data.completeBooking.__typename).toBe("CompleteBookingSuccess");
    e = await read();
    expect(e.balance.amountCents).toBe(share);
    expect(e.totalEarned.amountCents).toBe(share);
    expect(e.pending.amountCents).toBe(0);
    expect(e.pendingBookings).toBe(0);
    const thisMonth = monthStart(new Date());
    expect(e.monthly.map((x: { month: string }) => x.month)).toEqual([
      monthStart(thisMonth, -2).toISOString(),
      monthStart(thisMonth, -1).toISOString(),
      thisMonth.toISOString(),
    ]);
    expect(e.monthly.map((x: { earned: { amountCents: number } }) => x.earned.amountCents)).toEqual([0, 0, share]);

    // Not connected: never paid.
    await runPayoutCycle(t.app.services);
    expect((await read()).payouts.totalCount).toBe(0);

    // Connect in the offline simulator, then a payout cycle.
    const connect = await t.gql(CONNECT, {}, m.mentor.token);
    const onboarding = new URL(connect.data.connectStripeAccount.url);
    expect((await fetch(`${t.url}${onboarding.pathname}${onboarding.search}`, { method: "POST", redirect: "manual" })).status).toBe(303);
    expect((await read()).stripe).toEqual({ status: "ACTIVE", payoutsEnabled: true });
    const summary = await runPayoutCycle(t.app.services);
    expect(summary).toMatchObject({ paid: 1, failed: 0, totalCents: share });

    e = await read();
    expect(e.balance.amountCents).toBe(0);
    expect(e.totalEarned.amountCents).toBe(share);
    expect(e.paidOut.amountCents).toBe(share);
    expect(e.payouts.totalCount).toBe(1);
    expect(e.payouts.edges[0].node).toMatchObject({
      status: "PAID",
      amount: { amountCents: share, currency: "USD" },
      failedAt: null,
      failureReason: null,
    });
    expect(e.payouts.edges[0].node.paidAt).not.toBeNull();
    expect(e.monthly.at(-1)).toEqual({ month: thisMonth.toISOString(), earned: { amountCents: share }, paidOut: { amountCents: share } });

    const payout = await t.db.payout.findFirstOrThrow({ where: { mentorId: rawId(m.mentor.id) } });
    const email = await t.db.emailMessage.findUniqueOrThrow({ where: { dedupeKey: `payout-processed:${payout.id}` } });
    expect(email).toMatchObject({ to: m.mentor.email, tag: "payout-processed" });
    expect(email.textBody).toContain("$39.99");

    const audit = await auditLedger(t.db);
    expect(audit.debitsMinusCredits).toBe(0);
    expect(audit.accounts.find((a) => a.code === `mentor:${rawId(m.mentor.id)}`)?.balanceCents).toBe(0);
    expect(await expectOneStatementAgrees(t.db, rawId(m.mentor.id))).toMatchObject({
      totalEarnedCents: share,
      paidOutCents: share,
      payoutCount: 1,
    });
  });

  it("lists payouts newest first, page by page", async () => {
    const m = await marketplace(t, 2000);
    const mentorId = rawId(m.mentor.id);
    const created = [];
    for (let i = 0; i < 3; i += 1) {
      created.push(
        await t.db.payout.create({
          data: {
            mentorId,
            amountCents: 1000 + i,
            currency: "usd",
            status: "FAILED",
            stripeAccountId: "acct_x",
            failureReason: `reason ${i}`,
            createdAt: new Date(Date.now() - (3 - i) * 60_000),
          },
        }),
      );
    }
    const first = await t.gql(EARNINGS, { first: 2 }, m.mentor.token);
    const page1 = first.data.earnings.payouts;
    expect(page1.totalCount).toBe(3);
    expect(page1.edges.map((e: { node: { amount: { amountCents: number } } }) => e.node.amount.amountCents)).toEqual([1002, 1001]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql(EARNINGS, { first: 2, after: page1.pageInfo.endCursor }, m.mentor.token);
    expect(second.data.earnings.payouts.edges.map((e: { node: { failureReason: string } }) => e.node.failureReason)).toEqual(["reason 0"]);
  });

  it("is the signed-in mentor's only", async () => {
    const anonymous = await t.gql(`query { earnings { balance { amountCents } } }`);
    expect(anonymous.data?.earnings ?? null).toBeNull();
    const mentee = await signUp(t, "MENTEE");
    const asMentee = await t.gql(`query { earnings { balance { amountCents } } }`, {}, mentee.token);
    expect(asMentee.data?.earnings ?? null).toBeNull();
  });

  it("refuses a chart of 0 or more than 120 months with a clear error", async () => {
    const m = await marketplace(t);
    for (const months of [0, -3, 121]) {
      const result = await t.gql(`query($months: Int) { earnings { monthly(months: $months) { month } } }`, { months }, m.mentor.token);
      expect(result.errors?.[0]).toMatchObject({
        message: `months must be between 1 and 120, got ${months}.`,
        extensions: { code: "INVALID_INPUT", field: "months" },
      });
    }
    const ok = await t.gql(`query { earnings { monthly(months: 120) { month } } }`, {}, m.mentor.token);
    expect(ok.data.earnings.monthly).toHaveLength(120);
  });
});

describe("earnings reads", () => {
  it("take a fixed, small number of SQL statements however many payouts and bookings there are", async () => {
    const { openDatabase } = await import("../server/db/client.ts");
    const statements: string[] = [];
    const database = await openDatabase({ pgliteDataDir: "memory", onQuery: (sql) => statements.push(sql) });
    const counted = await startTestApp({
      vars: ADMIN_VARS,
      scheduler: false,
      shared: { database, url: undefined, drop: () => database.close() },
    });
    try {
      const m = await marketplace(counted, 3000);
      const mentorId = rawId(m.mentor.id);
      const countFor = async () => {
        statements.length = 0;
        // The client's own Earnings page.
        const result = await counted.gql(print(EarningsDocument), { payoutsFirst: 20 }, m.mentor.token);
        expect(result.errors).toBeUndefined();
        return statements.filter((sql) => !sql.includes('"AuthToken"')).length;
      };
      const addPayouts = (n: number) =>
        counted.db.payout.createMany({
          data: Array.from({ length: n }, (_, i) => ({
            mentorId,
            amountCents: 1000 + i,
            currency: "usd",
            status: "FAILED" as const,
            stripeAccountId: "acct_x",
          })),
        });
      await addPayouts(1);
      await paidBooking(counted, m);
      const few = await countFor();
      await addPayouts(10);
      for (let i = 0; i < 3; i += 1) {
        const id = await paidBooking(counted, m);
        await counted.gql(OPS.confirmBooking, { id }, m.mentor.token);
      }
      const many = await countFor();
      expect(many).toBe(few);
      // The figures (balances, held earnings, pending, total earned, paid out, the payouts'
      // count, the Stripe account), the months, the payouts page, the reliability figures.
      expect(many).toBe(4);
      const summary = await expectOneStatementAgrees(counted.db, mentorId);
      expect(summary).toMatchObject({ payoutCount: 11, pending: { bookings: 3 } });
    } finally {
      await counted.stop();
      await database.close();
    }
  });
});

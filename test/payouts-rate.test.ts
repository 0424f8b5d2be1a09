// Payout cycles against a rate-limited, slow Stripe stand-in: transfers go concurrently within
// PAYOUT_TRANSFERS_PER_SECOND, requests turned away with 429 are backed off and retried in the
// same run, and whatever happens each payout is paid exactly once and the ledger balances.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { startStripeStandIn, type StripeStandIn } from "./support/stripe-stand-in.ts";
import { connectMentor, createMentor, creditEarning, STRIPE_VARS, transfersTo } from "./support/payout-fixtures.ts";
import { accountBalance, auditLedger, mentorAccount } from "../server/ledger/ledger.ts";
import { RATE_LIMITED_ATTEMPTS, runPayoutCycle } from "../server/payouts/cycle.ts";

const RATE = 10;
let stripe: StripeStandIn;
let t: TestApp;

beforeAll(async () => {
  stripe = await startStripeStandIn();
  t = await startTestApp({ vars: { ...STRIPE_VARS(stripe), PAYOUT_TRANSFERS_PER_SECOND: String(RATE) }, scheduler: false });
  expect(t.app.services.env.payoutTransfersPerSecond).toBe(RATE);
});
afterAll(async () => {
  await t?.stop();
  await stripe?.stop();
});
afterEach(() => {
  stripe.limitRate(null);
  stripe.clearFailures();
});

async function mentorsWithBalances(cents: number[]) {
  const mentors = [];
  for (const amount of cents) {
    const mentor = await createMentor(t.db);
    await creditEarning(t.db, mentor.id, amount);
    mentors.push({ mentor, cents: amount, accountId: await connectMentor(t, stripe, mentor.id) });
  }
  return mentors;
}

/** Each mentor has exactly one transfer of their whole balance, their payout is PAID with it, the balance is 0. */
async function expectPaidOnce(mentors: Awaited<ReturnType<typeof mentorsWithBalances>>) {
  for (const m of mentors) {
    const transfers = transfersTo(stripe, m.accountId);
    expect(transfers, `transfers to mentor with ${m.cents}`).toHaveLength(1);
    expect(transfers[0]!.amount).toBe(m.cents);
    const payouts = await t.db.payout.findMany({ where: { mentorId: m.mentor.id } });
    expect(payouts).toHaveLength(1);
    expect(payouts[0]).toMatchObject({ status: "PAID", amountCents: m.cents, stripeTransferId: transfers[0]!.id });
    expect(transfers[0]!.metadata.payoutId).toBe(payouts[0]!.id);
    expect(await accountBalance(t.db, mentorAccount(m.mentor.id))).toBe(0);
  }
  const audit = await auditLedger(t.db);
  expect(audit.debitsMinusCredits).toBe(0);
  for (const account of audit.accounts) expect(account.balanceCents, account.code).toBe(account.fromEntriesCents);
}

const transferPosts = () => stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/transfers");

/** The most requests that arrived at the stand-in within any 1000 ms. */
function mostInOneSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]! - sorted[j]! >= 1000) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe("payouts at the rate limit", () => {
  it("makes transfers concurrently within the configured rate, printing progress", async () => {
    const mentors = await mentorsWithBalances(Array.from({ length: 20 }, (_, i) => 1000 + i));
    const before = stripe.requests.length;
    // Stripe allows twice the configured rate (room for a busy test machine's late timers) and
    // answers slowly: the cycle needs several transfers in flight at once, and never hits the limit.
    stripe.limitRate({ perSecond: RATE * 2, latencyMs: [150, 250] });
    stripe.resetStats();
    const lines: string[] = [];
    const summary = await runPayoutCycle(t.app.services, { log: (line) => lines.push(line), progressEveryMs: 200 });

    expect(summary).toMatchObject({ paid: 20, failed: 0, pending: 0, skipped: 0 });
    expect(summary.totalCents).toBe(mentors.reduce((sum, m) => sum + m.cents, 0));
    const during = stripe.requests.slice(before);
    expect(during.filter((r) => r.status === 429)).toHaveLength(0);
    expect(mostInOneSecond(during.map((r) => r.at))).toBeLessThanOrEqual(RATE * 2);
    expect(stripe.stats.maxInFlight).toBeGreaterThan(1);
    expect(lines.some((line) => line.startsWith("progress: mentors "))).toBe(true);
    await expectPaidOnce(mentors);
  });

  it("retries requests turned away with 429 in the same run; two concurrent runs pay each mentor exactly once", async () => {
    const mentors = await mentorsWithBalances([1500, 2500, 3500, 4500, 1234, 5678, 1001, 9999]);
    const before = stripe.requests.length;
    // Stripe allows a third of the configured rate: most first attempts get 429.
    stripe.limitRate({ perSecond: 3, latencyMs: [20, 60] });
    const [first, second] = await Promise.all([
      runPayoutCycle(t.app.services, { backoffBaseMs: 50 }),
      runPayoutCycle(t.app.services, { backoffBaseMs: 50 }),
    ]);

    expect(first.paid + second.paid).toBe(8);
    expect(first.pending + second.pending + first.failed + second.failed).toBe(0);
    expect(first.totalCents + second.totalCents).toBe(mentors.reduce((sum, m) => sum + m.cents, 0));
    const posts = transferPosts().filter((r) => stripe.requests.indexOf(r) >= before);
    const refused = posts.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    // Every refused request was sent again with its payout's idempotency key, and went through.
    for (const r of refused) {
      expect(posts.some((p) => p.status === 200 && p.idempotencyKey === r.idempotencyKey && p.at > r.at)).toBe(true);
    }
    expect(new Set(posts.filter((r) => r.status === 200).map((r) => r.idempotencyKey)).size).toBe(8);
    await expectPaidOnce(mentors);
  });

  it("waits as long as Retry-After says before trying again", async () => {
    const [m] = await mentorsWithBalances([2200]);
    stripe.failNext(
      (r) => r.method === "POST" && r.path === "/v1/transfers" && r.params.destination === m!.accountId,
      429,
      { code: "rate_limit" },
      { headers: { "retry-after": "1" } },
    );
    const before = stripe.requests.length;
    const summary = await runPayoutCycle(t.app.services, { backoffBaseMs: 1 });
    expect(summary).toMatchObject({ paid: 1, pending: 0 });
    const posts = transferPosts().filter((r) => stripe.requests.indexOf(r) >= before);
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    // A timer may fire a millisecond early.
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(990);
    await expectPaidOnce([m!]);
  });

  it(`leaves a payout PENDING after ${RATE_LIMITED_ATTEMPTS} refusals with 429; the next run pays it once`, async () => {
    const [m] = await mentorsWithBalances([3100]);
    const mine = (r: { method: string; path: string; params: Record<string, unknown> }) =>
      r.method === "POST" && r.path === "/v1/transfers" && r.params.destination === m!.accountId;
    stripe.failNext(mine, 429, { code: "rate_limit" }, { times: RATE_LIMITED_ATTEMPTS });
    const first = await runPayoutCycle(t.app.services, { backoffBaseMs: 1 });
    expect(first).toMatchObject({ paid: 0, pending: 1, failed: 0 });
    expect(transfersTo(stripe, m!.accountId)).toHaveLength(0);
    const payout = await t.db.payout.findFirstOrThrow({ where: { mentorId: m!.mentor.id } });
    expect(payout).toMatchObject({ status: "PENDING", amountCents: 3100 });
    expect(await accountBalance(t.db, mentorAccount(m!.mentor.id))).toBe(0);

    // The next run's lookup is refused once too, then answers; the transfer is made once.
    stripe.failNext((r) => r.method === "GET" && r.path === "/v1/transfers", 429, { code: "rate_limit" });
    const second = await runPayoutCycle(t.app.services, { backoffBaseMs: 1 });
    expect(second).toMatchObject({ paid: 1, pending: 0 });
    const posts = stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/transfers" && r.params.destination === m!.accountId);
    expect(posts.map((r) => r.status)).toEqual([...Array(RATE_LIMITED_ATTEMPTS).fill(429), 200]);
    expect(new Set(posts.map((r) => r.idempotencyKey))).toEqual(new Set([payout.id]));
    await expectPaidOnce([m!]);
  });
});

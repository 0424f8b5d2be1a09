// Payout cycles against the Stripe stand-in through the official SDK: concurrency, the
// threshold, crashes between the transfer and its commit, permanent and transient failures,
// reversals, and mentors who must never be paid. Ledger audits after each.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startTestApp, WEBHOOK_SECRET, type TestApp } from "./support/harness.ts";
import { startStripeStandIn, type StripeStandIn } from "./support/stripe-stand-in.ts";
import { connectMentor, createMentor, creditEarning, STRIPE_VARS, transfersTo } from "./support/payout-fixtures.ts";
import { accountBalance, auditLedger, mentorAccount } from "../server/ledger/ledger.ts";
import { runPayoutCycle } from "../server/payouts/cycle.ts";

let stripe: StripeStandIn;
let t: TestApp;

beforeAll(async () => {
  stripe = await startStripeStandIn();
  t = await startTestApp({ vars: STRIPE_VARS(stripe), scheduler: false });
  expect(t.app.services.payouts.mode).toBe("stripe");
});
afterAll(async () => {
  await t?.stop();
  await stripe?.stop();
});
beforeEach(() => stripe.clearFailures());
afterEach(() => vi.restoreAllMocks());

const quietErrors = () => vi.spyOn(console, "error").mockImplementation(() => undefined);

async function expectLedgerConsistent() {
  const audit = await auditLedger(t.db);
  expect(audit.debitsMinusCredits).toBe(0);
  for (const account of audit.accounts) expect(account.balanceCents, account.code).toBe(account.fromEntriesCents);
}

/** Every PAID payout has exactly one transfer at Stripe of its amount, and no transfer is unaccounted for. */
async function expectPayoutsMatchTransfers() {
  const payouts = await t.db.payout.findMany();
  const transfers = [...stripe.state.transfers.values()];
  for (const transfer of transfers) {
    const payout = payouts.find((p) => p.id === transfer.metadata.payoutId)!;
    expect(payout, `transfer ${transfer.id} has a payout`).toBeDefined();
    expect(transfer.amount).toBe(payout.amountCents);
    expect(transfer.destination).toBe(payout.stripeAccountId);
    expect(transfer.transfer_group).toBe(`payout:${payout.id}`);
  }
  for (const payout of payouts.filter((p) => p.status === "PAID")) {
    expect(transfers.filter((tr) => tr.metadata.payoutId === payout.id)).toHaveLength(1);
    expect(payout.stripeTransferId).toBe(transfers.find((tr) => tr.metadata.payoutId === payout.id)!.id);
  }
}

async function mentorWithBalance(cents: number, connection: "enabled" | "onboarding" | "none" = "enabled") {
  const mentor = await createMentor(t.db);
  if (cents > 0) await creditEarning(t.db, mentor.id, cents);
  const accountId = connection === "none" ? null : await connectMentor(t, stripe, mentor.id, connection === "enabled");
  return { mentor, accountId, cents };
}

describe("payout cycles", () => {
  it("pays each of 50 mentors around the threshold exactly once across two concurrent cycles and a third", async () => {
    const amounts = [998, 999, 1000, 1001, 1002];
    const mentors = [];
    for (let i = 0; i < 50; i += 1) mentors.push(await mentorWithBalance(amounts[i % amounts.length]!));
    // Never paid: not connected, onboarding not finished.
    const unconnected = await mentorWithBalance(5000, "none");
    const onboarding = await mentorWithBalance(5000, "onboarding");

    const [first, second] = await Promise.all([runPayoutCycle(t.app.services), runPayoutCycle(t.app.services)]);
    const third = await runPayoutCycle(t.app.services);

    const eligible = mentors.filter((m) => m.cents >= 1000);
    expect(eligible).toHaveLength(30);
    expect(first.paid + second.paid + third.paid).toBe(30);
    expect(first.totalCents + second.totalCents + third.totalCents).toBe(eligible.reduce((s, m) => s + m.cents, 0));
    expect(first.failed + second.failed + third.failed).toBe(0);
    expect(third.paid).toBe(0);

    for (const m of mentors) {
      const transfers = transfersTo(stripe, m.accountId!);
      const balance = await accountBalance(t.db, mentorAccount(m.mentor.id));
      if (m.cents >= 1000) {
        expect(transfers, `mentor with ${m.cents}`).toHaveLength(1);
        expect(transfers[0]!.amount).toBe(m.cents);
        expect(balance).toBe(0);
      } else {
        expect(transfers, `mentor with ${m.cents}`).toHaveLength(0);
        expect(balance).toBe(m.cents);
      }
    }
    expect(transfersTo(stripe, onboarding.accountId!)).toHaveLength(0);
    expect(await accountBalance(t.db, mentorAccount(unconnected.mentor.id))).toBe(5000);
    expect(await accountBalance(t.db, mentorAccount(onboarding.mentor.id))).toBe(5000);
    expect(await t.db.payout.count({ where: { mentorId: { in: [unconnected.mentor.id, onboarding.mentor.id] } } })).toBe(0);
    expect(await t.db.payout.count({ where: { status: "PAID" } })).toBeGreaterThanOrEqual(30);
    expect(await t.db.payout.count({ where: { status: { not: "PAID" } } })).toBe(0);
    // One processed email per payout.
    const paid = await t.db.payout.findMany({ where: { mentorId: { in: eligible.map((m) => m.mentor.id) } } });
    expect(await t.db.emailMessage.count({ where: { dedupeKey: { in: paid.map((p) => `payout-processed:${p.id}`) } } })).toBe(30);
    await expectLedgerConsistent();
    await expectPayoutsMatchTransfers();
  }, 120_000);

  it("finishes a payout whose transfer Stripe made but whose response was lost, without paying twice", async () => {
    const m = await mentorWithBalance(2500);
    quietErrors();
    // Every attempt (the SDK retries twice) is processed at Stripe and the response dropped.
    stripe.failNext((r) => r.method === "POST" && r.path === "/v1/transfers" && r.params.destination === m.accountId, "drop", undefined, {
      when: "after",
      times: 3,
    });
    const first = await runPayoutCycle(t.app.services);
    expect(first.pending).toBe(1);
    expect(transfersTo(stripe, m.accountId!)).toHaveLength(1);
    const pending = await t.db.payout.findFirstOrThrow({ where: { mentorId: m.mentor.id } });
    expect(pending).toMatchObject({ status: "PENDING", amountCents: 2500, stripeTransferId: null });
    expect(await accountBalance(t.db, mentorAccount(m.mentor.id))).toBe(0);

    // More money arrives meanwhile: it waits for the next payout (one in flight per mentor).
    await creditEarning(t.db, m.mentor.id, 1500);
    const second = await runPayoutCycle(t.app.services);
    expect(second.paid).toBeGreaterThanOrEqual(1);
    const done = await t.db.payout.findUniqueOrThrow({ where: { id: pending.id } });
    expect(done.status).toBe("PAID");
    expect(done.stripeTransferId).toBe(transfersTo(stripe, m.accountId!)[0]!.id);
    // The lookup by transfer_group found it: the 2500 transfer exists once; the new 1500 once.
    expect(
      transfersTo(stripe, m.accountId!)
        .map((tr) => tr.amount)
        .sort(),
    ).toEqual([1500, 2500]);
    expect(
      stripe.requests.some((r) => r.method === "GET" && r.path === "/v1/transfers" && r.query.transfer_group === `payout:${pending.id}`),
    ).toBe(true);
    expect(await accountBalance(t.db, mentorAccount(m.mentor.id))).toBe(0);
    await runPayoutCycle(t.app.services);
    expect(transfersTo(stripe, m.accountId!)).toHaveLength(2);
    await expectLedgerConsistent();
    await expectPayoutsMatchTransfers();
  }, 60_000);

  it("recovers from a run that died between the transfer and its commit: the lease keeps others off, then the next run records it", async () => {
    const m = await mentorWithBalance(3000);
    await expect(
      runPayoutCycle(t.app.services, {
        afterTransfer: (payout) => {
          if (payout.mentorId === m.mentor.id) throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    expect(transfersTo(stripe, m.accountId!)).toHaveLength(1);
    const payout = await t.db.payout.findFirstOrThrow({ where: { mentorId: m.mentor.id } });
    expect(payout.status).toBe("PENDING");

    // While the dead run's lease lasts, other runs leave the payout alone.
    const during = await runPayoutCycle(t.app.services);
    expect(during.skipped).toBeGreaterThanOrEqual(1);
    expect((await t.db.payout.findUniqueOrThrow({ where: { id: payout.id } })).status).toBe("PENDING");

    // The lease lapses (the run is gone); the next run finds the transfer at Stripe.
    await t.db.payout.update({ where: { id: payout.id }, data: { claimedUntil: new Date(Date.now() - 1000) } });
    const transfersBefore = stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/transfers").length;
    const after = await runPayoutCycle(t.app.services);
    expect(after.paid).toBeGreaterThanOrEqual(1);
    expect(stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/transfers").length).toBe(transfersBefore);
    expect(await t.db.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({
      status: "PAID",
      stripeTransferId: transfersTo(stripe, m.accountId!)[0]!.id,
    });
    expect(transfersTo(stripe, m.accountId!)).toHaveLength(1);
    await expectLedgerConsistent();
    await expectPayoutsMatchTransfers();
  }, 60_000);

  it("a transfer that dies before reaching Stripe is made on the next run with the same idempotency key", async () => {
    const m = await mentorWithBalance(1200);
    quietErrors();
    stripe.failNext((r) => r.method === "POST" && r.path === "/v1/transfers" && r.params.destination === m.accountId, 503, undefined, {
      times: 3,
    });
    const first = await runPayoutCycle(t.app.services);
    expect(first.pending).toBe(1);
    expect(transfersTo(stripe, m.accountId!)).toHaveLength(0);
    const payout = await t.db.payout.findFirstOrThrow({ where: { mentorId: m.mentor.id } });
    expect(payout.status).toBe("PENDING");
    await runPayoutCycle(t.app.services);
    expect(await t.db.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({ status: "PAID" });
    expect(transfersTo(stripe, m.accountId!)).toHaveLength(1);
    const posts = stripe.requests.filter((r) => r.method === "POST" && r.path === "/v1/transfers" && r.params.destination === m.accountId);
    expect(new Set(posts.map((r) => r.idempotencyKey))).toEqual(new Set([payout.id]));
    await expectLedgerConsistent();
  }, 60_000);

  it("a refused transfer fails the payout, puts the money back and emails the mentor; it is paid later", async () => {
    const m = await mentorWithBalance(4200);
    // (insufficient funds is "not yet", not a refusal: test/payouts-funding.test.ts)
    stripe.failNext((r) => r.method === "POST" && r.path === "/v1/transfers" && r.params.destination === m.accountId, 400, {
      code: "transfers_not_allowed",
      message: "Transfers to this account are not allowed.",
    });
    const first = await runPayoutCycle(t.app.services);
    expect(first.failed).toBe(1);
    const failed = await t.db.payout.findFirstOrThrow({ where: { mentorId: m.mentor.id } });
    expect(failed).toMatchObject({ status: "FAILED", stripeTransferId: null });
    expect(failed.failureReason).toContain("Stripe does not allow transfers to your account");
    expect(failed.failedAt).toBeInstanceOf(Date);
    expect(await accountBalance(t.db, mentorAccount(m.mentor.id))).toBe(4200);
    const email = await t.db.emailMessage.findUniqueOrThrow({ where: { dedupeKey: `payout-failed:${failed.id}` } });
    expect(email).toMatchObject({ to: m.mentor.email, tag: "payout-failed" });
    expect(email.textBody).toContain("$42.00");

    const second = await runPayoutCycle(t.app.services);
    expect(second.paid).toBeGreaterThanOrEqual(1);
    expect(transfersTo(stripe, m.accountId!)).toHaveLength(1);
    expect(await accountBalance(t.db, mentorAccount(m.mentor.id))).toBe(0);
    await expectLedgerConsistent();
    await expectPayoutsMatchTransfers();
  }, 60_000);

  it("a reversed transfer fails its payout once and restores the balance, however often Stripe says so", async () => {
    const m = await mentorWithBalance(1800);
    await runPayoutCycle(t.app.services);
    const payout = await t.db.payout.findFirstOrThrow({ where: { mentorId: m.mentor.id } });
    expect(payout.status).toBe("PAID");
    const transfer = stripe.state.transfers.get(payout.stripeTransferId!)!;
    Object.assign(transfer, { reversed: true, amount_reversed: transfer.amount });
    const event = stripe.event("transfer.reversed", transfer);
    for (let i = 0; i < 3; i += 1) {
      const response = await stripe.deliver(`${t.url}/webhooks/stripe`, event, WEBHOOK_SECRET);
      expect(response.status).toBe(200);
    }
    expect(await t.db.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({
      status: "FAILED",
      failureReason: "The transfer was reversed",
    });
    expect(await accountBalance(t.db, mentorAccount(m.mentor.id))).toBe(1800);
    expect(await t.db.ledgerTransaction.count({ where: { payoutId: payout.id, kind: "PAYOUT_REVERSAL" } })).toBe(1);
    await expectLedgerConsistent();
  });

  it("transfer.created for a PENDING payout marks it paid (a run that died after Stripe accepted it)", async () => {
    const m = await mentorWithBalance(1300);
    await expect(
      runPayoutCycle(t.app.services, {
        afterTransfer: (payout) => {
          if (payout.mentorId === m.mentor.id) throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    const payout = await t.db.payout.findFirstOrThrow({ where: { mentorId: m.mentor.id } });
    const [transfer] = transfersTo(stripe, m.accountId!);
    const response = await stripe.deliver(`${t.url}/webhooks/stripe`, stripe.event("transfer.created", transfer!), WEBHOOK_SECRET);
    expect(((await response.json()) as { outcome: string }).outcome).toBe("applied");
    expect(await t.db.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({
      status: "PAID",
      stripeTransferId: transfer!.id,
    });
    await expectPayoutsMatchTransfers();
  });

  it("a dry run reports without paying", async () => {
    const m = await mentorWithBalance(2000);
    const lines: string[] = [];
    const summary = await runPayoutCycle(t.app.services, { dryRun: true, log: (l) => lines.push(l) });
    expect(summary.dryRun).toBe(true);
    expect(lines.some((l) => l.includes(m.mentor.email) && l.includes("$20.00"))).toBe(true);
    expect(transfersTo(stripe, m.accountId!)).toHaveLength(0);
    expect(await accountBalance(t.db, mentorAccount(m.mentor.id))).toBe(2000);
    expect(await t.db.payout.count({ where: { mentorId: m.mentor.id } })).toBe(0);
  });
});

// Reconciliation of the ledger with the Stripe stand-in: healthy money paths (payments, refunds,
// a mismatched payment refunded, payouts, a partial reversal, a refused transfer) compare clean;
// ten kinds of divergence seeded on one side only are each found, with their booking or payout,
// and nothing else. The daily task logs them for alerting and admins read the latest run.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WEBHOOK_SECRET, type TestApp, startStripeApp } from "./support/harness.ts";
import { marketplace, rawId, requestBooking, signUp } from "./support/fixtures.ts";
import { startStripeStandIn, type StripeStandIn } from "./support/stripe-stand-in.ts";
import { connectMentor, createMentor, creditEarning } from "./support/payout-fixtures.ts";
import { auditLedger } from "../server/ledger/ledger.ts";
import { createStripeClient } from "../server/stripe/client.ts";
import { runPayoutCycle } from "../server/payouts/cycle.ts";
import { reconcile, type Divergence } from "../server/reconcile/reconcile.ts";
import { reconcileTask } from "../server/reconcile/task.ts";
import { recurringTasks } from "../server/tasks.ts";
import { main } from "../scripts/reconcile.ts";
import { openDatabase } from "../server/db/client.ts";
import { createTestDatabase, TEST_DATABASE_URL } from "./support/database.ts";
import { captureLogs, LEVEL } from "./support/logs.ts";
import { checkoutSessionOf } from "./support/completion-fixtures.ts";

let stripe: StripeStandIn;
let t: TestApp;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ stripe, t, stop } = await startStripeApp());
});
afterAll(() => stop?.());
afterEach(() => vi.restoreAllMocks());

const deliver = async (event: object) => {
  const response = await stripe.deliver(`${t.url}/webhooks/stripe`, event, WEBHOOK_SECRET);
  expect(response.status).toBe(200);
  return ((await response.json()) as { outcome: string }).outcome;
};
const sessionOf = (bookingId: string) => checkoutSessionOf(stripe, bookingId);
const DECLINE = `mutation($id: ID!) { declineBooking(id: $id) { __typename } }`;

type Market = Awaited<ReturnType<typeof marketplace>>;

/** A booking paid at the stand-in; the webhook is delivered unless `deliverIt` is false. */
async function paid(m: Market, deliverIt = true, paidAmount?: number) {
  const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
  const id = rawId(booking.id);
  // Captured at checkout (a session created before manual capture), so a decline is refunded.
  const event = stripe.completeCheckout(
    sessionOf(id).id,
    paidAmount === undefined ? { capture: "automatic" } : { amount: paidAmount, capture: "automatic" },
  );
  if (deliverIt) expect(await deliver(event)).toBe("applied");
  return { globalId: booking.id as string, id, paymentIntentId: sessionOf(id).payment_intent as string };
}

async function declined(m: Market) {
  const booking = await paid(m);
  expect((await t.gql(DECLINE, { id: booking.globalId }, m.mentor.token)).data.declineBooking.__typename).toBe("DeclineBookingSuccess");
  const refund = await t.db.refund.findUniqueOrThrow({ where: { bookingId: booking.id } });
  expect(refund.status).toBe("SUCCEEDED");
  return { ...booking, stripeRefundId: refund.stripeRefundId! };
}

async function mentorPaidOut(cents: number) {
  const mentor = await createMentor(t.db);
  await creditEarning(t.db, mentor.id, cents);
  const accountId = await connectMentor(t, stripe, mentor.id);
  return { mentor, accountId };
}

const summary = (d: Divergence) => ({ kind: d.kind, bookingId: d.bookingId, payoutId: d.payoutId });

describe("reconciliation", () => {
  it("finds each of ten kinds of divergence with its booking or payout, and nothing in the healthy paths", async () => {
    const from = new Date(Date.now() - 60_000);
    const m = await marketplace(t, 5000);
    const sdk = createStripeClient("sk_test_dashboard", new URL(stripe.url));

    // Healthy: paid; paid and declined (refunded); a mismatched payment refunded in full.
    await paid(m);
    await declined(m);
    const mismatched = await paid(m, true, 4200);
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: mismatched.id } })).toMatchObject({
      reason: "AMOUNT_MISMATCH",
      status: "SUCCEEDED",
    });

    // Divergent bookings.
    const lostWebhook = await paid(m, false); // 1. Stripe has the payment, the ledger does not
    const vanishedPayment = await paid(m); // 2. the ledger has it, Stripe does not list it
    stripe.state.paymentIntents.delete(vanishedPayment.paymentIntentId);
    const wrongAmount = await paid(m); // 3. Stripe received another amount than the ledger records
    stripe.state.paymentIntents.get(wrongAmount.paymentIntentId)!.amount_received = 4500;
    const extraRefund = await paid(m); // 4. a refund made at Stripe (dashboard) the ledger does not know
    await sdk.refunds.create({ payment_intent: extraRefund.paymentIntentId, amount: 1000 });
    const vanishedRefund = await declined(m); // 5. the ledger's refund is not at Stripe
    stripe.state.refunds.delete(vanishedRefund.stripeRefundId);
    const smallerRefund = await declined(m); // 6. Stripe refunded another amount
    stripe.state.refunds.get(smallerRefund.stripeRefundId)!.amount = 4900;

    // Payouts: healthy ones (paid; partly reversed and applied; refused) and divergent ones.
    const healthy = await mentorPaidOut(2000);
    const partlyReversed = await mentorPaidOut(3000);
    const refused = await mentorPaidOut(1500);
    const missingTransfer = await mentorPaidOut(1200); // 7. the ledger paid out, Stripe has no transfer
    const wrongTransfer = await mentorPaidOut(1800); // 9. the transfer is of another amount
    const unappliedReversal = await mentorPaidOut(2500); // 10. Stripe reversed part, the ledger did not
    stripe.failNext((r) => r.method === "POST" && r.path === "/v1/transfers" && r.params.destination === refused.accountId, 400, {
      code: "account_invalid",
      message: "The destination account is invalid.",
    });
    await runPayoutCycle(t.app.services);
    const payoutOf = (mentorId: string) => t.db.payout.findFirstOrThrow({ where: { mentorId } });
    expect((await payoutOf(healthy.mentor.id)).status).toBe("PAID");
    expect((await payoutOf(refused.mentor.id)).status).toBe("FAILED");
    const partly = await payoutOf(partlyReversed.mentor.id);
    expect(await deliver(stripe.reverseTransfer(partly.stripeTransferId!, 800))).toBe("applied");
    const missing = await payoutOf(missingTransfer.mentor.id);
    stripe.state.transfers.delete(missing.stripeTransferId!);
    const wrong = await payoutOf(wrongTransfer.mentor.id);
    stripe.state.transfers.get(wrong.stripeTransferId!)!.amount = 1900;
    const unapplied = await payoutOf(unappliedReversal.mentor.id);
    stripe.reverseTransfer(unapplied.stripeTransferId!, 700); // its webhook is lost
    // 8. A transfer made at Stripe that no payout accounts for.
    const stray = await sdk.transfers.create({
      amount: 999,
      currency: "usd",
      destination: healthy.accountId,
      metadata: { payoutId: randomUUID() },
    });

    const result = await reconcile(t.app.services, { from, to: new Date(Date.now() + 60_000) });
    expect(result.skipped).toBe(false);
    expect(result.divergences.map(summary)).toEqual(
      expect.arrayContaining([
        { kind: "PAYMENT_MISSING_IN_LEDGER", bookingId: lostWebhook.id, payoutId: null },
        { kind: "PAYMENT_MISSING_AT_STRIPE", bookingId: vanishedPayment.id, payoutId: null },
        { kind: "PAYMENT_AMOUNT_MISMATCH", bookingId: wrongAmount.id, payoutId: null },
        { kind: "REFUND_MISSING_IN_LEDGER", bookingId: extraRefund.id, payoutId: null },
        { kind: "REFUND_MISSING_AT_STRIPE", bookingId: vanishedRefund.id, payoutId: null },
        { kind: "REFUND_AMOUNT_MISMATCH", bookingId: smallerRefund.id, payoutId: null },
        { kind: "TRANSFER_MISSING_AT_STRIPE", bookingId: null, payoutId: missing.id },
        { kind: "TRANSFER_MISSING_IN_LEDGER", bookingId: null, payoutId: stray.metadata.payoutId },
        { kind: "TRANSFER_AMOUNT_MISMATCH", bookingId: null, payoutId: wrong.id },
        { kind: "REVERSAL_MISMATCH", bookingId: null, payoutId: unapplied.id },
      ]),
    );
    expect(result.divergences).toHaveLength(10); // and nothing else
    const byKind = Object.fromEntries(result.divergences.map((d) => [d.kind, d]));
    expect(byKind.PAYMENT_AMOUNT_MISMATCH).toMatchObject({ ledgerCents: 5000, stripeCents: 4500, stripeId: wrongAmount.paymentIntentId });
    expect(byKind.REFUND_MISSING_IN_LEDGER).toMatchObject({ ledgerCents: 0, stripeCents: 1000 });
    expect(byKind.REFUND_AMOUNT_MISMATCH).toMatchObject({ ledgerCents: 5000, stripeCents: 4900 });
    expect(byKind.PAYMENT_MISSING_IN_LEDGER).toMatchObject({ ledgerCents: 0, stripeCents: 5000, stripeId: lostWebhook.paymentIntentId });
    expect(byKind.TRANSFER_MISSING_AT_STRIPE).toMatchObject({ ledgerCents: 1200, stripeCents: 0 });
    expect(byKind.TRANSFER_MISSING_IN_LEDGER).toMatchObject({ ledgerCents: 0, stripeCents: 999, stripeId: stray.id });
    expect(byKind.TRANSFER_AMOUNT_MISMATCH).toMatchObject({ ledgerCents: 1800, stripeCents: 1900 });
    expect(byKind.REVERSAL_MISMATCH).toMatchObject({ ledgerCents: 0, stripeCents: 700 });
    expect(result.compared.bookings).toBeGreaterThanOrEqual(9);
    expect(result.compared.payouts).toBeGreaterThanOrEqual(7);

    // Reconciling changes no money.
    const audit = await auditLedger(t.db);
    expect(audit.debitsMinusCredits).toBe(0);
    for (const account of audit.accounts) {
      expect(account.balanceCents, account.code).toBe(account.fromEntriesCents);
      expect(account.balanceCents, account.code).toBeGreaterThanOrEqual(0);
    }

    // A window long before all of it finds nothing.
    const past = await reconcile(t.app.services, {
      from: new Date(Date.now() - 30 * 86400_000),
      to: new Date(Date.now() - 29 * 86400_000),
    });
    expect(past.divergences).toEqual([]);

    // The daily task logs each divergence on one greppable line; admins read the latest run.
    const logs = captureLogs();
    const report = await reconcileTask.run(t.app.services, () => undefined);
    expect(report.idle).toBe(false);
    expect(report.summary).toMatch(/10 divergence\(s\)/);
    const alerts = logs.messages(LEVEL.alert).filter((l) => l.startsWith("RECONCILIATION DIVERGENCE: "));
    expect(alerts).toHaveLength(10);
    expect(alerts.some((l) => l.includes(`booking ${lostWebhook.id}`) && l.includes("PAYMENT_MISSING_IN_LEDGER"))).toBe(true);
    // The ids are fields too, for a log search or an alert rule.
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: LEVEL.alert, kind: "PAYMENT_MISSING_IN_LEDGER", bookingId: lostWebhook.id }),
    );
    expect(recurringTasks.map((task) => task.name)).toContain("reconcile");
    expect(reconcileTask.intervalMs(t.env)).toBe(24 * 3600_000);

    const QUERY = `query { latestReconciliation { windowStart windowEnd divergenceCount divergences(first: 20) { edges { node { kind bookingId payoutId stripeId ledger { amountCents } stripe { amountCents } message } } } } }`;
    const seen = await t.gql(QUERY, {}, m.admin.token);
    expect(seen.errors).toBeUndefined();
    expect(seen.data.latestReconciliation.divergenceCount).toBe(10);
    const divergences = seen.data.latestReconciliation.divergences.edges.map((edge: { node: { kind: string } }) => edge.node);
    expect(divergences).toHaveLength(10);
    // Page by page, the same differences in the same order.
    const PAGE = `query($after: String) { latestReconciliation { divergences(first: 4, after: $after) {
      edges { node { kind message } } pageInfo { hasNextPage endCursor } } } }`;
    const paged: unknown[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const answer = await t.gql(PAGE, { after }, m.admin.token);
      expect(answer.errors).toBeUndefined();
      const one: { edges: Array<{ node: unknown }>; pageInfo: { hasNextPage: boolean; endCursor: string } } =
        answer.data.latestReconciliation.divergences;
      paged.push(...one.edges.map((edge) => edge.node));
      expect(one.pageInfo.hasNextPage).toBe(page < 2);
      after = one.pageInfo.endCursor;
    }
    expect(paged).toEqual(divergences.map(({ kind, message }: { kind: string; message: string }) => ({ kind, message })));
    const reversal = divergences.find((d: { kind: string }) => d.kind === "REVERSAL_MISMATCH");
    expect(reversal).toMatchObject({ bookingId: null, ledger: { amountCents: 0 }, stripe: { amountCents: 700 } });
    expect(rawId(reversal.payoutId)).toBe(unapplied.id);
    const mentee = await signUp(t, "MENTEE");
    const refused2 = await t.gql(QUERY, {}, mentee.token);
    expect(refused2.data?.latestReconciliation ?? null).toBeNull();
    expect(refused2.errors).toBeDefined();
  });

  it("npm run reconcile exits 0 when the ledger and Stripe agree, 1 with each divergence printed", async () => {
    const own = await startStripeStandIn(); // a Stripe of its own, empty
    const dir = mkdtempSync(join(tmpdir(), "reconcile-cli-"));
    const testDb = TEST_DATABASE_URL ? await createTestDatabase() : undefined;
    try {
      const database = await openDatabase(testDb ? { url: testDb.url! } : { pgliteDataDir: dir });
      await database.migrate();
      await database.close();
      const vars = {
        NODE_ENV: "test",
        ...(testDb ? { DATABASE_URL: testDb.url! } : { PGLITE_DATA_DIR: dir }),
        STRIPE_SECRET_KEY: "sk_test_cli",
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_URL: own.url,
      };
      const run = async () => {
        const out: string[] = [];
        const code = await main([], vars, { out: (l) => out.push(l), err: (l) => out.push(l) });
        return { code, out };
      };
      const clean = await run();
      expect(clean.code, clean.out.join("\n")).toBe(0);
      expect(clean.out.at(-1)).toMatch(/0 divergence\(s\)$/);

      const sdk = createStripeClient("sk_test_cli", new URL(own.url));
      const account = await sdk.accounts.create({ type: "express" });
      own.enablePayouts(account.id);
      const payoutId = randomUUID();
      const transfer = await sdk.transfers.create({ amount: 1234, currency: "usd", destination: account.id, metadata: { payoutId } });
      const divergent = await run();
      expect(divergent.code).toBe(1);
      expect(divergent.out[0]).toBe(
        `TRANSFER_MISSING_IN_LEDGER payout ${payoutId} (${transfer.id}): Stripe transferred 1234 usd (${transfer.id}) that the ledger does not record`,
      );
      expect(divergent.out.at(-1)).toMatch(/1 divergence\(s\)$/);
    } finally {
      await testDb?.drop();
      await own.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("npm run reconcile refuses to run without Stripe keys or with bad options (exit 2)", async () => {
    const io = () => {
      const err: string[] = [];
      return { err, io: { out: () => undefined, err: (l: string) => err.push(l) } };
    };
    const noKeys = io();
    expect(await main([], { NODE_ENV: "test", PGLITE_DATA_DIR: "/nonexistent" }, noKeys.io)).toBe(2);
    expect(noKeys.err.join("\n")).toMatch(/No Stripe keys/);
    const bad = io();
    expect(await main(["--from", "yesterday"], { NODE_ENV: "test" }, bad.io)).toBe(2);
    expect(bad.err.join("\n")).toMatch(/--from and --to are dates/);
    expect(await main(["--everything"], { NODE_ENV: "test" }, io().io)).toBe(2);
  });
});

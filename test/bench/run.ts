// npm run bench: throughput and memory of the paths that matter, on the embedded database
// (or TEST_DATABASE_URL). Prints one line per measurement; compare runs on the same machine.
import { performance } from "node:perf_hooks";
import { startTestApp } from "../support/harness.ts";
import { ADMIN_VARS, checkoutCompleted, marketplace, OPS, requestBooking } from "../support/fixtures.ts";
import { mentorAccount, PLATFORM_ACCOUNTS, postLedgerTransaction } from "../../server/ledger/ledger.ts";
import { runPayoutCycle } from "../../server/payouts/cycle.ts";

const EARNINGS = `{ earnings { balance { formatted } totalEarned { formatted } pending { formatted } paidOut { formatted }
  stripe { status } payouts(first: 10) { totalCount edges { node { status amount { formatted } } } } monthly(months: 12) { earned { amountCents } } } }`;
const LINKS = { availabilityLink: "https://cal.example/slots", meetingLink: "https://meet.example/room" };

const DASHBOARD = `{ bookings(first: 20) { edges { node { id status title price { formatted }
  mentee { name } sessionType { title } session { meetingLink } history { toStatus createdAt } } } } }`;

async function measure(name: string, count: number, concurrency: number, fn: (i: number) => Promise<unknown>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await fn(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name.padEnd(44)} ${String(count).padStart(5)} ops  ${(count / seconds).toFixed(1).padStart(8)} ops/s`);
}

const t = await startTestApp({ vars: ADMIN_VARS });
try {
  const m = await marketplace(t);
  const requested: string[] = [];
  await measure("requestBooking (mentee, HTTP)", 200, 8, async () => {
    requested.push((await requestBooking(t, m.mentee.token, m.sessionTypeId)).booking.id);
  });
  await measure("signed webhook: payment confirmed", 200, 8, async (i) => {
    const response = await t.webhook(checkoutCompleted(requested[i]!, m.priceCents));
    if (!response.ok) throw new Error(`webhook ${response.status}`);
  });
  await measure("confirmBooking (mentor, HTTP)", 200, 8, async (i) => {
    const result = await t.gql(OPS.confirmBooking, { id: requested[i] }, m.mentor.token);
    if (result.data.confirmBooking.__typename !== "ConfirmBookingSuccess") throw new Error("confirm failed");
  });
  await measure("mentor dashboard page (20 bookings, nested)", 500, 8, async () => {
    const result = await t.gql(DASHBOARD, {}, m.mentor.token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
  });
  await measure("addBookingLinks + completeBooking (ledger)", 100, 8, async (i) => {
    await t.gql(OPS.addBookingLinks, { id: requested[i], ...LINKS }, m.mentor.token);
    const result = await t.gql(OPS.completeBooking, { id: requested[i] }, m.mentor.token);
    if (result.data.completeBooking.__typename !== "CompleteBookingSuccess") throw new Error("complete failed");
  });
  await measure("declineBooking with refund (simulator)", 100, 8, async () => {
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    await t.webhook(checkoutCompleted(booking.id, m.priceCents));
    const result = await t.gql(OPS.declineBooking, { id: booking.id, reason: "Busy" }, m.mentor.token);
    if (result.data.declineBooking.__typename !== "DeclineBookingSuccess") throw new Error("decline failed");
  });
  await measure("earnings (mentor, 100 completed sessions)", 500, 8, async () => {
    const result = await t.gql(EARNINGS, {}, m.mentor.token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
  });

  // A payout cycle over 200 connected mentors with balances (a payment and an earning each,
  // posted through the ledger as a completed session would).
  const mentors = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      t.db.user.create({
        data: {
          email: `bench.mentor.${i}@example.com`,
          name: `Bench mentor ${i}`,
          role: "MENTOR",
          passwordHash: "not-used",
          mentorProfile: {
            create: { approvedAt: new Date(), payoutsEnabled: true, stripeAccountId: `acct_sim_bench${String(i).padStart(24, "0")}` },
          },
        },
      }),
    ),
  );
  for (const mentor of mentors) {
    await t.db.$transaction(async (tx) => {
      await postLedgerTransaction(tx, {
        idempotencyKey: `bench-payment:${mentor.id}`,
        kind: "PAYMENT",
        currency: "usd",
        description: "bench payment",
        postings: [
          { account: PLATFORM_ACCOUNTS.stripeBalance, side: "DEBIT", amountCents: 2_000 },
          { account: PLATFORM_ACCOUNTS.heldPayments, side: "CREDIT", amountCents: 2_000 },
        ],
      });
      await postLedgerTransaction(tx, {
        idempotencyKey: `bench-earning:${mentor.id}`,
        kind: "MENTOR_EARNING",
        currency: "usd",
        description: "bench balance",
        postings: [
          { account: PLATFORM_ACCOUNTS.heldPayments, side: "DEBIT", amountCents: 2_000 },
          { account: mentorAccount(mentor.id), side: "CREDIT", amountCents: 2_000 },
        ],
      });
    });
  }
  const started = performance.now();
  const summary = await runPayoutCycle(t.app.services);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${"payout cycle (simulator transfers)".padEnd(44)} ${String(summary.paid).padStart(5)} ops  ${(summary.paid / seconds).toFixed(1).padStart(8)} ops/s`,
  );

  const memory = process.memoryUsage();
  console.log(`memory: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
} finally {
  await t.stop();
}

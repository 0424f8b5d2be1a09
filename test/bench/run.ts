// npm run bench: throughput, latency, CPU, SQL statements and memory of the paths that matter,
// on the embedded database (or TEST_DATABASE_URL), each next to a baseline where the project has
// one. Prints a table and writes it to bench-results.json (git-ignored); compare runs on the
// same machine. CPU is the whole process's (the benchmark's clients run in it too).
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { startTestApp } from "../support/harness.ts";
import { ADMIN_VARS, checkoutCompleted, marketplace, OPS, requestBooking } from "../support/fixtures.ts";
import { connectMentor, createMentor, creditEarning, STRIPE_VARS } from "../support/payout-fixtures.ts";
import { startStripeStandIn } from "../support/stripe-stand-in.ts";
import { TEST_DATABASE_URL, type TestDatabase } from "../support/database.ts";
import { openDatabase } from "../../server/db/client.ts";
import { mentorAccount, PLATFORM_ACCOUNTS, postLedgerTransaction } from "../../server/ledger/ledger.ts";
import { runPayoutCycle } from "../../server/payouts/cycle.ts";

const EARNINGS = `{ earnings { balance { formatted } totalEarned { formatted } pending { formatted } paidOut { formatted }
  stripe { status } payouts(first: 10) { totalCount edges { node { status amount { formatted } } } } monthly(months: 12) { earned { amountCents } } } }`;
const LINKS = { availabilityLink: "https://cal.example/slots", meetingLink: "https://meet.example/room" };

const DASHBOARD = `{ bookings(first: 20) { edges { node { id status title price { formatted }
  mentee { name } sessionType { title } session { meetingLink } history { toStatus createdAt } } } } }`;

interface Row {
  name: string;
  ops: number;
  rps: number;
  p50Ms: number | null;
  p99Ms: number | null;
  cpuMsPerOp: number;
  sqlPerOp: number;
  rssMiB: number;
  baseline?: string;
  /** This measurement's duration over the baseline's (1 = as fast as the baseline). */
  ratio?: number;
}
const rows: Row[] = [];
let statements = 0;

/** A database of its own whose SQL statements are counted. */
async function benchDatabase(): Promise<TestDatabase> {
  const onQuery = () => {
    statements += 1;
  };
  if (!TEST_DATABASE_URL) {
    const database = await openDatabase({ pgliteDataDir: "memory", onQuery });
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `bookings_bench_${randomBytes(6).toString("hex")}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), onQuery });
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

async function measure(name: string, count: number, concurrency: number, fn: (i: number) => Promise<unknown>) {
  let next = 0;
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const sql = statements;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const begun = performance.now();
        await fn(i);
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  rows.push({
    name,
    ops: count,
    rps: count / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuMsPerOp: (used.user + used.system) / 1000 / count,
    sqlPerOp: (statements - sql) / count,
    rssMiB: process.memoryUsage().rss / 2 ** 20,
  });
}

function printTable() {
  const fixed = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? "-" : value.toFixed(digits));
  const header = ["measurement", "ops", "rps", "p50 ms", "p99 ms", "CPU ms/op", "SQL/op", "RSS MiB", "baseline", "ratio"];
  const lines = rows.map((r) => [
    r.name,
    String(r.ops),
    fixed(r.rps),
    fixed(r.p50Ms),
    fixed(r.p99Ms),
    fixed(r.cpuMsPerOp),
    fixed(r.sqlPerOp, 2),
    fixed(r.rssMiB, 0),
    r.baseline ?? "-",
    r.ratio === undefined ? "-" : `${r.ratio.toFixed(2)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const line of [header, ...lines]) {
    console.log(line.map((cell, i) => (i === 0 || i === 8 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  "));
  }
}

const machine = `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, ${TEST_DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}`;
console.log(`bench on ${machine}`);
const database = await benchDatabase();
const t = await startTestApp({ vars: ADMIN_VARS, shared: database });
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
  await measure("mentor dashboard page (20 bookings, nested)", 300, 8, async () => {
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
  await measure("earnings (mentor, 100 completed sessions)", 300, 8, async () => {
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
  await measure("payout cycle, 200 mentors (simulator)", 1, 1, () => runPayoutCycle(t.app.services));
  const last = rows.at(-1)!;
  // One cycle measured as a whole: per payout figures, no latency distribution.
  Object.assign(last, {
    ops: 200,
    rps: 200 * last.rps,
    p50Ms: null,
    p99Ms: null,
    cpuMsPerOp: last.cpuMsPerOp / 200,
    sqlPerOp: last.sqlPerOp / 200,
  });
} finally {
  await t.stop();
  await database.drop();
}

// Payouts against a Stripe stand-in limited like Stripe's test mode (25 requests/s) and slow
// (200-400 ms per request): the floor is what the limit allows, mentors / 25 seconds.
{
  const MENTORS = 200;
  const LIMIT = 25;
  const stripe = await startStripeStandIn();
  const payoutDatabase = await benchDatabase();
  const p = await startTestApp({
    vars: { ...STRIPE_VARS(stripe), PAYOUT_TRANSFERS_PER_SECOND: String(LIMIT) },
    shared: payoutDatabase,
  });
  try {
    for (let i = 0; i < MENTORS; i += 1) {
      const mentor = await createMentor(p.db);
      await creditEarning(p.db, mentor.id, 2_000 + i);
      await connectMentor(p, stripe, mentor.id);
    }
    stripe.limitRate({ perSecond: LIMIT, latencyMs: [200, 400] });
    const before = stripe.requests.length;
    let summary: Awaited<ReturnType<typeof runPayoutCycle>> | undefined;
    await measure(`payout cycle, ${MENTORS} mentors (Stripe ${LIMIT}/s, 200-400 ms)`, 1, 1, async () => {
      summary = await runPayoutCycle(p.app.services, { log: (line) => line.startsWith("progress:") && console.log(`  ${line}`) });
    });
    const row = rows.at(-1)!;
    const seconds = 1 / row.rps;
    const floor = MENTORS / LIMIT;
    Object.assign(row, {
      ops: MENTORS,
      rps: MENTORS / seconds,
      p50Ms: null,
      p99Ms: null,
      cpuMsPerOp: row.cpuMsPerOp / MENTORS,
      sqlPerOp: row.sqlPerOp / MENTORS,
      baseline: `rate-limit floor ${floor.toFixed(1)} s`,
      ratio: seconds / floor,
    });
    const transfers = stripe.state.transfers.size;
    const refused = stripe.requests.slice(before).filter((r) => r.status === 429).length;
    console.log(
      `payouts: ${summary?.paid} paid in ${seconds.toFixed(1)} s (floor ${floor.toFixed(1)} s); ${transfers} transfers at Stripe; ${refused} requests answered 429 and retried`,
    );
    if (summary?.paid !== MENTORS || transfers !== MENTORS) throw new Error("payouts: not exactly one transfer per mentor");
  } finally {
    await p.stop();
    await payoutDatabase.drop();
    await stripe.stop();
  }
}

printTable();
writeFileSync("bench-results.json", `${JSON.stringify({ machine, at: new Date().toISOString(), rows }, null, 2)}\n`);
console.log("written to bench-results.json");

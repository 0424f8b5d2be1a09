// `npm run payouts`: the CLI's main() against a database on disk (embedded PGlite, or a
// PostgreSQL database with TEST_DATABASE_URL), in the simulator and against the Stripe stand-in.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../server/db/client.ts";
import { createStripeClient } from "../server/stripe/client.ts";
import { accountBalance, mentorAccount } from "../server/ledger/ledger.ts";
import { main } from "../scripts/payouts.ts";
import { createTestDatabase, pgliteTemplate, TEST_DATABASE_URL, type TestDatabase } from "./support/database.ts";
import { createMentor, creditEarning } from "./support/payout-fixtures.ts";
import { startStripeStandIn, type StripeStandIn } from "./support/stripe-stand-in.ts";
import { WEBHOOK_SECRET } from "./support/harness.ts";

let dir: string;
let testDb: TestDatabase | undefined;
let stripe: StripeStandIn;
let vars: Record<string, string>;

/** Opens the CLI's database (close it again before running the CLI on PGlite). */
async function open(): Promise<Database> {
  const database = await openDatabase(testDb ? { url: testDb.url! } : { pgliteDataDir: dir });
  await database.migrate();
  return database;
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

beforeAll(async () => {
  stripe = await startStripeStandIn();
  dir = mkdtempSync(join(tmpdir(), "payouts-cli-"));
  if (TEST_DATABASE_URL) testDb = await createTestDatabase();
  // The CLI's database on disk starts as a copy of the run's migrated template (creating one takes far longer).
  else await (await openDatabase({ pgliteDataDir: dir, template: pgliteTemplate() })).close();
  vars = { NODE_ENV: "test", ...(testDb ? { DATABASE_URL: testDb.url! } : { PGLITE_DATA_DIR: dir }) };
});
afterAll(async () => {
  await testDb?.drop();
  await stripe?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run payouts", () => {
  it("dry-runs, then pays connected mentors at or above the minimum and exits 0 (simulator)", async () => {
    const db = await open();
    const rich = await createMentor(db.prisma, "Rich Mentor");
    const poor = await createMentor(db.prisma, "Poor Mentor");
    for (const m of [rich, poor]) {
      await db.prisma.mentorProfile.update({
        where: { userId: m.id },
        data: { stripeAccountId: `acct_sim_${m.id.replace(/-/g, "")}`, payoutsEnabled: true, stripeDetailsSubmitted: true },
      });
    }
    await creditEarning(db.prisma, rich.id, 2500);
    await creditEarning(db.prisma, poor.id, 999);
    await db.close();

    const dry = io();
    expect(await main(["--dry-run"], vars, dry.io)).toBe(0);
    expect(dry.out.join("\n")).toContain(`${rich.email}: would pay $25.00`);
    expect(dry.out.join("\n")).not.toContain(poor.email);
    expect(dry.out.at(-1)).toBe("dry run: would pay 1 mentor(s) $25.00");

    const run = io();
    expect(await main([], vars, run.io)).toBe(0);
    expect(run.out.join("\n")).toContain(`${rich.email}: payout of $25.00 paid`);
    expect(run.out.at(-1)).toBe("paid 1 ($25.00), failed 0, skipped 0, still pending 0, waiting for funds 0");

    const after = await open();
    try {
      expect(await after.prisma.payout.findMany({ where: { mentorId: { in: [rich.id, poor.id] } } })).toMatchObject([
        { mentorId: rich.id, status: "PAID", amountCents: 2500 },
      ]);
      expect(await accountBalance(after.prisma, mentorAccount(rich.id))).toBe(0);
      expect(await accountBalance(after.prisma, mentorAccount(poor.id))).toBe(999);
    } finally {
      await after.close();
    }
  });

  it("exits 1 when a transfer is refused (Stripe), with the money back on the balance", async () => {
    const stripeVars = { ...vars, STRIPE_SECRET_KEY: "sk_test_cli", STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: stripe.url };
    const account = await createStripeClient("sk_test_cli", new URL(stripe.url)).accounts.create({ type: "express" });
    stripe.enablePayouts(account.id);
    const db = await open();
    const mentor = await createMentor(db.prisma, "Refused Mentor");
    await db.prisma.mentorProfile.update({ where: { userId: mentor.id }, data: { stripeAccountId: account.id, payoutsEnabled: true } });
    await creditEarning(db.prisma, mentor.id, 1500);
    await db.close();

    stripe.failNext("POST /v1/transfers", 400, { code: "account_invalid", message: "The destination account is invalid." });
    const run = io();
    expect(await main([], stripeVars, run.io)).toBe(1);
    expect(run.out.join("\n")).toContain(`${mentor.email}: payout of $15.00 failed`);

    const after = await open();
    try {
      expect(await after.prisma.payout.findFirstOrThrow({ where: { mentorId: mentor.id } })).toMatchObject({ status: "FAILED" });
      expect(await accountBalance(after.prisma, mentorAccount(mentor.id))).toBe(1500);
    } finally {
      await after.close();
    }
  });

  it("refuses to open the embedded database while a server has it open", async () => {
    // Always on an embedded database of its own, whichever database the other tests use.
    const embedded = mkdtempSync(join(tmpdir(), "payouts-cli-in-use-"));
    const server = await openDatabase({ pgliteDataDir: embedded, template: pgliteTemplate() });
    try {
      await server.migrate();
      const run = io();
      expect(await main([], { NODE_ENV: "test", PGLITE_DATA_DIR: embedded }, run.io)).toBe(2);
      expect(run.err.join("\n")).toMatch(/in use: a server \(npm start\) is probably running/);
    } finally {
      await server.close();
      rmSync(embedded, { recursive: true, force: true });
    }
  });

  it("two `npm run payouts` started together both exit correctly and pay each mentor once", async () => {
    const db = await open();
    const mentor = await createMentor(db.prisma, "Concurrent Mentor");
    await db.prisma.mentorProfile.update({
      where: { userId: mentor.id },
      data: { stripeAccountId: `acct_sim_${mentor.id.replace(/-/g, "")}`, payoutsEnabled: true, stripeDetailsSubmitted: true },
    });
    await creditEarning(db.prisma, mentor.id, 4100);
    await db.close();

    // The real npm script, twice at once (it used to regenerate the Prisma client into one folder and abort).
    const runNpm = () =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn("npm", ["run", "--silent", "payouts"], { env: { ...process.env, ...vars }, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.on("close", (code) => resolve({ code, output }));
      });
    const runs = await Promise.all([runNpm(), runNpm()]);
    const codes = runs.map((r) => r.code).sort();
    if (testDb) {
      // PostgreSQL: both run; one pays, the other finds nothing (0) or the payout in flight under
      // the first one's lease (3: its outcome is unknown to this run, and it says so).
      expect(codes[0], runs.map((r) => r.output).join("\n")).toBe(0);
      expect([0, 3]).toContain(codes[1]);
      if (codes[1] === 3) expect(runs.find((r) => r.code === 3)!.output).toMatch(/being made by another run/);
    } else {
      // The embedded database opens in one process at a time: one pays, the other says why it did not run.
      expect(codes, runs.map((r) => r.output).join("\n")).toEqual([0, 2]);
      expect(runs.find((r) => r.code === 2)!.output).toMatch(/Another npm run payouts is running|is in use/);
    }
    expect(runs.map((r) => r.output).join("\n")).not.toMatch(/exists and is not empty|prisma generate/i);

    const after = await open();
    try {
      expect(await after.prisma.payout.findMany({ where: { mentorId: mentor.id } })).toMatchObject([{ status: "PAID", amountCents: 4100 }]);
      expect(await accountBalance(after.prisma, mentorAccount(mentor.id))).toBe(0);
    } finally {
      await after.close();
    }
  }, 120_000); // two processes that each load the server: slow on a busy machine

  it("exits 3 and lists the payout when another run holds its lease: its outcome is unknown to this run", async () => {
    const db = await open();
    const mentor = await createMentor(db.prisma, "Leased Mentor");
    await db.prisma.mentorProfile.update({
      where: { userId: mentor.id },
      data: { stripeAccountId: `acct_sim_${mentor.id.replace(/-/g, "")}`, payoutsEnabled: true, stripeDetailsSubmitted: true },
    });
    await creditEarning(db.prisma, mentor.id, 2300);
    // Another run opened the payout and holds it (its lease runs for minutes).
    const payout = await db.prisma.payout.create({
      data: {
        mentorId: mentor.id,
        amountCents: 2300,
        currency: "usd",
        stripeAccountId: `acct_sim_${mentor.id.replace(/-/g, "")}`,
        claimedUntil: new Date(Date.now() + 5 * 60_000),
        attempts: 1,
      },
    });
    await db.close();
    const run = io();
    expect(await main([], vars, run.io)).toBe(3);
    const output = run.out.join("\n");
    expect(output).toContain(`outcome unknown for 1 payout(s)`);
    expect(output).toMatch(
      new RegExp(`payout ${payout.id} \\(${mentor.email.replace(/\./g, "\\.")}, \\$23\\.00\\): being made by another run`),
    );
    expect(run.err.join("\n")).toMatch(/unknown outcome/);
    const after = await open();
    try {
      expect(await after.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({ status: "PENDING" });
      await after.prisma.payout.update({ where: { id: payout.id }, data: { status: "FAILED", claimedUntil: null } });
    } finally {
      await after.close();
    }
  });

  it("rejects unknown options and bad configuration with exit code 2", async () => {
    expect(await main(["--everything"], vars, io().io)).toBe(2);
    const bad = io();
    expect(await main([], { ...vars, PAYOUT_MINIMUM_CENTS: "ten" }, bad.io)).toBe(2);
    expect(bad.err.join("\n")).toContain("PAYOUT_MINIMUM_CENTS");
  });
});

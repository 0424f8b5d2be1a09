// `npm run payouts [-- --dry-run]`: one payout cycle now against the configured database
// (DATABASE_URL, or the embedded database in PGLITE_DATA_DIR / ./.data), then exit.
// Exit codes: 0 done; 1 a payout failed; 2 not run (configuration, database in use);
// 3 a payout's outcome is not known yet (left PENDING for the next run, or being made by another
//   run that holds its lease): each is listed. Payouts waiting for the platform's Stripe balance
//   (balance_insufficient) are retried by the next run and are not failures.
// Emails it queues are delivered by the server's email worker.
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Env } from "../server/env.ts";
import { consoleIo, loadCliEnv, runWhenMain, type CliIo } from "./cli.ts";
import { buildServices, type Runtime } from "../server/compose.ts";
import { describeSummary, runPayoutCycle } from "../server/payouts/cycle.ts";
import { formatMoney } from "../server/shared/money.ts";

export async function main(argv: string[], vars: NodeJS.ProcessEnv = process.env, io: CliIo = consoleIo): Promise<number> {
  const dryRun = argv.includes("--dry-run");
  const force = argv.includes("--force");
  const unknown = argv.filter((a) => !["--dry-run", "--force", "--"].includes(a));
  if (unknown.length > 0) {
    io.err(`Unknown option ${unknown.join(" ")}. Usage: npm run payouts [-- --dry-run] [-- --force]`);
    return 2;
  }
  const env = loadCliEnv(vars, io);
  if (!env) return 2;

  let lockFile: string | undefined;
  if (!env.databaseUrl) {
    // PGlite has no lock of its own: a second process opening the same directory corrupts it.
    // While a process has it open, PostgreSQL's postmaster.pid exists in it.
    const dir = resolve(env.pgliteDataDir);
    if (!existsSync(join(dir, "PG_VERSION"))) {
      io.err(`No embedded database in ${dir}: start the server once (npm start) or set DATABASE_URL.`);
      return 2;
    }
    // Two runs started together would both find no postmaster.pid yet: the first to create
    // this file (exclusively) runs, the other stops.
    lockFile = `${dir}.payouts-lock`;
    try {
      writeFileSync(lockFile, String(process.pid), { flag: force ? "w" : "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      io.err(
        `Another npm run payouts is running on the embedded database in ${dir} (${lockFile} exists); it pays everyone due. If none is running, add -- --force.`,
      );
      return 2;
    }
  }
  try {
    return await run(env, { dryRun, force }, io);
  } finally {
    if (lockFile) rmSync(lockFile, { force: true });
  }
}

async function run(env: Env, { dryRun, force }: { dryRun: boolean; force: boolean }, io: CliIo): Promise<number> {
  if (!env.databaseUrl) {
    const dir = resolve(env.pgliteDataDir);
    if (existsSync(join(dir, "postmaster.pid")) && !force) {
      io.err(
        `The embedded database in ${dir} is in use: a server (npm start) is probably running on it, and it can be opened by one process at a time.\n` +
          `Stop the server (Ctrl+C) and run this again; the running server also pays out by itself every ${env.payoutIntervalMinutes} minutes.\n` +
          `If no server is running (it was killed without shutting down), add -- --force.`,
      );
      return 2;
    }
  }

  const where = env.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded database in ${resolve(env.pgliteDataDir)}`;
  let runtime: Runtime;
  try {
    runtime = await buildServices(env, { emailIntervalMs: 0 });
  } catch (error) {
    io.err(`Could not open the ${where}: ${error instanceof Error ? error.message : String(error)}`);
    if (!env.databaseUrl)
      io.err("If a server is running on it, stop it first: the embedded database can be opened by one process at a time.");
    return 2;
  }
  try {
    io.out(
      `Payout cycle${dryRun ? " (dry run: nothing is paid)" : ""} on the ${where}; ` +
        `${env.stripe.mode === "stripe" ? "Stripe" : "payment simulator (no Stripe keys)"}; minimum ${formatMoney({ amountCents: env.payoutMinimumCents, currency: "usd" })}`,
    );
    const summary = await runPayoutCycle(runtime.services, { dryRun, log: (line) => io.out(`  ${line}`) });
    io.out(describeSummary(summary));
    if (summary.failed > 0) return 1;
    if (summary.pending > 0 || summary.unknown.length > 0) {
      io.err(`Not finished: ${summary.unknown.length} payout(s) with an unknown outcome (listed above); run again later or check Stripe.`);
      return 3;
    }
    return 0;
  } finally {
    await runtime.stop();
  }
}

runWhenMain(import.meta.url, (argv) => main(argv));

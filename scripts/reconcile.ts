// `npm run reconcile [-- --from <ISO date> --to <ISO date>]`: compares the ledger with Stripe for
// the window (default: the last 24 hours), prints every divergence with its booking or payout,
// and stores the run (admins: query latestReconciliation). Exit codes: 0 no divergence;
// 1 divergences found; 2 not run (configuration, no Stripe keys, database in use, Stripe unreachable).
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { consoleIo, loadCliEnv, runWhenMain, type CliIo } from "./cli.ts";
import { buildServices, type Runtime } from "../server/compose.ts";
import { describeDivergence, describeReconciliation, reconcile } from "../server/reconcile/reconcile.ts";

const USAGE = "Usage: npm run reconcile [-- --from 2026-11-26T00:00:00Z --to 2026-11-27T00:00:00Z]";

function parseArgs(argv: string[]): { from: Date; to: Date } | string {
  const args = argv.filter((a) => a !== "--");
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i]!, args[i + 1]];
    if (!["--from", "--to"].includes(name) || value === undefined) return `Unknown or incomplete option ${name}. ${USAGE}`;
    values[name] = value;
  }
  const to = values["--to"] ? new Date(values["--to"]) : new Date();
  const from = values["--from"] ? new Date(values["--from"]) : new Date(to.getTime() - 24 * 3600_000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return `--from and --to are dates such as 2026-11-26T00:00:00Z. ${USAGE}`;
  if (from >= to) return `--from must be before --to. ${USAGE}`;
  return { from, to };
}

export async function main(argv: string[], vars: NodeJS.ProcessEnv = process.env, io: CliIo = consoleIo): Promise<number> {
  const window = parseArgs(argv);
  if (typeof window === "string") {
    io.err(window);
    return 2;
  }
  const env = loadCliEnv(vars, io);
  if (!env) return 2;
  if (env.stripe.mode !== "stripe") {
    io.err("No Stripe keys (STRIPE_SECRET_KEY): the payment simulator has nothing to reconcile with.");
    return 2;
  }
  if (!env.databaseUrl) {
    const dir = resolve(env.pgliteDataDir);
    if (!existsSync(join(dir, "PG_VERSION"))) {
      io.err(`No embedded database in ${dir}: start the server once (npm start) or set DATABASE_URL.`);
      return 2;
    }
    if (existsSync(join(dir, "postmaster.pid"))) {
      io.err(
        `The embedded database in ${dir} is in use (a server is probably running on it; it runs reconciliation daily by itself). Stop it first.`,
      );
      return 2;
    }
  }
  let runtime: Runtime;
  try {
    runtime = await buildServices(env, { emailIntervalMs: 0 });
  } catch (error) {
    io.err(`Could not open the database: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  try {
    const result = await reconcile(runtime.services, window);
    for (const divergence of result.divergences) io.out(describeDivergence(divergence));
    io.out(describeReconciliation(result));
    return result.divergences.length > 0 ? 1 : 0;
  } catch (error) {
    io.err(`Reconciliation could not run: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await runtime.stop();
  }
}

runWhenMain(import.meta.url, (argv) => main(argv));

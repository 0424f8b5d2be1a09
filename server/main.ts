// The one process entry point that listens: `npm start`.
import { loadEnv, ConfigError } from "./env.ts";
import { buildApp } from "./app.ts";
import { buildServices } from "./compose.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seedDemo } from "./seed.ts";
import type { Services } from "./services.ts";
import { isClusterPrimary, isFirstProcess, superviseWorkers } from "./cluster.ts";

/** Whether the demo's accounts are there (seeded by an earlier start of this database). */
async function holdsDemo(services: Services): Promise<boolean> {
  const found = await services.db.user.count({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } });
  return found === DEMO_ACCOUNTS.length;
}

async function main() {
  const env = loadEnv();
  // WEB_CONCURRENCY > 1: this process supervises that many workers, each of which runs what follows.
  if (isClusterPrimary(env.webConcurrency)) process.exit(await superviseWorkers(env.webConcurrency));
  const app = await buildApp(await buildServices(env));
  const where = env.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PostgreSQL in ${env.pgliteDataDir}`;
  const seeded = !env.databaseUrl && env.seedDemo && (await isEmpty(app.services));
  if (seeded) {
    await seedDemo(app.services);
    console.log("Seeded demo data.");
  }
  const port = await app.start(env.port);
  const base = env.publicUrl;
  if (isFirstProcess())
    console.log(`
Mentorship bookings is running on ${base}
  GraphQL (HTTP and WebSocket): ${base}/graphql${env.development ? "  (GraphiQL in a browser)" : ""}
  Stripe webhook:               ${base}/webhooks/stripe
  Database:                     ${where}
  Payments:                     ${env.stripe.mode === "stripe" ? "Stripe" : "local payment simulator (no Stripe keys)"}
  Emails:                       ${env.postmark ? "Postmark" : `logged here and kept in the database${env.development ? ` (read them at ${env.publicUrl}/dev/emails)` : ""}`}
  Port:                         ${port}${env.webConcurrency > 1 ? `\n  Processes:                    ${env.webConcurrency} (WEB_CONCURRENCY)` : ""}`);
  // Only when this database holds the demo: its accounts and their printed password exist then.
  if (seeded || (!env.databaseUrl && env.seedDemo && (await holdsDemo(app.services)))) {
    console.log(`\nDemo accounts (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(7)} ${account.email}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (isFirstProcess()) console.log(`\n${signal}: shutting down`);
    await app.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});

// The one process entry point that listens: `npm start`.
import { loadEnv, ConfigError } from "./env.ts";
import { buildApp } from "./app.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seedDemo } from "./seed.ts";

async function main() {
  const env = loadEnv();
  const app = await buildApp(env);
  const where = env.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PostgreSQL in ${env.pgliteDataDir}`;
  if (!env.databaseUrl && env.seedDemo && (await isEmpty(app.services))) {
    await seedDemo(app.services);
    console.log("Seeded demo data.");
  }
  const port = await app.start(env.port);
  const base = env.publicUrl;
  console.log(`
Mentorship bookings is running on ${base}
  GraphQL (HTTP and WebSocket): ${base}/graphql${env.development ? "  (GraphiQL in a browser)" : ""}
  Stripe webhook:               ${base}/webhooks/stripe
  Database:                     ${where}
  Payments:                     ${env.stripe.mode === "stripe" ? "Stripe" : "local payment simulator (no Stripe keys)"}
  Emails:                       ${env.postmark ? "Postmark" : `logged here and kept in the database${env.development ? ` (read them at ${env.publicUrl}/dev/emails)` : ""}`}
  Port:                         ${port}`);
  if (!env.databaseUrl) {
    console.log(`\nDemo accounts (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(7)} ${account.email}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: shutting down`);
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

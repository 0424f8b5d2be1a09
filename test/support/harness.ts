// Starts the real app on a free port and talks to it as clients do: GraphQL over HTTP with
// fetch, subscriptions over graphql-ws, Stripe webhooks signed the way Stripe signs them.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import Stripe from "stripe";
import { buildApp, type App, type AppOptions } from "../../server/app.ts";
import { buildServices, type ServicesOptions } from "../../server/compose.ts";
import { loadEnv, type Env } from "../../server/env.ts";
import type { Database } from "../../server/db/client.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { ADMIN_VARS } from "./fixtures.ts";

export const WEBHOOK_SECRET = "whsec_test_secret";

export interface TestApp {
  app: App;
  url: string;
  env: Env;
  db: Database["prisma"];
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  ws(token?: string): Client;
  webhook(event: object, options?: { secret?: string; timestamp?: number; body?: string }): Promise<Response>;
  stop(): Promise<void>;
}

export interface GqlResult<T> {
  data: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface TestAppOptions extends AppOptions, Omit<ServicesOptions, "database"> {
  /** Another test app's database, to run two instances on one database. */
  shared?: TestDatabase;
  vars?: Record<string, string>;
  /** Headers every `gql` call sends (e.g. X-Forwarded-For behind TRUST_PROXY). */
  headers?: Record<string, string>;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp & { testDb: TestDatabase }> {
  const testDb = options.shared ?? (await createTestDatabase());
  const env = loadEnv({
    NODE_ENV: "test",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    PORT: "0",
    // Tests sign up and in far more often than a person from one address; test/security.test.ts
    // checks the production limits.
    SIGNUPS_PER_ADDRESS: "1000000",
    LOGIN_ATTEMPTS_PER_ADDRESS: "1000000",
    // Likewise booking requests and cost budgets; test/partners.test.ts checks those limits.
    BOOKING_REQUESTS_PER_HOUR: "1000000",
    COST_BUDGET_POINTS: "1000000000",
    COST_RESTORE_PER_SECOND: "1000000000",
    // Completion credits the mentor's balance at once unless a test is about the completion
    // window (test/completion-hold.test.ts, test/disputes.test.ts set COMPLETION_HOLD_HOURS).
    COMPLETION_HOLD_HOURS: "0",
    // Apps on one test database share pub/sub channels (two instances); other test files'
    // apps, running at the same time on the same Redis, do not.
    ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL, REDIS_PREFIX: `${testDb.url ?? "embedded"}:` } : {}),
    ...options.vars,
  });
  // Background work is off unless a test asks for it: tests run the email worker and the tasks themselves.
  const runtime = await buildServices(env, {
    emailIntervalMs: options.emailIntervalMs ?? 0,
    emailSender: options.emailSender,
    database: testDb.database,
  });
  const app = await buildApp(runtime, { scheduler: false, ...options });
  const port = await app.start(0, "127.0.0.1");
  const url = `http://127.0.0.1:${port}`;
  env.publicUrl = url;
  const clients: Client[] = [];
  const signer = new Stripe("sk_test_signing_only");

  return {
    app,
    url,
    env,
    testDb,
    db: testDb.database.prisma,
    async gql(query, variables, token) {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GqlResult<any>;
    },
    ws(token) {
      const client = createClient({
        url: `${url.replace("http", "ws")}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: false,
        // Tests look at closes themselves (connected(), "closed" listeners); no console noise.
        onNonLazyError: () => undefined,
      });
      clients.push(client);
      return client;
    },
    async webhook(event, opts = {}) {
      const body = opts.body ?? JSON.stringify(event);
      const header = signer.webhooks.generateTestHeaderString({
        payload: body,
        secret: opts.secret ?? WEBHOOK_SECRET,
        ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
      });
      return fetch(`${url}/webhooks/stripe`, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": header },
        body,
      });
    },
    async stop() {
      await Promise.all(clients.map((c) => c.dispose()));
      await app.stop();
      if (!options.shared) await testDb.drop();
    },
  };
}

/** Collects a subscription's events; `next(n)` waits until n events arrived (or times out). */
export function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const events: { data?: T; errors?: readonly { message: string }[] }[] = [];
  const waiters: (() => void)[] = [];
  let error: unknown;
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        events.push(value as never);
        for (const wake of waiters.splice(0)) wake();
      },
      error: (e) => {
        error = e;
        for (const wake of waiters.splice(0)) wake();
      },
      complete: () => {
        for (const wake of waiters.splice(0)) wake();
      },
    },
  );
  return {
    events,
    get error() {
      return error;
    },
    dispose,
    async next(count: number, timeoutMs = 5000): Promise<typeof events> {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count && error === undefined) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`expected ${count} events, got ${events.length}: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      if (error !== undefined && events.length < count) throw new Error(`subscription failed: ${JSON.stringify(error)}`);
      return events;
    },
  };
}

/** Waits until graphql-ws has acknowledged the connection, so subscriptions are live. */
export function connected(client: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    const off1 = client.on("connected", () => {
      off1();
      off2();
      resolve();
    });
    const off2 = client.on("closed", (event) => {
      off1();
      off2();
      reject(new Error(`closed: ${JSON.stringify((event as { code?: number }).code)}`));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An app with Stripe keys whose SDK talks to a fresh Stripe stand-in (and the admin account of
 * ADMIN_VARS); `stop` stops both. Background work is off, as in startTestApp.
 */
export async function startStripeApp(vars: Record<string, string> = {}, options: TestAppOptions = {}) {
  const { startStripeStandIn } = await import("./stripe-stand-in.ts");
  const stripe = await startStripeStandIn();
  const t = await startTestApp({
    ...options,
    vars: {
      ...ADMIN_VARS,
      STRIPE_SECRET_KEY: "sk_test_x",
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: stripe.url,
      ...vars,
    },
  });
  return {
    stripe,
    t,
    async stop() {
      await t.stop();
      await stripe.stop();
    },
  };
}

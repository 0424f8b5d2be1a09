// buildApp(): the database, pub/sub, payments, email worker, GraphQL over HTTP and graphql-ws
// (one plugin pipeline for both), the Stripe webhook, the payment simulator and the client.
// It does not listen until start() is called; server/main.ts is the only caller that does
// so on a fixed port, tests use port 0.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import type { ExecutionArgs } from "graphql";
import type { Env } from "./env.ts";
import { openDatabase, type Database } from "./db/client.ts";
import { openPubSub } from "./pubsub.ts";
import { schema } from "./schema/index.ts";
import { createContext, type Context } from "./context.ts";
import type { Services } from "./services.ts";
import { useLimits } from "./limits.ts";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { allowedSocketOrigin, corsOptions, requireContentLength, useHttpSecurity } from "./http/security.ts";
import { trackSocketSessions } from "./http/socket-sessions.ts";
import { openThrottle } from "./security/throttle.ts";
import type { IncomingMessage } from "node:http";
import { useStripeWebhook, WEBHOOK_PATH } from "./payments/webhook-plugin.ts";
import { simulatorGateway, usePaymentSimulator } from "./payments/simulator.ts";
import { createStripeClient } from "./payments/stripe-client.ts";
import { stripeGateway } from "./payments/stripe-gateway.ts";
import { logSender, postmarkSender, type EmailSender } from "./email/sender.ts";
import { startEmailWorker } from "./email/worker.ts";
import { useStaticClient } from "./static-files.ts";
import { DEV_MAILBOX_PATH, useDevMailbox } from "./email/dev-mailbox.ts";
import { authenticate } from "./domain/auth.ts";
import { ensureAdmin } from "./domain/account-commands.ts";
import { createPayoutGateway } from "./payments/payout-gateway.ts";
import { CONNECT_SIMULATOR_PREFIX, useConnectSimulator } from "./payments/simulator-payout-gateway.ts";
import { startScheduler, type Scheduler } from "./jobs/scheduler.ts";
import { recurringTasks } from "./jobs/registry.ts";

export const GRAPHQL_PATH = "/graphql";

export interface App {
  services: Services;
  database: Database;
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  server: Server;
  /** Listens; resolves to the bound port (pass 0 for any free port). */
  start(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

export interface AppOptions {
  /** Use this database instead of opening one from env (tests share or isolate databases). */
  database?: Database;
  emailSender?: EmailSender;
  /** Delivery interval of the email worker in ms; 0 turns the background worker off. */
  emailIntervalMs?: number;
  /**
   * The recurring-task scheduler (server/jobs): on by default; `false` turns it off (tests run
   * tasks directly). `connectionString` is the PostgreSQL URL for graphile-worker when the
   * database was passed in (defaults to DATABASE_URL; PGlite uses in-process timers).
   */
  scheduler?: false | { connectionString?: string; pollIntervalMs?: number };
  /** How often open sockets' tokens are checked for expiry or revocation (default 30 s). */
  socketSweepMs?: number;
}

export async function buildApp(env: Env, options: AppOptions = {}): Promise<App> {
  const database =
    options.database ??
    (await openDatabase(env.databaseUrl ? { url: env.databaseUrl } : { pgliteDataDir: env.pgliteDataDir }));
  await database.migrate();
  if (env.admin) await ensureAdmin(database.prisma, env.admin);

  const pubsubHandle = openPubSub(env.redisUrl);
  const payments =
    env.stripe.mode === "stripe"
      ? stripeGateway(createStripeClient(env.stripe.secretKey, env.stripe.apiUrl))
      : simulatorGateway(env);
  const sender =
    options.emailSender ??
    (env.postmark ? postmarkSender(env.postmark.serverToken, env.emailFrom, env.postmark.apiUrl) : logSender());
  const emailInterval = options.emailIntervalMs ?? 2000;
  const emailWorker = emailInterval > 0 ? startEmailWorker(database.prisma, sender, emailInterval) : undefined;

  const background = new Set<Promise<void>>();
  const throttle = openThrottle(env);
  const services: Services = {
    env,
    db: database.prisma,
    pubsub: pubsubHandle.pubsub,
    payments,
    payouts: createPayoutGateway(env),
    throttle,
    publish(event) {
      pubsubHandle.pubsub.publish("bookingChanged", event);
      void emailWorker?.kick();
    },
    inBackground(label, work) {
      const running: Promise<void> = work()
        .then(
          () => undefined,
          (error: unknown) => console.error(`${label} failed:`, error),
        )
        .finally(() => background.delete(running));
      background.add(running);
      return running;
    },
    async settled() {
      while (background.size > 0) await Promise.all([...background]);
    },
  };

  const databaseAnswers = () =>
    database.prisma.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    );

  const yoga: App["yoga"] = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    graphiql: env.development ? { subscriptionsProtocol: "WS" } : false,
    landingPage: false,
    // Yoga's own check (empty 200, matched on any URL that ends with it) answers liveness only;
    // /health below also asks the database.
    healthCheckEndpoint: "/health/live",
    maskedErrors: true,
    // Browsers may call the API only from CORS_ORIGINS, and never with cookies.
    cors: corsOptions(env),
    context: ({ request, connectionParams, req }) =>
      createContext(services, request, connectionParams as Record<string, unknown> | undefined, req as IncomingMessage | undefined),
    plugins: [
      // First: a URL that cannot be decoded or an oversized body is refused before any route sees it.
      useHttpSecurity(env, { apiPath: GRAPHQL_PATH }),
      // A form or multipart POST (which a browser sends cross-site without asking) never executes.
      useCSRFPrevention({ requestHeaders: ["x-graphql-yoga-csrf"] }),
      ...useLimits(),
      useStripeWebhook(services),
      // The simulators sign events with the webhook secret: they exist only without Stripe keys.
      ...(env.stripe.mode === "simulator"
        ? [
            usePaymentSimulator(services, async (request): Promise<Response> => yoga.fetch(request)),
            useConnectSimulator(services, async (request): Promise<Response> => yoga.fetch(request)),
          ]
        : []),
      useDevMailbox(services),
      useStaticClient(undefined, [GRAPHQL_PATH, WEBHOOK_PATH, "/pay/", CONNECT_SIMULATOR_PREFIX, DEV_MAILBOX_PATH, "/health"]),
      {
        // Liveness and readiness for a load balancer: the process answers and its database does.
        async onRequest({ url, endResponse }) {
          if (url.pathname !== "/health") return;
          const database = await databaseAnswers();
          endResponse(
            new Response(JSON.stringify({ ok: database, database: database ? "ok" : "unreachable" }), {
              status: database ? 200 : 503,
              headers: { "content-type": "application/json", "cache-control": "no-store" },
            }),
          );
        },
      },
    ],
  });

  const server = createServer(requireContentLength(yoga));
  // Browsers do not apply CORS to WebSockets: a page may open one only from an allowed origin.
  const wsServer = new WebSocketServer({
    server,
    path: GRAPHQL_PATH,
    verifyClient: ({ origin }: { origin?: string }) => allowedSocketOrigin(env, origin),
  });
  const sessions = trackSocketSessions(database.prisma, pubsubHandle.pubsub, { sweepMs: options.socketSweepMs });
  const wsHandle = useServer<Record<string, unknown>>(
    {
      // A token that is sent must be valid; without one, only public operations work. A socket
      // signed in with a token is closed (4403) as soon as the token is revoked or expires.
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        if (authorization === undefined) return true;
        const viewer = typeof authorization === "string" ? await authenticate(database.prisma, authorization) : null;
        if (!viewer) return false;
        sessions.add(viewer.tokenId, ctx.extra.socket);
        return true;
      },
      execute: (args: ExecutionArgs) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args: ExecutionArgs) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          connectionParams: ctx.connectionParams,
        });
        let document;
        try {
          document = parse(params.query);
        } catch (error) {
          return [error as never];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        return {
          schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
    },
    wsServer,
  );

  const scheduler: Scheduler | undefined =
    options.scheduler === false
      ? undefined
      : await startScheduler(services, {
          tasks: recurringTasks,
          connectionString: database.kind === "postgres" ? (options.scheduler?.connectionString ?? env.databaseUrl) : undefined,
          pollIntervalMs: options.scheduler?.pollIntervalMs,
        });

  let stopped = false;
  return {
    services,
    database,
    yoga,
    server,
    start(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      sessions.stop();
      await wsHandle.dispose();
      wsServer.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      await services.settled();
      await scheduler?.stop();
      await emailWorker?.stop();
      await pubsubHandle.close();
      await throttle.close();
      if (!options.database) await database.close();
    },
  };
}

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

// buildApp(runtime): GraphQL over HTTP and graphql-ws (one plugin pipeline for both), the
// Stripe webhook, the simulators (without Stripe keys), the development mailbox, health, the
// client, and the recurring-task scheduler, over the services that server/compose.ts's
// buildServices() built. It does not listen until start() is called; server/main.ts is the only
// caller that does so on a fixed port, tests use port 0.
import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createYoga, useReadinessCheck, type YogaServerInstance } from "graphql-yoga";
import { WebSocketServer } from "ws";
import type { DocumentNode, ExecutionArgs, ExecutionResult } from "graphql";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import type { Database } from "./db/client.ts";
import { schema } from "./schema/index.ts";
import { cacheCredentials, createContext, type Context } from "./context.ts";
import type { Services } from "./services.ts";
import type { Runtime } from "./compose.ts";
import { useLimits } from "./limits.ts";
import { costOnSocket, useCostBudget } from "./http/cost-budget-plugin.ts";
import { GRAPHQL_PATH, WEBHOOK_PATH } from "./shared/paths.ts";
import { allowedSocketOrigin, corsOptions, requireContentLength, useHttpSecurity } from "./http/security.ts";
import { trackSocketSessions, UNAUTHORIZED_CLOSE_CODE } from "./http/socket-sessions.ts";
import { useMetrics } from "./http/metrics.ts";
import { useEmailActions } from "./http/email-actions.ts";
import { EMAIL_ACTION_PATH } from "./bookings/email-action-links.ts";
import { useStripeWebhook } from "./stripe/webhook-plugin.ts";
import { usePaymentSimulator } from "./simulator/payment-simulator.ts";
import { useStaticClient } from "./static-files.ts";
import { DEV_MAILBOX_PATH, useDevMailbox } from "./simulator/dev-mailbox.ts";
import { authenticate } from "./accounts/auth.ts";
import { CONNECT_SIMULATOR_PREFIX, useConnectSimulator } from "./simulator/connect-simulator.ts";
import { startScheduler, type Scheduler } from "./jobs/scheduler.ts";
import { recurringTasks } from "./tasks.ts";
import { maskError } from "./http/mask-error.ts";
import { yogaLogging } from "./log.ts";
import { warmPasswordEstimator } from "./accounts/password-strength.ts";
import { useSharedEventResults, type SharedEventResults } from "./http/shared-event-results.ts";
import { serializedResult, serveGraphqlWs } from "./http/graphql-ws-transport.ts";

export { GRAPHQL_PATH };

export interface App {
  services: Services;
  database: Database;
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  server: Server;
  /** Subscription events executed once per viewer, not per socket (how many ran, for tests). */
  sharedEvents: SharedEventResults;
  /** Listens (once the password estimator is warm); resolves to the bound port (pass 0 for any free port). */
  start(port: number, host?: string): Promise<number>;
  /** Closes sockets and the server, stops the scheduler, then the runtime (buildApp owns it). */
  stop(): Promise<void>;
}

export interface AppOptions {
  /**
   * The recurring-task scheduler (server/jobs): on by default; `false` turns it off (tests run
   * tasks directly). `connectionString` is the PostgreSQL URL for graphile-worker when the
   * database was passed in (defaults to DATABASE_URL; PGlite uses in-process timers).
   */
  scheduler?: false | { connectionString?: string; pollIntervalMs?: number };
  /** How long a looked-up session token is trusted before it is read again (default CREDENTIAL_CACHE_MS, 5 s). */
  credentialCacheMs?: number;
  /** How often open sockets' tokens are checked for expiry or revocation (default 30 s). */
  socketSweepMs?: number;
  /**
   * `false`: without the per-operation limits (server/limits.ts) and the cost budget. Only for
   * the benchmark, which measures what they cost; the server never runs so (main.ts does not pass it).
   */
  limits?: boolean;
  /** GraphQL HTTP requests worked on at once; more are answered 503 with Retry-After at once (default MAX_IN_FLIGHT). */
  maxInFlight?: number;
}

/**
 * GraphQL requests one instance works on at once. Past it, a request is answered 503 with
 * Retry-After (code SERVICE_UNAVAILABLE) at once instead of queueing behind the others: on a
 * saturated instance every queued request waits for all those ahead of it (the event loop and
 * the connection pool), so that without a bound the latency of all of them grows until clients
 * time out, and the database waits end as errors after many seconds. Retried elsewhere or a
 * moment later, the request is answered in time.
 */
export const MAX_IN_FLIGHT = 64;
/** How long an idle keep-alive HTTP connection is kept open (longer than common load balancers' 60 s). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const BUSY_RETRY_AFTER_SECONDS = 1;

function shedWhenBusy(listener: RequestListener, max: number): RequestListener {
  let inFlight = 0;
  const busy = JSON.stringify({
    errors: [
      {
        message: "The service is busy. Try again in a moment.",
        extensions: { code: "SERVICE_UNAVAILABLE", retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS },
      },
    ],
  });
  return (req, res) => {
    if (!req.url?.startsWith(GRAPHQL_PATH) || req.headers.upgrade) return listener(req, res);
    if (inFlight >= max) {
      res.writeHead(503, { "content-type": "application/json; charset=utf-8", "retry-after": String(BUSY_RETRY_AFTER_SECONDS) }).end(busy);
      return;
    }
    inFlight += 1;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      inFlight -= 1;
    };
    res.once("finish", finish);
    res.once("close", finish);
    listener(req, res);
  };
}

export async function buildApp(runtime: Runtime, options: AppOptions = {}): Promise<App> {
  const { services, database } = runtime;
  const { env } = services;

  const credentials = cacheCredentials(services, options.credentialCacheMs);
  const sharedEvents = useSharedEventResults();
  const yoga: App["yoga"] = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    graphiql: env.development ? { subscriptionsProtocol: "WS" } : false,
    // GraphiQL's page with its scripts inline, from the installed package (works offline; no CDN).
    renderGraphiQL: async (options) => (await import("@graphql-yoga/render-graphiql")).renderGraphiQL(options),
    landingPage: false,
    // Liveness: the process answers. Readiness (/health, below) also asks the database.
    healthCheckEndpoint: "/health/live",
    // Unexpected failures are masked; a busy database is a 503 with Retry-After (mask-error.ts).
    maskedErrors: { maskError },
    // Yoga's own lines (an unexpected failure it masked, with its stack) go through pino too.
    logging: yogaLogging,
    // Browsers may call the API only from CORS_ORIGINS, and never with cookies.
    cors: corsOptions(env),
    // Bodies are bounded before Yoga reads them: the Node server answers 411 to a POST without a
    // Content-Length (requireContentLength), useHttpSecurity 413 to one over MAX_BODY_BYTES, and
    // Node's parser reads no byte past the stated length. Yoga's own limit would pipe every body
    // through a counting stream with an AbortController of its own (about 2% of the dashboard
    // read's CPU in a profile) to enforce a looser 25 MB bound.
    maxRequestBodySize: false,
    context: ({ request, connectionParams, req }) =>
      createContext(
        services,
        request,
        connectionParams as Record<string, unknown> | undefined,
        req as IncomingMessage | undefined,
        credentials,
      ),
    plugins: [
      // First: a URL that cannot be decoded or an oversized body is refused before any route sees it.
      useHttpSecurity(env, { apiPath: GRAPHQL_PATH }),
      // A form or multipart POST (which a browser sends cross-site without asking) never executes.
      useCSRFPrevention({ requestHeaders: ["x-graphql-yoga-csrf"] }),
      // After the limits: an operation refused by them costs nothing; one within them is charged.
      ...(options.limits === false ? [] : [...useLimits(), useCostBudget(env, services.throttle)]),
      ...useMetrics(database.prisma, env.metricsToken),
      sharedEvents.plugin,
      useStripeWebhook(services),
      // The simulators sign events with the webhook secret: they exist only without Stripe keys.
      ...(env.stripe.mode === "simulator"
        ? [
            usePaymentSimulator(services, async (request): Promise<Response> => yoga.fetch(request)),
            useConnectSimulator(services, async (request): Promise<Response> => yoga.fetch(request)),
          ]
        : []),
      useDevMailbox(services),
      useEmailActions(services),
      useStaticClient(undefined, [
        GRAPHQL_PATH,
        WEBHOOK_PATH,
        "/pay/",
        CONNECT_SIMULATOR_PREFIX,
        DEV_MAILBOX_PATH,
        EMAIL_ACTION_PATH,
        "/health",
      ]),
      useReadinessCheck({
        endpoint: "/health",
        check: async () => {
          const up = await database.prisma.$queryRaw`SELECT 1`.then(
            () => true,
            () => false,
          );
          return Response.json(
            { ok: up, database: up ? "ok" : "unreachable" },
            { status: up ? 200 : 503, headers: { "cache-control": "no-store" } },
          );
        },
      }),
    ],
  });

  const server = createServer(shedWhenBusy(requireContentLength(yoga), options.maxInFlight ?? MAX_IN_FLIGHT));
  // An idle keep-alive connection is closed by the client or its load balancer, not by us: with
  // Node's 5 s default, a client reusing a connection as the server closes it gets a reset
  // (seen under the benchmark's mix), and a load balancer in front (idle timeout 60 s is common)
  // answers its callers 502.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  // Browsers do not apply CORS to WebSockets: a page may open one only from an allowed origin.
  const wsServer = new WebSocketServer({
    server,
    path: GRAPHQL_PATH,
    verifyClient: ({ origin }: { origin?: string }) => allowedSocketOrigin(env, origin),
  });
  const sessions = trackSocketSessions(database.prisma, services.pubsub, { sweepMs: options.socketSweepMs });
  // extensions.cost on what the socket sends (the HTTP plugin's hook does not see these results).
  const cost = options.limits === false ? undefined : costOnSocket(env, services.throttle);
  const settle = (args: ExecutionArgs, outcome: unknown) => (cost ? cost.settle(args, outcome) : outcome);
  const wsHandle = serveGraphqlWs<Record<string, unknown>>(
    {
      // A credential (token or API key) that is sent must be valid, else the socket closes with
      // 4401; without one, only public operations work. A socket signed in with a credential is
      // closed (4403) as soon as it is revoked or expires.
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        if (authorization === undefined) return true;
        const viewer =
          typeof authorization === "string"
            ? await authenticate(database.prisma, authorization).catch(() => "invalid" as const)
            : "invalid";
        if (viewer === "invalid" || viewer === null) {
          ctx.extra.socket.close(UNAUTHORIZED_CLOSE_CODE, "Unauthorized: the credential is unknown, expired or revoked");
          return false;
        }
        sessions.add(viewer.tokenId, ctx.extra.socket);
        return true;
      },
      execute: (args: ExecutionArgs) => settle(args, (args.rootValue as EnvelopedRoot).execute(args)) as never,
      subscribe: (args: ExecutionArgs) => settle(args, (args.rootValue as EnvelopedRoot).subscribe(args)) as never,
      // Each event serialised once however many sockets share it; the cost is per socket.
      onNext: (_ctx, _id, _payload, args, result) => serializedResult(result as ExecutionResult, cost?.nextCost(args)) as never,
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          connectionParams: ctx.connectionParams,
        });
        let document: DocumentNode;
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
    sharedEvents,
    async start(port, host) {
      await warmPasswordEstimator();
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      sessions.stop();
      credentials.stop();
      await wsHandle.dispose();
      wsServer.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      await services.settled();
      await scheduler?.stop();
      await runtime.stop();
    },
  };
}

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

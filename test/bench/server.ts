// One server under measurement, in a process of its own (test/bench/run.ts forks it), so that
// its CPU and memory are its own and not the load generator's. `node --import tsx server.ts <kind>`:
//   app   the real app (buildServices + buildApp), with BENCH_LIMITS=off without the cost and
//         depth limits and the cost budget (the cost of the limits is measured against it);
//   bare  the dashboard baseline: graphql-yoga + one hand-written SQL statement (bare-dashboard.ts);
//   ws    the fan-out baseline: a raw `ws` server that broadcasts bytes to every socket.
// With BENCH_REDIS_URL the app shares events through Redis under BENCH_REDIS_PREFIX (instances
// given the same prefix are one deployment) or a prefix of its own.
// The database: BENCH_DATABASE_URL (PostgreSQL) or BENCH_PGLITE_DUMP (a dump file the parent
// seeded, loaded into an in-memory PGlite of this process's own).
// The parent talks to it over the IPC channel: { id, cmd, args } -> { id, result | error }.
// BENCH_WORKERS=N (the app only): N worker processes on one port, as WEB_CONCURRENCY=N runs
// them (server/cluster.ts); this process is their primary, and its stats are the sum of theirs
// and its own (the primary hands out the connections).
import cluster, { type Worker } from "node:cluster";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:http";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { WebSocketServer, type WebSocket } from "ws";

const kind = process.argv[2];
let statements = 0;

// SQL statements sent to the database, counted where both servers send them (a counter, so
// that counting costs nothing measurable): pg's Client.query (the pool's queries go through
// it) and PGlite's query/exec (the app's transactions on PGlite are not counted).
const pgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return (pgQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pgQuery;
for (const method of ["query", "exec"] as const) {
  const original = PGlite.prototype[method] as (...a: unknown[]) => unknown;
  (PGlite.prototype as unknown as Record<string, unknown>)[method] = function (this: PGlite, ...args: unknown[]) {
    statements += 1;
    return original.apply(this, args);
  };
}

async function openPglite(): Promise<PGlite> {
  const dump = process.env.BENCH_PGLITE_DUMP!;
  const pglite = new PGlite({ loadDataDir: new Blob([readFileSync(dump)]) });
  await pglite.waitReady;
  return pglite;
}

type Handlers = Record<string, (args: any) => unknown>;
let handlers: Handlers = {};
let stop: () => Promise<void> = async () => undefined;

async function startApp(): Promise<number> {
  const { loadEnv } = await import("../../server/env.ts");
  const { buildServices } = await import("../../server/compose.ts");
  const { buildApp } = await import("../../server/app.ts");
  const { openDatabase } = await import("../../server/db/client.ts");
  const url = process.env.BENCH_DATABASE_URL;
  const database = url
    ? await openDatabase({ url })
    : await openDatabase({ pgliteDataDir: "memory", template: new Blob([readFileSync(process.env.BENCH_PGLITE_DUMP!)]) });
  const env = loadEnv({
    NODE_ENV: process.env.BENCH_NODE_ENV ?? "production",
    PORT: "0",
    PUBLIC_URL: "http://127.0.0.1",
    STRIPE_WEBHOOK_SECRET: "whsec_bench",
    // The payment simulator (no Stripe keys) in production mode: no payment is measured here.
    ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true",
    ...(url ? { DATABASE_URL: url } : {}),
    ...(process.env.BENCH_REDIS_URL
      ? { REDIS_URL: process.env.BENCH_REDIS_URL, REDIS_PREFIX: process.env.BENCH_REDIS_PREFIX ?? `bench-${process.pid}:` }
      : {}),
    // The measured callers are few and busy: budgets that never run dry, so that with the
    // limits on every operation is still charged (the cost of the limits is what is measured).
    COST_BUDGET_POINTS: "1000000000",
    COST_RESTORE_PER_SECOND: "1000000000",
    BOOKING_REQUESTS_PER_HOUR: "1000000",
    SIGNUPS_PER_ADDRESS: "1000000",
    LOGIN_ATTEMPTS_PER_ADDRESS: "1000000",
    ...JSON.parse(process.env.BENCH_VARS ?? "{}"),
  });
  const runtime = await buildServices(env, { database, emailIntervalMs: 0 });
  const app = await buildApp(runtime, { scheduler: false, limits: process.env.BENCH_LIMITS !== "off" });
  const port = await app.start(0, "127.0.0.1");
  handlers = {
    publish: ({ count, event }: { count: number; event: Record<string, unknown> }) => {
      for (let i = 0; i < count; i++) app.services.publish(event as never);
    },
  };
  stop = async () => {
    await app.stop();
    await database.close();
  };
  return port;
}

async function startBare(): Promise<number> {
  const { bareDashboard } = await import("./bare-dashboard.ts");
  const url = process.env.BENCH_DATABASE_URL;
  let query: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
  let close: () => Promise<void>;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    query = async (text, params) => (await pool.query(text, params)).rows;
    close = () => pool.end();
  } else {
    const pglite = await openPglite();
    query = async (text, params) => (await pglite.query<Record<string, unknown>>(text, params)).rows;
    close = () => pglite.close();
  }
  const server = createServer(bareDashboard(query));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await close();
  };
  return (server.address() as AddressInfo).port;
}

/** Accepts every socket; `broadcast` sends the given bytes to each, `count` times. */
async function startWs(): Promise<number> {
  const server = createServer();
  const wss = new WebSocketServer({ server, path: "/graphql" });
  const sockets = new Set<WebSocket>();
  wss.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // The same handshake as graphql-ws, so the clients are the same: ack the init, then idle.
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { type: string };
      if (message.type === "connection_init") socket.send(JSON.stringify({ type: "connection_ack" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  handlers = {
    broadcast: ({ count, bytes }: { count: number; bytes: string }) => {
      for (let i = 0; i < count; i++) for (const socket of sockets) socket.send(bytes);
    },
  };
  stop = async () => {
    for (const socket of sockets) socket.terminate();
    wss.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return (server.address() as AddressInfo).port;
}

const common: Handlers = {
  stats: () => {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    return { cpuUs: cpu.user + cpu.system, rss: memory.rss, heapUsed: memory.heapUsed, statements };
  },
  gc: () => (globalThis as { gc?: () => void }).gc?.(),
  stop: async () => {
    await stop();
    setImmediate(() => process.exit(0));
  },
};

type Message = { id: number; cmd: string; args?: unknown };
/** Answers the parent's commands (the bench, or a worker's primary), then says it listens on `port`. */
const serveParent = (port: number) => {
  process.on("message", async (message: Message) => {
    try {
      const handler = common[message.cmd] ?? handlers[message.cmd];
      if (!handler) throw new Error(`unknown command ${message.cmd}`);
      process.send!({ id: message.id, result: (await handler(message.args)) ?? null });
    } catch (error) {
      process.send!({ id: message.id, error: String(error) });
    }
  });
  process.send!({ ready: port });
};

const workers = Number(process.env.BENCH_WORKERS ?? 1);
if (kind === "app" && workers > 1 && cluster.isPrimary) {
  // The primary: starts the workers, then asks each of them what the parent asks it.
  const started: Worker[] = [];
  let port = 0;
  for (let i = 0; i < workers; i++) {
    const worker = cluster.fork();
    const ready = await new Promise<number>((resolve) => worker.once("message", (message: { ready: number }) => resolve(message.ready)));
    // Workers listening on port 0 share the one the primary picked for the first of them.
    if (port !== 0 && ready !== port) throw new Error(`worker ${i} listens on ${ready}, not ${port}`);
    port = ready;
    started.push(worker);
  }
  let next = 0;
  const ask = (worker: Worker, cmd: string, args?: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++next;
      const listen = (message: { id: number; result?: unknown; error?: string }) => {
        if (message.id !== id) return;
        worker.off("message", listen);
        if (message.error) reject(new Error(message.error));
        else resolve(message.result);
      };
      worker.on("message", listen);
      worker.send({ id, cmd, args });
    });
  const all = (cmd: string, args?: unknown) => Promise.all(started.map((worker) => ask(worker, cmd, args)));
  handlers = {
    // Published once, on one worker: Redis carries it to the others, as between instances.
    publish: (args: unknown) => ask(started[0]!, "publish", args),
  };
  const own = common.stats!;
  common.stats = async () => {
    const each = [own(undefined), ...(await all("stats"))] as { cpuUs: number; rss: number; heapUsed: number; statements: number }[];
    return each.reduce((sum, one) => ({
      cpuUs: sum.cpuUs + one.cpuUs,
      rss: sum.rss + one.rss,
      heapUsed: sum.heapUsed + one.heapUsed,
      statements: sum.statements + one.statements,
    }));
  };
  common.gc = async () => void (await all("gc"));
  common.stop = async () => {
    await Promise.all(started.map((worker) => ask(worker, "stop").catch(() => undefined)));
    setImmediate(() => process.exit(0));
  };
  serveParent(port);
} else {
  const port = await (kind === "app"
    ? startApp()
    : kind === "bare"
      ? startBare()
      : kind === "ws"
        ? startWs()
        : Promise.reject(new Error(kind)));
  serveParent(port);
}

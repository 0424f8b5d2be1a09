// The benchmark's load side: forks a server (server.ts) and talks to it over HTTP with a
// keep-alive agent and over raw WebSockets speaking graphql-transport-ws, and measures.
import { fork, type ChildProcess } from "node:child_process";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";

export interface ServerStats {
  cpuUs: number;
  rss: number;
  heapUsed: number;
  statements: number;
}

export interface BenchServer {
  kind: string;
  port: number;
  url: string;
  call<T = unknown>(cmd: string, args?: unknown): Promise<T>;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

const serverFile = fileURLToPath(new URL("./server.ts", import.meta.url));

/**
 * The V8 flags `npm start` runs the server with (package.json), such as the young generation's
 * size: every measured server gets them, the baselines too, so a ratio compares code, not settings.
 */
const START_FLAGS: string[] =
  (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { scripts: { start: string } }).scripts.start.match(
    /--max-[a-z-]+-size=\d+/g,
  ) ?? [];

/** Forks server.ts `kind` with `env`; BENCH_PROFILE=dir adds --cpu-prof (the profile is written there on stop). */
export async function startServer(kind: "app" | "bare" | "ws", env: Record<string, string | undefined>): Promise<BenchServer> {
  const execArgv = ["--import", "tsx", "--expose-gc", ...START_FLAGS];
  if (process.env.BENCH_PROFILE && kind !== "ws") execArgv.push("--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`);
  const child: ChildProcess = fork(serverFile, [kind], {
    execArgv,
    // NODE_ENV in the process's environment as a deployment sets it: libraries read it there
    // (graphql-js checks every instanceof twice outside production), for the baselines too.
    env: { ...process.env, NODE_ENV: process.env.BENCH_NODE_ENV ?? "production", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn", ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server ${kind} exited with ${code}`)));
    child.on("message", (message: { ready?: number; id?: number; result?: unknown; error?: string }) => {
      if (message.ready !== undefined) return resolve(message.ready);
      const waiting = pending.get(message.id!);
      pending.delete(message.id!);
      if (message.error) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.result);
    });
  });
  const call = <T>(cmd: string, args?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, cmd, args });
    });
  return {
    kind,
    port,
    url: `http://127.0.0.1:${port}`,
    call,
    stats: () => call<ServerStats>("stats"),
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await call("stop").catch(() => undefined);
      await exited;
    },
  };
}

export interface HttpClient {
  post(
    path: string,
    body: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Record<string, unknown>; body: string }>;
  close(): void;
}

export function httpClient(base: string, sockets: number): HttpClient {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const url = new URL(base);
  return {
    post(path, body, headers = {}) {
      return new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            path,
            method: "POST",
            headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

export interface Run {
  ops: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

/** `concurrency` callers run `fn` back to back for `seconds` (or, with `rate`, start `rate` calls a second, open loop). */
export async function drive(seconds: number, concurrency: number, fn: (i: number) => Promise<boolean>, rate?: number): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const one = async () => {
    const i = next++;
    const begun = performance.now();
    const ok = await fn(i).catch(() => false);
    latencies.push(performance.now() - begun);
    if (!ok) errors += 1;
  };
  if (rate) {
    const running = new Set<Promise<void>>();
    const spacing = 1000 / rate;
    for (let k = 0; ; k++) {
      const at = started + k * spacing;
      if (at >= deadline) break;
      const wait = at - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const p: Promise<void> = one().finally(() => running.delete(p));
      running.add(p);
    }
    await Promise.all(running);
  } else {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) await one();
      }),
    );
  }
  latencies.sort((a, b) => a - b);
  return { ops: latencies.length, errors, seconds: (performance.now() - started) / 1000, latencies };
}

/** A graphql-transport-ws socket: connection_init with `authorization`, then subscribe; counts `next` messages. */
export interface Subscriber {
  socket: WebSocket;
  received: number;
  receivedAt: number[];
  lastMessage: string | undefined;
}

export async function openSubscribers(url: string, count: number, tokens: string[], query: string): Promise<Subscriber[]> {
  const subscribers: Subscriber[] = [];
  const batch = 50;
  for (let i = 0; i < count; i += batch) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, (_, k) => openSubscriber(url, tokens[(i + k) % tokens.length]!, query)),
    );
    subscribers.push(...opened);
  }
  return subscribers;
}

function openSubscriber(url: string, token: string, query: string): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
    const subscriber: Subscriber = { socket, received: 0, receivedAt: [], lastMessage: undefined };
    socket.on("error", reject);
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })));
    socket.on("message", (data) => {
      const text = String(data);
      if (text.includes('"connection_ack"')) {
        socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query } }));
        resolve(subscriber);
        return;
      }
      if (text.startsWith('{"id":"1","type":"next"') || text.includes('"type":"next"')) {
        subscriber.received += 1;
        subscriber.receivedAt.push(performance.now());
        subscriber.lastMessage = text;
      }
    });
  });
}

export async function closeSubscribers(subscribers: Subscriber[]): Promise<void> {
  await Promise.all(
    subscribers.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.socket.readyState === WebSocket.CLOSED) return resolve();
          s.socket.once("close", () => resolve());
          s.socket.close();
        }),
    ),
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

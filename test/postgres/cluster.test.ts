// WEB_CONCURRENCY=2 (server/cluster.ts), run as `npm start` runs the server: two workers answer
// on one port, a worker that dies is replaced while the other keeps answering, and SIGTERM stops
// the primary and every worker.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/database.ts";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

interface Line {
  msg?: string;
  pid?: number;
  worker?: number;
}

/** The server's JSON log lines, its printed port, and its exit. */
function start(vars: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", PORT: "0", ...vars },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Line[] = [];
  let output = "";
  let port = 0;
  let partial = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk;
    const printed = /Port:\s+(\d+)/.exec(output);
    if (printed) port = Number(printed[1]);
    // Whole lines only: a line split across chunks waits for its end.
    const texts = (partial + String(chunk)).split("\n");
    partial = texts.pop()!;
    for (const text of texts) if (text.startsWith("{")) lines.push(JSON.parse(text) as Line);
  });
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, lines, exited, port: () => port, output: () => output };
}

const until = async <T>(what: string, check: () => T | undefined | false, ms = 60_000, output?: () => string): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output?.() ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("WEB_CONCURRENCY", () => {
  it("runs two workers on one port, replaces one that dies, and stops them all on SIGTERM", async () => {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    const server = start({
      DATABASE_URL: db.url!,
      REDIS_URL: process.env.TEST_REDIS_URL!,
      REDIS_PREFIX: `cluster-test-${process.pid}:`,
      WEB_CONCURRENCY: "2",
      PUBLIC_URL: "http://127.0.0.1",
      ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true",
      STRIPE_WEBHOOK_SECRET: "whsec_cluster_test",
    });
    cleanup.push(async () => {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
    });
    const port = await until("the printed port", () => server.port(), 60_000, server.output);
    const started = () => server.lines.filter((line) => line.msg === "worker started").map((line) => line.pid!);
    const workers = await until("two workers", () => started().length === 2 && started(), 10_000, server.output);

    const ask = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      return ((await response.json()) as { data?: { __typename: string } }).data?.__typename;
    };
    for (let i = 0; i < 10; i++) expect(await ask()).toBe("Query");

    // A worker killed outright: the primary starts another, and the port keeps answering.
    process.kill(workers[0]!, "SIGKILL");
    await until("a replacement worker", () => started().length === 3, 30_000, server.output);
    for (let i = 0; i < 10; i++) expect(await ask()).toBe("Query");
    expect(server.lines.some((line) => line.msg === "worker died; starting another" && line.pid === workers[0])).toBe(true);

    // SIGTERM to the primary: every worker finishes and exits, then the primary with 0.
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    for (const pid of started()) expect(alive(pid)).toBe(false);
  }, 120_000);
});

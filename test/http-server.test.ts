// The Node HTTP server in front of Yoga: past its bound of GraphQL requests in flight it answers
// 503 with Retry-After at once (a typed SERVICE_UNAVAILABLE error, never a masked one), and idle
// keep-alive connections are left for the client or its load balancer to close.
import { request, Agent } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { waitFor } from "./support/scheduler-fixtures.ts";
import { KEEP_ALIVE_TIMEOUT_MS } from "../server/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ maxInFlight: 2 });
});
afterAll(() => t?.stop());

const QUERY = JSON.stringify({ query: "{ __typename }" });

/** A POST whose body is held back until `finish` is called: a request in flight meanwhile. */
function heldRequest() {
  const url = new URL(`${t.url}/graphql`);
  let finish!: () => void;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.setHeader("content-type", "application/json");
    req.setHeader("content-length", Buffer.byteLength(QUERY));
    req.on("error", reject);
    req.write(QUERY.slice(0, 5));
    finish = () => req.end(QUERY.slice(5));
  });
  return { answer, finish: () => finish() };
}

const post = () => fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: QUERY });

describe("the HTTP server", () => {
  it("answers 503 with Retry-After past its requests in flight, and serves again once they finish", async () => {
    const held = [heldRequest(), heldRequest()];
    // Once both have arrived (a loaded machine may take a moment), a third is refused.
    let refused = await post();
    try {
      await waitFor(async () => {
        refused = await post();
        return refused.status === 503;
      }, 5_000);
    } finally {
      // Whatever happened, the held requests end, so the server can stop.
      if (refused.status !== 503) for (const h of held) h.finish();
    }
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: "The service is busy. Try again in a moment.",
          extensions: { code: "SERVICE_UNAVAILABLE", retryAfterSeconds: 1 },
        },
      ],
    });
    for (const h of held) h.finish();
    for (const h of held) {
      const { status, body } = await h.answer;
      expect(status).toBe(200);
      expect(JSON.parse(body).data).toEqual({ __typename: "Query" });
    }
    const served = await post();
    expect(served.status).toBe(200);
    // Not GraphQL: not counted, never refused as busy.
    expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
  });

  it("keeps an idle keep-alive connection open longer than a load balancer's usual 60 s", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const url = new URL(`${t.url}/graphql`);
    const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers: { "content-type": "application/json" } },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.headers["keep-alive"] as string | undefined));
        },
      );
      req.on("error", reject);
      req.end(QUERY);
    });
    agent.destroy();
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
    expect(keepAlive).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);
  });
});

// The shared execution of subscription events through a real Yoga pipeline and a real schema:
// who shares an execution (same event, document, variables and viewer) and who does not.
import { describe, expect, it } from "vitest";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { ExecutionResult } from "graphql";
import { createPubSub, createYoga } from "graphql-yoga";
import { useSharedEventResults } from "./shared-event-results.ts";

interface Event {
  eventId?: string;
  n: number;
}

function setup(keepMs?: number) {
  const pubsub = createPubSub<{ changed: [Event] }>();
  let resolved = 0;
  const schema = makeExecutableSchema({
    typeDefs: /* GraphQL */ `
      type Query { ok: Boolean }
      type Change { n: Int! seenBy: String! times(k: Int!): Int! }
      type Subscription { changed: Change! }
    `,
    resolvers: {
      Subscription: {
        changed: {
          subscribe: () => pubsub.subscribe("changed"),
          resolve: (event: Event, _: unknown, context: { viewer: { id: string } | null }) => {
            resolved += 1;
            if (event.n < 0) throw new Error("negative");
            return { n: event.n, seenBy: context.viewer?.id ?? "nobody" };
          },
        },
      },
      Change: { times: (change: { n: number }, { k }: { k: number }) => change.n * k },
    },
  });
  const shared = useSharedEventResults(keepMs);
  const yoga = createYoga({ schema, plugins: [shared.plugin], maskedErrors: false });
  const session = (id: string) => ({ viewer: { id, role: "MENTEE", tokenId: `t-${id}` } });
  const apiKey = (id: string, key: string) => ({ viewer: { id, role: "MENTEE", tokenId: key, apiKey: { id: key } } });

  /** Subscribes like a socket does; collects what it receives. */
  async function open(contextValue: unknown, query = "subscription { changed { n seenBy } }", variableValues?: Record<string, unknown>) {
    // Yoga's parse, as the socket server uses it: one document object per query text (its cache).
    const { subscribe, parse, schema: enveloped } = yoga.getEnveloped({});
    const stream = (await subscribe({
      schema: enveloped,
      document: parse(query),
      contextValue,
      variableValues,
    })) as AsyncIterableIterator<ExecutionResult>;
    const received: ExecutionResult[] = [];
    const done = (async () => {
      for await (const result of stream) received.push(result);
    })();
    const stop = async () => {
      await stream.return?.();
      await done;
    };
    return { received, stop };
  }
  return { pubsub, shared, open, session, apiKey, resolved: () => resolved };
}

/** Waits (up to 5 s) until every socket has received `count` results. */
async function received(sockets: { received: unknown[] }[], count: number) {
  const deadline = Date.now() + 5_000;
  while (sockets.some((socket) => socket.received.length < count)) {
    if (Date.now() > deadline) throw new Error(`not every socket received ${count} results`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("shared subscription results", () => {
  it("executes an event once for the sockets of one viewer with one document, each receiving it", async () => {
    const s = setup();
    const query = "subscription { changed { n seenBy } }";
    const sockets = await Promise.all([s.open(s.session("ann"), query), s.open(s.session("ann"), query), s.open(s.session("ann"), query)]);
    s.pubsub.publish("changed", { eventId: "e1", n: 1 });
    s.pubsub.publish("changed", { eventId: "e2", n: 2 });
    await received(sockets, 2);
    expect(s.shared.executions).toBe(2);
    expect(s.resolved()).toBe(2);
    for (const socket of sockets) {
      expect(socket.received.map((r) => r.data)).toEqual([{ changed: { n: 1, seenBy: "ann" } }, { changed: { n: 2, seenBy: "ann" } }]);
    }
    await Promise.all(sockets.map((socket) => socket.stop()));
  });

  it("does not share between viewers, an API key and a session, or different variables", async () => {
    const s = setup();
    const times = "subscription($k: Int!) { changed { n times(k: $k) seenBy } }";
    const ann = await s.open(s.session("ann"), times, { k: 2 });
    const annOtherTab = await s.open(s.session("ann"), times, { k: 2 });
    const annTriple = await s.open(s.session("ann"), times, { k: 3 });
    const annKey = await s.open(s.apiKey("ann", "key-1"), times, { k: 2 });
    const bob = await s.open(s.session("bob"), times, { k: 2 });
    s.pubsub.publish("changed", { eventId: "e1", n: 5 });
    await received([ann, annOtherTab, annTriple, annKey, bob], 1);
    // ann (k 2, both tabs), ann (k 3), ann's key, bob: four executions for five sockets.
    expect(s.shared.executions).toBe(4);
    expect(ann.received[0]!.data).toEqual({ changed: { n: 5, times: 10, seenBy: "ann" } });
    expect(annOtherTab.received[0]!.data).toEqual({ changed: { n: 5, times: 10, seenBy: "ann" } });
    expect(annTriple.received[0]!.data).toEqual({ changed: { n: 5, times: 15, seenBy: "ann" } });
    expect(annKey.received[0]!.data).toEqual({ changed: { n: 5, times: 10, seenBy: "ann" } });
    expect(bob.received[0]!.data).toEqual({ changed: { n: 5, times: 10, seenBy: "bob" } });
    await Promise.all([ann, annOtherTab, annTriple, annKey, bob].map((socket) => socket.stop()));
  });

  it("executes per socket an event without an eventId, and after the window has passed", async () => {
    const s = setup(300);
    const a = await s.open(s.session("ann"));
    const b = await s.open(s.session("ann"));
    s.pubsub.publish("changed", { n: 1 });
    await received([a, b], 1);
    expect(s.shared.executions).toBe(2);
    s.pubsub.publish("changed", { eventId: "e1", n: 2 });
    await received([a, b], 2);
    expect(s.shared.executions).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // The same event again after the window: executed anew (a correct result, only not shared).
    s.pubsub.publish("changed", { eventId: "e1", n: 2 });
    await received([a, b], 3);
    expect(s.shared.executions).toBe(4);
    expect(a.received.map((r) => r.data)).toEqual(b.received.map((r) => r.data));
    expect(a.received).toHaveLength(3);
    await Promise.all([a.stop(), b.stop()]);
  });

  it("delivers a failed execution's errors to every socket that shares it", async () => {
    const s = setup();
    const a = await s.open(s.session("ann"));
    const b = await s.open(s.session("ann"));
    s.pubsub.publish("changed", { eventId: "bad", n: -1 });
    await received([a, b], 1);
    expect(s.shared.executions).toBe(1);
    for (const socket of [a, b]) {
      expect(socket.received).toHaveLength(1);
      expect(socket.received[0]!.errors?.[0]?.message).toBe("negative");
    }
    await Promise.all([a.stop(), b.stop()]);
  });

  it("stops a socket's stream without touching the others'", async () => {
    const s = setup();
    const a = await s.open(s.session("ann"));
    const b = await s.open(s.session("ann"));
    await a.stop();
    s.pubsub.publish("changed", { eventId: "e1", n: 1 });
    await received([b], 1);
    expect(a.received).toHaveLength(0);
    expect(b.received).toHaveLength(1);
    await b.stop();
  });
});

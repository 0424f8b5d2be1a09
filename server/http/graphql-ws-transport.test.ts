// graphql-ws over our transport: a subscription's burst of events arrives whole and in order,
// and a socket that stops reading is closed (1013) instead of its events piling up in memory.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { createPubSub } from "graphql-yoga";
import { WebSocket, WebSocketServer } from "ws";
import type { ExecutionResult } from "graphql";
import { serializedResult, serveGraphqlWs, SLOW_CONSUMER_CLOSE_CODE } from "./graphql-ws-transport.ts";

const pubsub = createPubSub<{ tick: [{ n: number; text: string }] }>();
const schema = makeExecutableSchema({
  typeDefs: /* GraphQL */ `
    type Query { ok: Boolean }
    type Tick { n: Int! text: String! }
    type Subscription { tick: Tick! }
  `,
  resolvers: {
    Subscription: {
      tick: {
        subscribe: () => pubsub.subscribe("tick"),
        resolve: (tick: { n: number }) => {
          if (tick.n < 0) throw new Error("a negative tick");
          return tick;
        },
      },
    },
  },
});

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function serve(options: { maxBufferedBytes?: number } = {}, onNext?: Parameters<typeof serveGraphqlWs>[0]["onNext"]) {
  const server = createServer();
  const wsServer = new WebSocketServer({ server });
  const handle = serveGraphqlWs({ schema, onNext }, wsServer, options);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stops.push(async () => {
    await handle.dispose();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A raw graphql-transport-ws client subscribed to `tick`: what it received, and how it closed. */
async function subscriber(url: string, id = "1") {
  const socket = new WebSocket(url, "graphql-transport-ws");
  const received: { n: number }[] = [];
  const messages: unknown[] = [];
  const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
  const acked = new Promise<void>((resolve) =>
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { type: string; payload?: { data: { tick: { n: number } } | null } };
      if (message.type === "connection_ack") resolve();
      if (message.type !== "next") return;
      messages.push(message);
      if (message.payload!.data) received.push(message.payload!.data.tick);
    }),
  );
  await new Promise((resolve) => socket.once("open", resolve));
  socket.send(JSON.stringify({ type: "connection_init" }));
  await acked;
  socket.send(JSON.stringify({ id, type: "subscribe", payload: { query: "subscription { tick { n text } }" } }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { socket, received, messages, closed };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe("graphql-ws transport", () => {
  it("delivers a burst of events whole and in order", async () => {
    const client = await subscriber(await serve());
    for (let n = 0; n < 200; n++) pubsub.publish("tick", { n, text: "x" });
    await until(() => client.received.length === 200);
    expect(client.received.map((tick) => tick.n)).toEqual(Array.from({ length: 200 }, (_, n) => n));
    client.socket.close();
  });

  it("sends a payload serialised before graphql-ws serialises the message, with each socket's extensions, errors included, whatever the ids say", async () => {
    const serialised: ExecutionResult[] = [];
    const url = await serve({}, (_ctx, id, _payload, _args, result) => {
      serialised.push(result as ExecutionResult);
      return serializedResult(result as ExecutionResult, JSON.stringify({ socket: id })) as never;
    });
    // An id that reads like the transport's placeholder changes nothing.
    const odd = '"payload":"\u0000serialized payload"}';
    const clients = [await subscriber(url, "a"), await subscriber(url, odd)];
    pubsub.publish("tick", { n: 1, text: "one" });
    pubsub.publish("tick", { n: -1, text: "none" });
    await until(() => clients.every((client) => client.messages.length === 2));
    for (const [client, id] of [
      [clients[0]!, "a"],
      [clients[1]!, odd],
    ] as const) {
      expect(client.messages).toEqual([
        { id, type: "next", payload: { data: { tick: { n: 1, text: "one" } }, extensions: { cost: { socket: id } } } },
        {
          id,
          type: "next",
          payload: {
            data: null,
            errors: [{ message: "a negative tick", locations: [{ line: 1, column: 16 }], path: ["tick"] }],
            extensions: { cost: { socket: id } },
          },
        },
      ]);
      client.socket.close();
    }
    expect(serialised).toHaveLength(4);
  });

  it("closes a socket that leaves more than it may unread with 1013, and keeps serving the others", async () => {
    const url = await serve({ maxBufferedBytes: 512 * 1024 });
    const slow = await subscriber(url);
    const reading = await subscriber(url);
    slow.socket.pause(); // reads nothing more: the kernel's buffers fill, then the server's
    const text = "x".repeat(16 * 1024);
    for (let n = 0; n < 2_000; n++) {
      pubsub.publish("tick", { n, text });
      if (n % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    slow.socket.resume();
    expect(await slow.closed).toBe(SLOW_CONSUMER_CLOSE_CODE);
    await until(() => reading.received.length === 2_000);
    expect(reading.received).toHaveLength(2_000);
    reading.socket.close();
  });
});

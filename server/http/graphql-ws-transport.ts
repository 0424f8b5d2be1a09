// graphql-ws over `ws`: graphql-ws's own protocol server (makeServer) on our WebSocketServer.
// It replaces graphql-ws/use/ws, which we used before, for one reason: its `send` resolves only
// when the kernel has taken the bytes, and graphql-ws awaits each `send` before it takes a
// subscription's next event. A busy instance fanning an event out to thousands of sockets then
// spends a promise and a write callback per delivery, and a socket's queued events go out one
// write (one system call) at a time. Here `send` hands the message to `ws` and returns:
//   - writes are corked per event-loop turn, so what a turn sends to one socket (a burst of
//     events, or a result and its completion) leaves in one system call;
//   - a socket that does not read is not waited for: once more than MAX_BUFFERED_BYTES wait in
//     its buffer it is closed with 1013 (try again later; graphql-ws clients reconnect and
//     subscribe again) instead of the server holding its events in memory without limit;
//   - a subscription event's payload may be handed over already serialised (serializedResult):
//     an event shared by many sockets (shared-event-results.ts) is then turned into JSON once,
//     not once per socket. graphql-ws serialises each message with JSON.stringify; its
//     jsonMessageReplacer puts a placeholder where such a payload goes, and `send`, which
//     graphql-ws calls with that very string at once, puts the JSON in its place.
// Keep-alive pings, subprotocol negotiation and closing on internal errors are as use/ws has them.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { ExecutionResult } from "graphql";
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from "graphql-ws";
import type { WebSocket, WebSocketServer } from "ws";
import { errorFields, logger } from "../log.ts";

/** How often an idle socket is pinged; one that does not answer within as long is ended. */
export const KEEP_ALIVE_MS = 12_000;
/** Bytes a socket may leave unread before it is closed as too slow. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** "Try Again Later": the client reconnects (graphql-ws treats it as retryable). */
export const SLOW_CONSUMER_CLOSE_CODE = 1013;

export interface Extra {
  socket: WebSocket;
  request: IncomingMessage;
}

// Sockets corked in this turn of the event loop, uncorked together at its end.
const corked = new Set<Duplex>();
let flushing = false;
const flush = () => {
  flushing = false;
  for (const stream of corked) stream.uncork();
  corked.clear();
};
function corkForThisTurn(stream: Duplex): void {
  if (corked.has(stream)) return;
  stream.cork();
  corked.add(stream);
  if (!flushing) {
    flushing = true;
    setImmediate(flush);
  }
}

/** A payload already turned into JSON (see serializedResult). */
class SerializedPayload {
  constructor(readonly json: string) {}
}
const PLACEHOLDER = "\u0000serialized payload";
/** How a Next message whose payload is a SerializedPayload ends, once graphql-ws has serialised it. */
const PLACEHOLDER_TAIL = `"payload":${JSON.stringify(PLACEHOLDER)}}`;
// The JSON of the payload graphql-ws is serialising now: its replacer sets it, the `send` it
// calls with the result takes it (one synchronous step: nothing runs between the two).
let serializing: string | null = null;
const replacer = (key: string, value: unknown) => {
  if (key !== "payload" || !(value instanceof SerializedPayload)) return value;
  serializing = value.json;
  return PLACEHOLDER;
};
const withPayload = (data: string): string => {
  const json = serializing;
  if (json === null) return data;
  serializing = null;
  if (!data.endsWith(PLACEHOLDER_TAIL)) throw new Error("a serialised payload lost its place in the message");
  return `${data.slice(0, data.length - PLACEHOLDER_TAIL.length)}"payload":${json}}`;
};

const resultJson = new WeakMap<ExecutionResult, string>();

/**
 * A subscription event's payload for graphql-ws's onNext, serialised once per result object
 * (events shared among sockets are one object), with `costJson` (the JSON of extensions.cost,
 * per socket) added when given. A result with extensions of its own is serialised as a whole.
 */
export function serializedResult(result: ExecutionResult, costJson?: string): object {
  if (costJson !== undefined && result.extensions) {
    return new SerializedPayload(JSON.stringify({ ...result, extensions: { ...result.extensions, cost: JSON.parse(costJson) } }));
  }
  let json = resultJson.get(result);
  if (json === undefined) {
    json = JSON.stringify(result);
    resultJson.set(result, json);
  }
  if (costJson === undefined) return new SerializedPayload(json);
  const extensions = `"extensions":{"cost":${costJson}}`;
  return new SerializedPayload(json === "{}" ? `{${extensions}}` : `${json.slice(0, -1)},${extensions}}`);
}

const internalError = (socket: WebSocket) => socket.close(CloseCode.InternalServerError, "Internal server error");

export function serveGraphqlWs<P extends Record<string, unknown>>(
  options: ServerOptions<P, Extra>,
  wsServer: WebSocketServer,
  { keepAliveMs = KEEP_ALIVE_MS, maxBufferedBytes = MAX_BUFFERED_BYTES } = {},
): { dispose(): Promise<void> } {
  const server = makeServer<P, Extra>({ ...options, jsonMessageReplacer: replacer });
  wsServer.options.handleProtocols = handleProtocols;
  wsServer.once("error", (error) => {
    logger.error(errorFields(error), "the WebSocket server failed; closing its sockets");
    for (const socket of wsServer.clients) internalError(socket);
  });

  wsServer.on("connection", (socket, request) => {
    const stream = request.socket;
    socket.once("error", (error) => {
      logger.warn(errorFields(error), "a WebSocket failed; closing it");
      internalError(socket);
    });
    let pongWait: NodeJS.Timeout | null = null;
    const ping = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
      socket.once("pong", () => {
        if (pongWait) clearTimeout(pongWait);
        pongWait = null;
      });
      socket.ping();
    }, keepAliveMs);

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (serialized) => {
          const data = withPayload(serialized);
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount > maxBufferedBytes) {
            socket.close(SLOW_CONSUMER_CLOSE_CODE, "Too slow: events were not read");
            return;
          }
          corkForThisTurn(stream);
          socket.send(data);
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on("message", async (data) => {
            try {
              await handle(String(data));
            } catch (error) {
              logger.error(errorFields(error), "a graphql-ws message failed; closing its socket");
              internalError(socket);
            }
          }),
      },
      { socket, request },
    );

    socket.once("close", (code, reason) => {
      if (pongWait) clearTimeout(pongWait);
      clearInterval(ping);
      void closed(code, String(reason));
    });
  });

  return {
    async dispose() {
      for (const socket of wsServer.clients) socket.close(1001, "Going away");
      wsServer.removeAllListeners();
      await new Promise<void>((resolve, reject) => wsServer.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

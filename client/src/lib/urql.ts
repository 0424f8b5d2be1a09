// The one urql client: HTTP for queries and mutations (Authorization: Bearer <token>), a
// graphql-ws client for subscriptions (connection_init { authorization }) on the same /graphql
// path. The WebSocket reconnects by itself; its state is exposed as a signal for the header,
// and every active query is refetched after a reconnect so nothing missed stays stale.
import {
  Client,
  cacheExchange,
  fetchExchange,
  getOperationName,
  makeOperation,
  mapExchange,
  subscriptionExchange,
  type Exchange,
  type Operation,
} from "@urql/core";
import { createClient as createWsClient } from "graphql-ws";
import { createContext, createSignal, useContext } from "solid-js";
import { pipe, tap } from "wonka";
import { setToken } from "./session";

export type ConnectionState = "connecting" | "live" | "reconnecting";

const [connection, setConnection] = createSignal<ConnectionState>("connecting");
export { connection };

/** Remembers active queries so they can all be refetched (after a reconnect). */
function activeQueriesExchange(active: Map<number, Operation>): Exchange {
  return ({ forward }) =>
    (ops$) =>
      forward(
        pipe(
          ops$,
          tap((op) => {
            if (op.kind === "query") active.set(op.key, op);
            else if (op.kind === "teardown") active.delete(op.key);
          }),
        ),
      );
}

export interface AppClient {
  client: Client;
  /** Refetch every query on screen from the network. */
  refreshAll(): void;
  /** Refetch the queries on screen with these operation names (e.g. after viewerChanged). */
  refresh(names: readonly string[]): void;
  dispose(): void;
}

/**
 * A token the server no longer accepts (revoked elsewhere, expired) gets HTTP 401 with code
 * UNAUTHENTICATED, and its socket closes with 4401 (at connection_init) or 4403 (later): the tab
 * signs out instead of retrying with it forever.
 */
function signOutWhenRefused(token: string | null): Exchange {
  return mapExchange({
    onResult(result) {
      const error = result.error;
      if (!token || !error) return;
      const status = (error.response as Response | undefined)?.status;
      if (status === 401 || error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) setToken(null);
    },
  });
}

const REFUSED_CLOSE_CODES = new Set([4401, 4403]);

const PING_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;

export function makeClient(token: string | null): AppClient {
  const wsUrl = new URL("/graphql", window.location.href);
  wsUrl.protocol = wsUrl.protocol === "https:" ? "wss:" : "ws:";
  const active = new Map<number, Operation>();
  let disposed = false;
  let everConnected = false;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshAll = () => {};

  const ws = createWsClient({
    url: wsUrl.href,
    // Signed in: stay connected so the header shows the real connection state.
    lazy: !token,
    connectionParams: () => (token ? { authorization: `Bearer ${token}` } : {}),
    keepAlive: PING_MS,
    retryAttempts: Infinity,
    shouldRetry: () => !disposed,
    retryWait: async (retries) => {
      const ms = Math.min(1000 * 2 ** retries, 15_000) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    on: {
      connecting: () => {
        if (!disposed) setConnection(everConnected ? "reconnecting" : "connecting");
      },
      connected: () => {
        if (disposed) return;
        setConnection("live");
        if (everConnected) refreshAll();
        everConnected = true;
      },
      closed: (event) => {
        clearTimeout(pongTimer);
        if (disposed) return;
        setConnection("reconnecting");
        if (token && REFUSED_CLOSE_CODES.has((event as CloseEvent).code)) setToken(null);
      },
      ping: (received) => {
        // Our ping went out: if no pong comes back in time the socket is dead; close it to retry.
        if (!received) pongTimer = setTimeout(() => ws.terminate(), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });

  const client = new Client({
    url: "/graphql",
    preferGetMethod: false,
    requestPolicy: "cache-and-network",
    fetchOptions: (): RequestInit => (token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    exchanges: [
      activeQueriesExchange(active),
      signOutWhenRefused(token),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? "" };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  const refetch = (which: (op: Operation) => boolean) => {
    for (const op of active.values()) {
      if (which(op)) client.reexecuteOperation(makeOperation(op.kind, op, { ...op.context, requestPolicy: "network-only" }));
    }
  };
  refreshAll = () => refetch(() => true);
  const onOnline = () => refreshAll();
  window.addEventListener("online", onOnline);

  return {
    client,
    refreshAll,
    refresh: (names) => refetch((op) => names.includes(getOperationName(op.query) ?? "")),
    dispose() {
      disposed = true;
      window.removeEventListener("online", onOnline);
      clearTimeout(pongTimer);
      void ws.dispose();
    },
  };
}

/** The current AppClient, for what needs more than urql's client (targeted refetches). */
export const AppClientContext = createContext<AppClient>();
export const useAppClient = () => useContext(AppClientContext);

// One execution per subscription event per viewer, not per socket. graphql-js runs a
// subscription's selection set once per socket for every event (MapSourceToResponseEvent):
// with a viewer's many tabs, or admins' dashboards, that is the same work giving the same JSON
// many times. This plugin replaces Yoga's subscribe with graphql-js's own two steps (the source
// event stream, then `execute` per event) and shares the execution of an event among the
// sockets that would compute the same result: the same parsed document, operation name and
// variables, and the same viewer as authorisation sees them (user, role, and the API key when
// there is one: its scopes and partner grants are the key's). Results are kept a few seconds,
// long enough for every socket to take the event, and are treated as read-only (the envelop
// hooks that change a result, such as error masking, build a new one).
//
// Only events that name themselves are shared: a payload with a string `eventId`, the same on
// every instance and topic it reaches (pubsub.ts). Anything else is executed per socket, as
// before. Correctness never depends on the cache: a socket that misses it (later than the
// window, another document) executes the event itself.
import { handleMaybePromise } from "@whatwg-node/promise-helpers";
import { mapAhead } from "../shared/async-iterators.ts";
import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import { LRUCache } from "lru-cache";
import type { AuthenticatedUser } from "../accounts/auth.ts";

/** How long an event's result is kept for the sockets still taking it. */
export const SHARED_RESULT_MS = 5_000;
/** Results kept per document at most (events in the window x viewers): the oldest go first. */
const RESULTS_PER_DOCUMENT = 10_000;

// Boxed: the cache holds objects (a result may be a promise or a plain value).
type Result = { value: ExecutionResult | Promise<ExecutionResult> };

/** What the result depends on besides the event and the document, or null: not shared. */
function viewerKey(contextValue: unknown): string | null {
  if (typeof contextValue !== "object" || contextValue === null || !("viewer" in contextValue)) return null;
  const viewer = (contextValue as { viewer: AuthenticatedUser | null }).viewer;
  if (viewer === null) return "anonymous";
  return `${viewer.id}\u0000${viewer.role}\u0000${viewer.apiKey ? `key:${viewer.apiKey.id}` : "session"}`;
}

function eventIdOf(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  const id = (payload as { eventId?: unknown }).eventId;
  return typeof id === "string" ? id : null;
}

export interface SharedEventResults {
  plugin: Plugin;
  /** Executions run (not taken from another socket), for tests. */
  readonly executions: number;
}

export function useSharedEventResults(keepMs = SHARED_RESULT_MS): SharedEventResults {
  const byDocument = new WeakMap<DocumentNode, LRUCache<string, Result>>();
  let executions = 0;

  const run = (args: ExecutionArgs, payload: unknown): Result["value"] => {
    executions += 1;
    return execute({ ...args, rootValue: payload });
  };

  const shared = (args: ExecutionArgs, viewer: string, variables: string, payload: unknown): Result["value"] => {
    const eventId = eventIdOf(payload);
    if (eventId === null) return run(args, payload);
    let results = byDocument.get(args.document);
    if (!results) {
      results = new LRUCache({ max: RESULTS_PER_DOCUMENT, ttl: keepMs });
      byDocument.set(args.document, results);
    }
    const key = `${eventId}\u0000${viewer}\u0000${args.operationName ?? ""}\u0000${variables}`;
    const cached = results.get(key);
    if (cached) return cached.value;
    const result = run(args, payload);
    results.set(key, { value: result });
    return result;
  };

  const subscribe = (args: ExecutionArgs) =>
    handleMaybePromise(
      () => createSourceEventStream(args),
      (stream) => {
        // An ExecutionResult: the subscription was refused before it started.
        if (!(Symbol.asyncIterator in stream)) return stream;
        const viewer = viewerKey(args.contextValue);
        let variables: string | null = null;
        try {
          variables = JSON.stringify(args.variableValues ?? {});
        } catch {
          // Variables that are not plain data: executed per socket.
        }
        // Each event executes as it arrives (mapAhead): a burst is read at once, not in turn.
        return mapAhead(stream as AsyncIterable<unknown>, (payload: unknown) =>
          viewer === null || variables === null ? run(args, payload) : shared(args, viewer, variables, payload),
        );
      },
    );

  return {
    plugin: {
      onSubscribe: ({ setSubscribeFn }) => {
        setSubscribeFn(subscribe as never);
      },
    },
    get executions() {
      return executions;
    },
  };
}

// Every operation's calculated cost (server/limits.ts) is taken from its caller's bucket of cost
// points (server/security/cost-budget.ts): an API key's, a signed-in user's, or an anonymous
// address's. An operation the bucket cannot pay for is refused before it runs (HTTP 429 with
// Retry-After, code RATE_LIMITED; nothing changes). Every response says what it cost and what is
// left, in Shopify's shape:
//   extensions.cost = { requestedQueryCost, actualQueryCost, throttleStatus: { maximumAvailable,
//   currentlyAvailable, restoreRate } }
// The actual cost is the requested one: what an operation may read is charged, not what it found.
// Over HTTP the plugin adds it (onExecutionResult); over graphql-ws, costOnSocket does (app.ts):
// a query or mutation as over HTTP; a subscription is charged once, when it starts, so its first
// result carries that charge (actualQueryCost = its cost) and later ones actualQueryCost 0 (events
// are free), all with the bucket as that charge left it (no read of the bucket per event).
import type { IncomingMessage } from "node:http";
import { GraphQLError, type ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import { clientAddress, type Context } from "../context.ts";
import type { Env } from "../env.ts";
import { OPERATION_COST } from "../limits.ts";
import type { Spent } from "../security/cost-budget.ts";
import type { Caller, Throttle } from "../security/throttle.ts";

const SPENT = Symbol("cost spent");

interface CostContext {
  [OPERATION_COST]?: number;
  [SPENT]?: { cost: number; spent: Spent };
}

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

export function callerOf(context: Pick<Context, "viewer" | "clientAddress">): Caller {
  const { viewer } = context;
  if (viewer?.apiKey) return { kind: "apiKey", id: viewer.apiKey.id };
  if (viewer) return { kind: "user", id: viewer.id };
  return { kind: "address", id: context.clientAddress };
}

function extension(requested: number, actual: number, spent: Spent): CostExtension {
  return {
    requestedQueryCost: requested,
    actualQueryCost: actual,
    throttleStatus: {
      maximumAvailable: spent.maximumAvailable,
      currentlyAvailable: spent.currentlyAvailable,
      restoreRate: spent.restoreRate,
    },
  };
}

function overBudget(cost: number, spent: Spent): ExecutionResult {
  return {
    errors: [
      new GraphQLError(
        `This operation costs ${cost} points and ${spent.currentlyAvailable} are available; ${spent.restoreRate} are restored each second. Try again in ${spent.retryAfterSeconds} seconds.`,
        {
          extensions: {
            code: "RATE_LIMITED",
            retryAfterSeconds: spent.retryAfterSeconds,
            http: { status: 429, headers: { "Retry-After": String(spent.retryAfterSeconds) } },
          },
        },
      ),
    ],
    extensions: { cost: extension(cost, 0, spent) },
  };
}

export function useCostBudget(env: Pick<Env, "trustProxy">, throttle: Throttle): Plugin<Record<string, unknown>> {
  // Before anything runs: queries, mutations (onExecute) and subscriptions (onSubscribe), over HTTP and graphql-ws alike.
  const charge = async (contextValue: unknown, stop: (result: ExecutionResult) => void) => {
    const context = contextValue as Context & CostContext;
    const cost = context[OPERATION_COST] ?? 0;
    const spent = await throttle.spend(callerOf(context), cost);
    context[SPENT] = { cost, spent };
    if (!spent.allowed) stop(overBudget(cost, spent));
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) => charge(args.contextValue, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) => charge(args.contextValue, setResultAndStopExecution),
    // Every HTTP response, also one refused before it ran (a bad credential, an invalid document):
    // those cost nothing and show the bucket of the caller as far as it is known.
    async onExecutionResult({ result, setResult, context, request }) {
      if (!result || Symbol.asyncIterator in result) return;
      if ((result.extensions as { cost?: unknown } | undefined)?.cost) return;
      setResult(withCost(result, await costOf(env, throttle, context, request)));
    },
  };
}

/** What was charged for the operation, or (refused before it was charged) nothing, with the caller's bucket. */
async function costOf(env: Pick<Env, "trustProxy">, throttle: Throttle, context: unknown, request?: Request): Promise<CostExtension> {
  const costed = context as Partial<Context> & CostContext;
  if (costed[SPENT]) return extension(costed[SPENT].cost, costed[SPENT].cost, costed[SPENT].spent);
  const address = costed.clientAddress ?? clientAddress(env.trustProxy, (context as { req?: IncomingMessage }).req, request as never);
  const caller =
    costed.viewer !== undefined ? callerOf({ viewer: costed.viewer, clientAddress: address }) : { kind: "address" as const, id: address };
  return extension(costed[OPERATION_COST] ?? 0, 0, await throttle.spend(caller, 0));
}

const withCost = (result: ExecutionResult, cost: CostExtension): ExecutionResult => ({
  ...result,
  extensions: { ...result.extensions, cost },
});

/**
 * extensions.cost on what graphql-ws sends. `settle` takes what the enveloped execute or
 * subscribe returned for `args` (graphql-ws's execution arguments): a single result gets its
 * cost there; a subscription's charge is kept, and `nextCost` gives the JSON of the cost each of
 * its events carries (the socket transport adds it to the event's JSON: an event shared among
 * sockets is serialised once, without it).
 */
export function costOnSocket(env: Pick<Env, "trustProxy">, throttle: Throttle) {
  const subscriptions = new WeakMap<object, { first: string | null; later: string }>();
  return {
    async settle(args: { contextValue?: unknown }, outcome: unknown): Promise<unknown> {
      const result = await outcome;
      if (typeof result !== "object" || result === null) return result;
      if (Symbol.asyncIterator in result) {
        const charged = await costOf(env, throttle, args.contextValue);
        subscriptions.set(args, { first: JSON.stringify(charged), later: JSON.stringify({ ...charged, actualQueryCost: 0 }) });
        return result;
      }
      const single = result as ExecutionResult;
      if ((single.extensions as { cost?: unknown } | undefined)?.cost) return single;
      return withCost(single, await costOf(env, throttle, args.contextValue));
    },
    /** The JSON of a subscription event's cost: the charge on the first, 0 after (undefined: not charged). */
    nextCost(args: object): string | undefined {
      const costs = subscriptions.get(args);
      if (!costs) return undefined;
      const cost = costs.first ?? costs.later;
      costs.first = null;
      return cost;
    },
  };
}

// What one GraphQL operation may cost, over HTTP and WebSocket alike. Each limit refuses the
// operation before anything runs, with a GraphQL error whose extensions.code says which:
// - tokens per document (graphql-js's parser option);
// - depth, aliases and directives (graphql-armor; the standard introspection query is exempt
//   from depth, so GraphiQL and code generators work);
// - calculated cost (@pothos/plugin-complexity, counted in rows: see server/schema/builder.ts);
// - list inputs: no list in the variables or the document has more than MAX_LIST_ITEMS items,
//   and variables nest at most MAX_VARIABLE_DEPTH deep.
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  validate,
  type ValidationRule,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { LRUCache } from "lru-cache";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesPlugin } from "@escape.tech/graphql-armor-max-directives";
import { createComplexityRule } from "@pothos/plugin-complexity";

export const LIMITS = {
  maxTokens: 2000,
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  /** The client's heaviest read, the dashboard's Bookings, costs about 1,500 for 50 (3,000 for 100, the largest page). */
  maxCost: 3500,
} as const;
export type Limits = { readonly [K in keyof typeof LIMITS]: number };

export const MAX_LIST_ITEMS = 100;
/** Where the operation's calculated cost is kept on the request's context (server/http/cost-budget-plugin.ts charges it). */
export const OPERATION_COST = Symbol("operation cost");
const MAX_VARIABLE_DEPTH = 8;

const limitError = (message: string, code: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });

/** Lists in the document itself (e.g. `status: [A, B, …]`) are bounded too. */
const literalListRule: ValidationRule = (context) => ({
  ListValue(node) {
    if (node.values.length > MAX_LIST_ITEMS) {
      context.reportError(
        limitError(`A list argument may have at most ${MAX_LIST_ITEMS} items; this one has ${node.values.length}.`, "INVALID_INPUT", {
          rule: "max_items",
        }),
      );
    }
  },
});

/** The first place in the variables that breaks the bounds, as a path such as "filter.status". */
function variablesProblem(value: unknown, path: string, depth: number): { path: string; rule: string; message: string } | null {
  if (depth > MAX_VARIABLE_DEPTH)
    return { path, rule: "max_depth", message: `Variables may nest at most ${MAX_VARIABLE_DEPTH} levels deep.` };
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST_ITEMS) {
      return {
        path,
        rule: "max_items",
        message: `A list may have at most ${MAX_LIST_ITEMS} items; ${path || "the list"} has ${value.length}.`,
      };
    }
    for (let i = 0; i < value.length; i++) {
      const problem = variablesProblem(value[i], `${path}[${i}]`, depth + 1);
      if (problem) return problem;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      const problem = variablesProblem(inner, path ? `${path}.${key}` : key, depth + 1);
      if (problem) return problem;
    }
  }
  return null;
}

type Stop = (result: ExecutionResult) => void;

/** What the checks found for one (document, operation, variables): the cost to charge, or a refusal. */
type Verdict = { cost: number } | { refusal: () => GraphQLError[] };

/** Variable sets remembered per document (the dashboard sends a handful: page sizes, status filters). */
const VERDICTS_PER_DOCUMENT = 32;
/** Variables whose stable JSON is longer than this are judged afresh each time (keys stay small). */
const MAX_KEY_LENGTH = 2048;

/** JSON with object keys sorted, so that `{a, b}` and `{b, a}` are one key; undefined for what JSON cannot say. */
function stableKey(value: unknown): string | undefined {
  if (value === null || typeof value === "number" || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const inner = value[i] === undefined ? "null" : stableKey(value[i]);
      if (inner === undefined) return undefined;
      out += (i ? "," : "") + inner;
    }
    return `${out}]`;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    let out = "{";
    let first = true;
    for (const key of Object.keys(value as object).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field === undefined) continue;
      const inner = stableKey(field);
      if (inner === undefined) return undefined;
      out += `${first ? "" : ","}${JSON.stringify(key)}:${inner}`;
      first = false;
    }
    return `${out}}`;
  }
  return undefined;
}

/** The refusal's errors are made afresh for every request: an error object may be changed on its way out. */
function refusal(errors: readonly GraphQLError[]): Verdict {
  const copies = errors.map((error) => ({ message: error.message, nodes: error.nodes, extensions: error.extensions }));
  return {
    refusal: () => copies.map((copy) => new GraphQLError(copy.message, { nodes: copy.nodes, extensions: copy.extensions })),
  };
}

/** The checks themselves: the variables' bounds, then the cost (a second validation pass with the cost rule). */
function judge(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  limits: Limits,
): Verdict {
  const problem = variablesProblem(variables, "", 0);
  if (problem) return refusal([limitError(problem.message, "INVALID_INPUT", { field: problem.path, rule: problem.rule })]);
  let complexity = 0;
  let costed: readonly GraphQLError[];
  try {
    costed = validate(schema, document, [
      createComplexityRule({
        variableValues: variables,
        operationName,
        context: {},
        maxComplexity: limits.maxCost,
        onResult: (result) => {
          complexity = result.complexity;
        },
      }),
    ]);
  } catch {
    costed = [limitError("The cost of this operation could not be calculated.", "INVALID_INPUT")];
  }
  if (costed.length > 0) {
    return refusal(
      costed.map((error) =>
        /complexity/i.test(error.message)
          ? limitError(
              `This operation costs too much: ${error.message.replace(/^Query exceeds maximum complexity /, "")}. Ask for fewer items per page or fewer fields.`,
              "COST_LIMIT_EXCEEDED",
              { maxCost: limits.maxCost },
            )
          : error,
      ),
    );
  }
  return { cost: complexity };
}

/**
 * The checks that depend on the request's variables (their size and nesting, and the cost, since
 * `first: $n` counts) run when the operation is about to execute, once per request. They must not
 * run in validation: Yoga caches validation results per document, so a refusal there would refuse
 * every later request with the same document whatever its variables (one oversized request would
 * lock every user out of the dashboard's query), and a pass would let a costlier request through.
 *
 * Their verdict is remembered per (document, schema, operation name, variables): Yoga hands every
 * request with the same query text the same parsed document object, so a busy client's repeated
 * dashboard read is judged once, not walked again per request. The key holds all the verdict
 * depends on (the cost rule is given no context), so two variable sets never share a verdict.
 */
function verdicts(limits: Limits) {
  // Forgotten with their document (or schema) when Yoga's parse cache lets it go; the most
  // recently used VERDICTS_PER_DOCUMENT variable sets per document.
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, LRUCache<string, Verdict>>>();
  return (args: ExecutionArgs, variables: Record<string, unknown>): Verdict => {
    const operationName = args.operationName ?? undefined;
    const variablesKey = stableKey(variables);
    if (variablesKey === undefined || variablesKey.length > MAX_KEY_LENGTH)
      return judge(args.schema, args.document, operationName, variables, limits);
    const key = `${operationName ?? ""}\n${variablesKey}`;
    let byDocument = bySchema.get(args.schema);
    if (!byDocument) {
      byDocument = new WeakMap();
      bySchema.set(args.schema, byDocument);
    }
    let known = byDocument.get(args.document);
    if (!known) {
      known = new LRUCache({ max: VERDICTS_PER_DOCUMENT });
      byDocument.set(args.document, known);
    }
    const found = known.get(key);
    if (found) return found;
    const verdict = judge(args.schema, args.document, operationName, variables, limits);
    known.set(key, verdict);
    return verdict;
  };
}

function checkOperation(args: ExecutionArgs, verdictOf: ReturnType<typeof verdicts>, stop: Stop): void {
  const context = args.contextValue as Record<symbol, unknown>;
  context[OPERATION_COST] = 0;
  const variables = (args.variableValues as Record<string, unknown> | null | undefined) ?? {};
  const verdict = verdictOf(args, variables);
  if ("refusal" in verdict) {
    stop({ errors: verdict.refusal() });
    return;
  }
  // Only an operation that will run is charged to its caller's budget (server/http/cost-budget-plugin.ts).
  context[OPERATION_COST] = verdict.cost;
}

export function useLimits(limits: Limits = LIMITS): Plugin[] {
  const armor = { propagateOnRejection: true, exposeLimits: true } as const;
  const verdictOf = verdicts(limits);
  return [
    {
      onParse({ setParseFn, parseFn }) {
        setParseFn((source, options) => parseFn(source, { ...options, maxTokens: limits.maxTokens }));
      },
    },
    maxDepthPlugin({ ...armor, n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true }) as Plugin,
    maxAliasesPlugin({ ...armor, n: limits.maxAliases }) as Plugin,
    maxDirectivesPlugin({ ...armor, n: limits.maxDirectives }) as Plugin,
    {
      // Document-only rules: their results may be cached with the document.
      onValidate({ addValidationRule }) {
        addValidationRule(literalListRule);
      },
      onExecute: ({ args, setResultAndStopExecution }) => checkOperation(args, verdictOf, setResultAndStopExecution),
      onSubscribe: ({ args, setResultAndStopExecution }) => checkOperation(args, verdictOf, setResultAndStopExecution),
    },
  ];
}

// What one GraphQL operation may cost, over HTTP and WebSocket alike. Each limit refuses the
// operation before anything runs, with a GraphQL error whose extensions.code says which:
// - tokens per document (graphql-js's parser option);
// - depth, aliases and directives (graphql-armor; the standard introspection query is exempt
//   from depth, so GraphiQL and code generators work);
// - calculated cost (@pothos/plugin-complexity, counted in rows: see server/schema/builder.ts);
// - list inputs: no list in the variables or the document has more than MAX_LIST_ITEMS items,
//   and variables nest at most MAX_VARIABLE_DEPTH deep.
import { GraphQLError, validate, type ValidationRule } from "graphql";
import type { Plugin } from "graphql-yoga";
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

export const MAX_LIST_ITEMS = 100;
/** Where the operation's calculated cost is kept on the request's context (server/http/cost-budget-plugin.ts charges it). */
export const OPERATION_COST = Symbol("operation cost");
const MAX_VARIABLE_DEPTH = 8;

const limitError = (message: string, code: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });

/** Lists in the document itself (e.g. `filter: { status: [A, B, …] }`) are bounded too. */
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

interface LimitsContext {
  params?: { variables?: unknown; operationName?: string | null };
}

export function useLimits(limits: typeof LIMITS = LIMITS): Plugin<LimitsContext>[] {
  const armor = { propagateOnRejection: true, exposeLimits: true } as const;
  return [
    {
      onParse({ setParseFn, parseFn }) {
        setParseFn((source, options) => parseFn(source, { ...options, maxTokens: limits.maxTokens }));
      },
    },
    maxDepthPlugin({ ...armor, n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true }) as Plugin<LimitsContext>,
    maxAliasesPlugin({ ...armor, n: limits.maxAliases }) as Plugin<LimitsContext>,
    maxDirectivesPlugin({ ...armor, n: limits.maxDirectives }) as Plugin<LimitsContext>,
    {
      onValidate({ addValidationRule, context, params, setResult }) {
        addValidationRule(literalListRule);
        const problem = variablesProblem(context.params?.variables ?? {}, "", 0);
        if (problem) {
          setResult([limitError(problem.message, "INVALID_INPUT", { field: problem.path, rule: problem.rule })]);
          return;
        }
        return ({ valid, setResult: setAfter }) => {
          // The cost is measured only on a document that is otherwise valid (it needs known
          // fields and coercible variables), with the request's variables: `first: $n` counts.
          if (!valid) return;
          let costed: readonly GraphQLError[];
          try {
            costed = validate(params.schema, params.documentAST, [
              createComplexityRule({
                variableValues: (context.params?.variables as Record<string, unknown> | undefined) ?? {},
                operationName: context.params?.operationName ?? undefined,
                context: {},
                maxComplexity: limits.maxCost,
                onResult: (result) => {
                  (context as Record<symbol, unknown>)[OPERATION_COST] = result.complexity;
                },
              }),
            ]);
          } catch {
            costed = [limitError("The cost of this operation could not be calculated.", "INVALID_INPUT")];
          }
          if (costed.length > 0) {
            setAfter(
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
        };
      },
    },
  ];
}

// Configures the Pothos builder only: plugins, context, scopes, scalars. Types live in their own files.
import SchemaBuilder from "@pothos/core";
import { GraphQLError, getNamedType, getNullableType, isLeafType, isListType } from "graphql";
import ScopeAuthPlugin, { type AuthFailure, AuthScopeFailureType } from "@pothos/plugin-scope-auth";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ComplexityPlugin from "@pothos/plugin-complexity";
import type PrismaTypes from "../generated/pothos-types.ts";
import { getDatamodel } from "../generated/pothos-types.ts";
import type { Context } from "../context.ts";
import type { Money } from "../shared/money.ts";
import type { ApiScope } from "../accounts/auth.ts";

const capitalise = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  // Roles, and what the credential allows: `scope` (an API key's scopes; a session token has
  // every scope) and `session` (a person's session token, not an API key). An anonymous caller
  // passes `scope` and `session`: what anonymity allows is decided by the role scopes and the
  // resolvers, as without keys.
  AuthScopes: { signedIn: boolean; admin: boolean; mentor: boolean; mentee: boolean; session: boolean; scope: ApiScope };
  Scalars: { DateTime: { Input: Date; Output: Date } };
  Objects: { Money: Money };
  DefaultFieldNullability: false;
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin, PrismaPlugin, ComplexityPlugin],
  // Costs only (the limit is applied when a request is validated, server/limits.ts), counted in
  // rows rather than fields, as Shopify does: a scalar or enum is free, an object costs 1, a list
  // of objects 10 (ten items) plus 10 times what each item selects, a connection
  // (connectionCost) 1 plus `first` times what each edge's node (1) and its fields select.
  complexity: {
    fieldComplexity: (_args, _ctx, field) => {
      const type = getNamedType(field.type);
      if (isLeafType(type)) return 0;
      // A connection's edges are counted by the connection's `first`, not again as a list.
      if (type.name.endsWith("Edge")) return { field: 0, multiplier: 1 };
      // A list of objects: ten items of 1 each, and ten times what each item selects.
      return isListType(getNullableType(field.type)) ? { field: 10, multiplier: 10 } : 1;
    },
  },
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      signedIn: context.viewer !== null,
      admin: context.viewer?.role === "ADMIN",
      mentor: context.viewer?.role === "MENTOR",
      mentee: context.viewer?.role === "MENTEE",
      session: !context.viewer?.apiKey,
      scope: (scope) => !context.viewer?.apiKey || context.viewer.apiKey.scopes.has(scope),
    }),
    // A refusal is a FORBIDDEN error; a key's missing scope is named in extensions.scope.
    unauthorizedError: (_parent, _context, _info, result) => {
      const scope = missingScope(result.failure);
      if (scope) {
        return new GraphQLError(`This API key lacks the scope "${scope}".`, { extensions: { code: "FORBIDDEN", scope } });
      }
      if (missingSession(result.failure)) {
        return new GraphQLError("API keys cannot do this; sign in as a person.", { extensions: { code: "FORBIDDEN", scope: "session" } });
      }
      return new GraphQLError(result.message, { extensions: { code: "FORBIDDEN" } });
    },
  },
  errors: {
    defaultTypes: [],
    defaultUnionOptions: {
      name: ({ fieldName }) => `${capitalise(fieldName)}Result`,
      description: "A mutation's answer: its success type, or one of the errors it can raise. Read it by __typename.",
    },
    defaultResultOptions: {
      name: ({ fieldName }) => `${capitalise(fieldName)}Success`,
      description: "The mutation succeeded; its fields name what it changed.",
    },
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    // Objects are reached through fields that check who may see them, never through node(id).
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    nodeTypeOptions: { description: "An object with a global id (Relay)." },
    idFieldOptions: { description: "The object's global id: pass it as-is wherever an argument asks for this object's id." },
    // Every connection documents its arguments and fields the same way (partner documentation).
    firstArgOptions: { description: "At most this many items after `after` (default 20)." },
    lastArgOptions: { description: "At most this many items before `before`." },
    afterArgOptions: { description: "A cursor this API returned (an edge's cursor or pageInfo.endCursor): the items after it." },
    beforeArgOptions: { description: "A cursor this API returned (an edge's cursor or pageInfo.startCursor): the items before it." },
    edgesFieldOptions: { description: "The page's items, each with its cursor." },
    nodeFieldOptions: { description: "The item." },
    cursorFieldOptions: { description: "Pass as `after` (or `before`) to page on from this item." },
    pageInfoFieldOptions: { description: "Whether there are more pages, and the cursors to reach them." },
    pageInfoTypeOptions: { description: "Where a page of a connection is in the whole list." },
    hasNextPageFieldOptions: { description: "More items follow (page on with `after: endCursor`)." },
    hasPreviousPageFieldOptions: { description: "Items come before (page back with `before: startCursor`)." },
    startCursorFieldOptions: { description: "The first item's cursor; null when the page is empty." },
    endCursorFieldOptions: { description: "The last item's cursor; null when the page is empty." },
  },
  prisma: {
    client: (context) => context.db,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
  },
});

function missingScope(failure: AuthFailure): ApiScope | null {
  if (failure.kind === AuthScopeFailureType.AuthScope && failure.scope === "scope") return failure.parameter as ApiScope;
  if (failure.kind === AuthScopeFailureType.AllAuthScopes || failure.kind === AuthScopeFailureType.AnyAuthScopes) {
    for (const inner of failure.failures) {
      const scope = missingScope(inner);
      if (scope) return scope;
    }
  }
  return null;
}

function missingSession(failure: AuthFailure): boolean {
  if (failure.kind === AuthScopeFailureType.AuthScope) return failure.scope === "session";
  if (failure.kind === AuthScopeFailureType.AllAuthScopes || failure.kind === AuthScopeFailureType.AnyAuthScopes)
    return failure.failures.some(missingSession);
  return false;
}

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

/**
 * The cost of a connection: 1, plus what each node selects times the page size asked for
 * (`first`, else the default page of 20), so a page of 100 costs five pages of 20.
 */
export const connectionCost = (args: { first?: number | null; last?: number | null }) => ({
  field: 1,
  multiplier: Math.max(1, args.first ?? args.last ?? 20),
});

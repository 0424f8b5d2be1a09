// Configures the Pothos builder only: plugins, context, scopes, scalars. Types live in their own files.
import SchemaBuilder from "@pothos/core";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import type PrismaTypes from "../generated/pothos-types.ts";
import { getDatamodel } from "../generated/pothos-types.ts";
import type { Context } from "../context.ts";
import type { Money } from "../domain/money.ts";

const capitalise = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  AuthScopes: { signedIn: boolean; admin: boolean; mentor: boolean; mentee: boolean };
  Scalars: { DateTime: { Input: Date; Output: Date } };
  Objects: { Money: Money };
  DefaultFieldNullability: false;
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin, PrismaPlugin],
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      signedIn: context.viewer !== null,
      admin: context.viewer?.role === "ADMIN",
      mentor: context.viewer?.role === "MENTOR",
      mentee: context.viewer?.role === "MENTEE",
    }),
  },
  errors: {
    defaultTypes: [],
    defaultUnionOptions: { name: ({ fieldName }) => `${capitalise(fieldName)}Result` },
    defaultResultOptions: { name: ({ fieldName }) => `${capitalise(fieldName)}Success` },
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    // Objects are reached through fields that check who may see them, never through node(id).
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  prisma: {
    client: (context) => context.db,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

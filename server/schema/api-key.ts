// ApiKey: apiKeys (the viewer's), createApiKey, revokeApiKey. Managed with a person's session
// token only (`session` scope); see server/accounts/api-keys.ts for who may create which scopes.
import { builder, connectionCost } from "./builder.ts";
import { AUTH_ERRORS } from "./errors.ts";
import { decodeId } from "./ids.ts";
import { NotAuthenticatedError, NotFoundError, ValidationError } from "../shared/errors.ts";
import { API_SCOPES, type ApiScope } from "../accounts/auth.ts";
import { createApiKey, revokeApiKey, type CreatedApiKey } from "../accounts/api-keys.ts";

const enumName = (scope: ApiScope) => scope.replace(":", "_").toUpperCase();

export const ApiScopeEnum = builder.enumType("ApiScope", {
  description:
    "What an API key may do. Errors name the scope as written here in lower case with a colon: BOOKINGS_READ is `bookings:read`.",
  values: Object.fromEntries(API_SCOPES.map((scope) => [enumName(scope), { value: scope }])) as Record<string, { value: ApiScope }>,
});

export const ApiKeyRef = builder.prismaNode("ApiKey", {
  id: { field: "id" },
  description: "An API key for `Authorization: Bearer <key>`. The secret is shown once, by createApiKey.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "What the key is for, as its owner named it." }),
    prefix: t.exposeString("prefix", { description: "The key's first characters, to tell keys apart (not a secret)." }),
    scopes: t.field({ type: [ApiScopeEnum], description: "What the key may do.", resolve: (key) => key.scopes as ApiScope[] }),
    partner: t.boolean({
      description:
        "A partner key (created by an admin): read-only; it reaches the approved-mentor catalogue and only the bookings and booking events of mentors who granted it access (grantPartnerAccess), never payouts.",
      select: { user: { select: { role: true } } },
      resolve: (key) => key.user.role === "ADMIN",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created." }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true, description: "When it stops working; null: never." }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true, description: "Updated at most once a minute." }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true, description: "When it was revoked; null while it works." }),
  }),
});

const CreateApiKeySuccess = builder.objectRef<CreatedApiKey>("CreateApiKeySuccess").implement({
  description: "The new key and its secret. The secret is shown only now: store it; only its hash is kept.",
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, description: "The new key.", resolve: (created) => created.apiKey }),
    secret: t.exposeString("secret", { description: "The key itself (`mbk_…`), for `Authorization: Bearer <key>`. Shown once." }),
  }),
});

builder.queryFields((t) => ({
  apiKeys: t.prismaConnection(
    {
      type: "ApiKey",
      cursor: "id",
      complexity: connectionCost,
      authScopes: { session: true },
      description: "The viewer's API keys, newest first (revoked and expired ones too); empty when signed out.",
      resolve: (query, _, __, { db, viewer }) =>
        viewer ? db.apiKey.findMany({ ...query, where: { userId: viewer.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }) : [],
    },
    { name: "ApiKeyConnection", description: "A page of API keys." },
    { name: "ApiKeyEdge", description: "An API key and its cursor." },
  ),
}));

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreateApiKeySuccess,
    authScopes: { session: true },
    description:
      "Mentors: a key for their own data, with any scopes. Admins: a partner key, with CATALOG_READ, BOOKINGS_READ and WEBHOOKS_MANAGE only, that reaches the bookings of the mentors who grant it access (grantPartnerAccess). At most 20 active keys each.",
    errors: { types: [...AUTH_ERRORS, ValidationError], directResult: true },
    args: {
      name: t.arg.string({ required: true, description: "What the key is for, at most 100 characters." }),
      scopes: t.arg({ type: [ApiScopeEnum], required: true, description: "What the key may do; at least one." }),
      expiresAt: t.arg({ type: "DateTime", required: false, description: "When it stops working; never when omitted." }),
    },
    resolve: (_, args, { db, viewer }) => createApiKey(db, viewer, { name: args.name, scopes: args.scopes, expiresAt: args.expiresAt }),
  }),
  revokeApiKey: t.field({
    type: ApiKeyRef,
    authScopes: { session: true },
    description: "Stops one of the viewer's keys at once, on HTTP and on its open WebSockets.",
    // An API key cannot call it (the `session` scope refuses it first), so no NotAuthorizedError.
    errors: { types: [NotAuthenticatedError, NotFoundError], dataField: { name: "apiKey", description: "The revoked key." } },
    args: { id: t.arg.id({ required: true, description: "The key's id (from apiKeys)." }) },
    resolve: async (_, { id }, { db, viewer, pubsub }) => {
      const key = await revokeApiKey(db, viewer, decodeId("ApiKey", String(id), "API key"));
      // Its open sockets close on every instance (server/http/socket-sessions.ts).
      pubsub.publish("tokenRevoked", { tokenId: key.id });
      return key;
    },
  }),
}));

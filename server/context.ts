// The GraphQL context: shared services plus the viewer and the client's address, for HTTP and
// WebSocket alike.
import type { IncomingMessage } from "node:http";
import type { Services } from "./services.ts";
import { GraphQLError } from "graphql";
import { authenticate, InvalidCredentialError, type AuthenticatedUser } from "./accounts/auth.ts";
import type { PubSub } from "./pubsub.ts";
import { errorFields, logger } from "./log.ts";

/** How long a valid credential is taken as valid without asking the database again. */
export const CREDENTIAL_CACHE_MS = 5_000;
const CREDENTIAL_CACHE_SIZE = 10_000;

/**
 * Valid credentials seen in the last CREDENTIAL_CACHE_MS, so that a busy client costs one token
 * lookup every few seconds instead of one per request (it was a statement of its own on every
 * dashboard read). Only valid credentials are kept (an unknown one always asks the database, so
 * guessing cannot fill it), at most CREDENTIAL_CACHE_SIZE of them. A revocation is seen at once:
 * logOut and revokeApiKey publish "tokenRevoked" through `pubsub` below, which forgets the
 * credential on this instance before the notice goes out, and the notice (through Redis from
 * other instances) forgets it here. A credential revoked or expired in some other way (directly
 * in the database) keeps working for at most CREDENTIAL_CACHE_MS.
 */
export interface CredentialCache {
  authenticate(authorization: string | null | undefined): Promise<AuthenticatedUser | null>;
  /** The services' pub/sub, whose "tokenRevoked" also forgets the credential here first. */
  pubsub: PubSub;
  stop(): void;
}

export function cacheCredentials(services: Pick<Services, "db" | "pubsub">, ttlMs = CREDENTIAL_CACHE_MS): CredentialCache {
  const entries = new Map<string, { viewer: AuthenticatedUser; until: number }>();
  // Revoked lately: a lookup that started before the revocation must not cache its answer after it.
  const revoked = new Map<string, number>();
  const forget = (tokenId: string) => {
    for (const [key, entry] of entries) if (entry.viewer.tokenId === tokenId) entries.delete(key);
    revoked.set(tokenId, Date.now());
    if (revoked.size > CREDENTIAL_CACHE_SIZE) revoked.delete(revoked.keys().next().value!);
  };
  const notices = services.pubsub.subscribe("tokenRevoked")[Symbol.asyncIterator]();
  void (async () => {
    for (let next = await notices.next(); !next.done; next = await notices.next()) forget(next.value.tokenId);
  })().catch((error: unknown) => {
    // Without notices, revocations from other instances would wait for the entries to expire: stop caching.
    ttlMs = 0;
    entries.clear();
    logger.warn(errorFields(error), "token revocation notices stopped; credentials are no longer cached");
  });
  const pubsub: PubSub = {
    ...services.pubsub,
    publish: ((topic: string, ...args: unknown[]) => {
      if (topic === "tokenRevoked") forget((args[0] as { tokenId: string }).tokenId);
      return (services.pubsub.publish as (topic: string, ...rest: unknown[]) => void)(topic, ...args);
    }) as PubSub["publish"],
  };
  return {
    pubsub,
    async authenticate(authorization) {
      if (!authorization) return authenticate(services.db, authorization);
      const now = Date.now();
      const cached = entries.get(authorization);
      if (cached && cached.until > now) return cached.viewer;
      const viewer = await authenticate(services.db, authorization);
      // A partner key carries the mentors' grants, which change without a revocation: never cached.
      const cacheable = viewer !== null && !viewer.apiKey?.partner;
      if (viewer && cacheable && ttlMs > 0 && !((revoked.get(viewer.tokenId) ?? -Infinity) >= now - ttlMs)) {
        entries.delete(authorization);
        if (entries.size >= CREDENTIAL_CACHE_SIZE) entries.delete(entries.keys().next().value!);
        entries.set(authorization, { viewer, until: now + ttlMs });
      }
      return viewer;
    },
    stop() {
      entries.clear();
      void notices.return?.();
    },
  };
}

export interface Context extends Services {
  viewer: AuthenticatedUser | null;
  /** The client's IP address (per-address limits); behind a trusted proxy, X-Forwarded-For's last hop. */
  clientAddress: string;
}

/**
 * HTTP sends `Authorization: Bearer <token or API key>`; graphql-ws sends it in connection_init's
 * payload. A credential that is sent but not valid is refused: HTTP 401 with WWW-Authenticate and
 * the code UNAUTHENTICATED (graphql-ws closes with 4401 before this runs, server/app.ts).
 */
export async function createContext(
  services: Services,
  request: Request | undefined,
  connectionParams: Record<string, unknown> | undefined,
  req?: IncomingMessage,
  credentials?: CredentialCache,
): Promise<Context> {
  const fromParams = connectionParams?.authorization ?? connectionParams?.Authorization;
  const authorization = typeof fromParams === "string" ? fromParams : request?.headers.get("authorization");
  let viewer: AuthenticatedUser | null;
  try {
    viewer = await (credentials ? credentials.authenticate(authorization) : authenticate(services.db, authorization));
  } catch (error) {
    if (error instanceof InvalidCredentialError) throw unauthenticated(error.message);
    throw error;
  }
  return {
    ...services,
    ...(credentials ? { pubsub: credentials.pubsub } : {}),
    viewer,
    clientAddress: clientAddress(services.env.trustProxy, req, request),
  };
}

export function clientAddress(trustProxy: boolean, req: IncomingMessage | undefined, request: Request | undefined): string {
  if (trustProxy) {
    // The proxy appends the address it saw; earlier entries are whatever the client claimed.
    const forwarded = (request?.headers.get("x-forwarded-for") ?? req?.headers["x-forwarded-for"]?.toString())?.split(",").pop()?.trim();
    if (forwarded) return forwarded;
  }
  return req?.socket.remoteAddress ?? "unknown";
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: "UNAUTHENTICATED",
      http: { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="graphql", error="invalid_token"' } },
    },
  });
}

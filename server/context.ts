// The GraphQL context: shared services plus the viewer and the client's address, for HTTP and
// WebSocket alike.
import type { IncomingMessage } from "node:http";
import type { Services } from "./services.ts";
import { GraphQLError } from "graphql";
import { authenticate, InvalidCredentialError, type AuthenticatedUser } from "./accounts/auth.ts";

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
): Promise<Context> {
  const fromParams = connectionParams?.authorization ?? connectionParams?.Authorization;
  const authorization = typeof fromParams === "string" ? fromParams : request?.headers.get("authorization");
  let viewer: AuthenticatedUser | null;
  try {
    viewer = await authenticate(services.db, authorization);
  } catch (error) {
    if (error instanceof InvalidCredentialError) throw unauthenticated(error.message);
    throw error;
  }
  return {
    ...services,
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

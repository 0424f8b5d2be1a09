// The GraphQL context: shared services plus the viewer, for HTTP and WebSocket alike.
import type { Services } from "./services.ts";
import { authenticate, type AuthenticatedUser } from "./domain/auth.ts";

export interface Context extends Services {
  viewer: AuthenticatedUser | null;
}

/** HTTP sends `Authorization: Bearer <token>`; graphql-ws sends it in connection_init's payload. */
export async function createContext(
  services: Services,
  request: Request | undefined,
  connectionParams: Record<string, unknown> | undefined,
): Promise<Context> {
  const fromParams = connectionParams?.authorization ?? connectionParams?.Authorization;
  const authorization = typeof fromParams === "string" ? fromParams : request?.headers.get("authorization");
  return { ...services, viewer: await authenticate(services.db, authorization) };
}

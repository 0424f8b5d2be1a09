// Open graphql-ws sockets by the credential they signed in with (a session token's id or an API
// key's id), so that a credential that stops being valid ends its sockets at once: logOut and
// revokeApiKey publish "tokenRevoked" (through Redis to every instance when REDIS_URL is set)
// and each instance closes that credential's sockets with 4403 Forbidden; a sweep also closes,
// every SWEEP_MS, the sockets whose token or key expired or was revoked some other way
// (directly in the database, or while a notice was lost).
import type { WebSocket } from "ws";
import type { Db } from "../db/client.ts";
import type { PubSub } from "../pubsub.ts";
import { errorFields, logger } from "../log.ts";

/** graphql-ws's close code for "Forbidden". */
export const FORBIDDEN_CLOSE_CODE = 4403;
/** Closes a connection_init whose credential is unknown, expired or revoked. */
export const UNAUTHORIZED_CLOSE_CODE = 4401;
const SWEEP_MS = 30_000;

export interface SocketSessions {
  /** Tracks a socket signed in with this token or API key (by its id) until it closes. */
  add(tokenId: string, socket: WebSocket): void;
  /** Closes every socket of tokens that are no longer valid (also runs on a timer). */
  sweep(): Promise<void>;
  stop(): void;
}

export function trackSocketSessions(db: Db, pubsub: PubSub, options: { sweepMs?: number } = {}): SocketSessions {
  const sockets = new Map<string, Set<WebSocket>>();

  const close = (tokenId: string) => {
    for (const socket of sockets.get(tokenId) ?? []) socket.close(FORBIDDEN_CLOSE_CODE, "Forbidden: the token was revoked or expired");
    sockets.delete(tokenId);
  };

  const notices = pubsub.subscribe("tokenRevoked")[Symbol.asyncIterator]();
  void (async () => {
    for (let next = await notices.next(); !next.done; next = await notices.next()) close(next.value.tokenId);
  })().catch((error: unknown) => logger.warn(errorFields(error), "token revocation notices stopped"));

  const sweep = async () => {
    const ids = [...sockets.keys()];
    if (ids.length === 0) return;
    const now = new Date();
    const [tokens, keys] = await Promise.all([
      db.authToken.findMany({
        where: { id: { in: ids }, OR: [{ revokedAt: { not: null } }, { expiresAt: { lte: now } }] },
        select: { id: true },
      }),
      db.apiKey.findMany({
        where: { id: { in: ids }, OR: [{ revokedAt: { not: null } }, { expiresAt: { lte: now } }] },
        select: { id: true },
      }),
    ]);
    for (const { id } of [...tokens, ...keys]) close(id);
  };
  const timer = setInterval(
    () => void sweep().catch((error: unknown) => logger.warn(errorFields(error), "socket token sweep failed; next one in a moment")),
    options.sweepMs ?? SWEEP_MS,
  );
  timer.unref();

  return {
    add(tokenId, socket) {
      const set = sockets.get(tokenId) ?? new Set<WebSocket>();
      sockets.set(tokenId, set);
      set.add(socket);
      socket.once("close", () => {
        set.delete(socket);
        if (set.size === 0 && sockets.get(tokenId) === set) sockets.delete(tokenId);
      });
    },
    sweep,
    stop() {
      clearInterval(timer);
      void notices.return?.();
    },
  };
}

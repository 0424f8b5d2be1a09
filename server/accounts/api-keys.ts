// API keys for partner apps (docs/partners.md). A mentor's key reaches that mentor's own data,
// within its scopes; an admin's key is a partner key: it reads the approved-mentor catalogue and
// the bookings of the mentors who granted it access (partner-grants.ts), registers webhooks for
// them, and never has the admin's own powers (approvals, operations, emails).
// The secret is returned once, at creation; only its SHA-256 is stored.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.ts";
import type { Role } from "../generated/prisma/enums.ts";
import { API_KEY_PREFIX, API_SCOPES, type ApiScope, type AuthenticatedUser, hashToken } from "./auth.ts";
import { NotAuthorizedError, NotFoundError, ValidationError } from "../shared/errors.ts";
import { cleanText } from "../shared/text.ts";
import { requireViewer } from "./viewer.ts";

/** What keys each role may create: mentors their own data, admins read-only partner keys. */
export const KEY_SCOPES_BY_ROLE: Record<Role, readonly ApiScope[]> = {
  MENTOR: API_SCOPES,
  ADMIN: ["catalog:read", "bookings:read", "webhooks:manage"],
  MENTEE: [],
};
/** Keys a user may hold at once (not revoked and not expired). */
export const MAX_ACTIVE_KEYS = 20;

export interface CreatedApiKey {
  apiKey: ApiKeyRow;
  /** The full key, shown once. */
  secret: string;
}

export type ApiKeyRow = Awaited<ReturnType<Db["apiKey"]["create"]>>;

/** A person signed in with a session token; an API key cannot manage keys. */
function requireSession(viewer: AuthenticatedUser | null): AuthenticatedUser {
  const user = requireViewer(viewer);
  if (user.apiKey) throw new NotAuthorizedError("API keys are managed by a signed-in person, not by another key.");
  return user;
}

export async function createApiKey(
  db: Db,
  viewer: AuthenticatedUser | null,
  input: { name: string; scopes: readonly ApiScope[]; expiresAt?: Date | null },
): Promise<CreatedApiKey> {
  const user = requireSession(viewer);
  const allowed = KEY_SCOPES_BY_ROLE[user.role];
  if (allowed.length === 0) throw new NotAuthorizedError("Only mentors and admins can create API keys.");
  const name = cleanText("name", "Name", input.name, { max: 100, required: true, singleLine: true });
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) throw new ValidationError("scopes", "required", "Choose at least one scope.");
  const refused = scopes.filter((scope) => !allowed.includes(scope));
  if (refused.length > 0) {
    throw new ValidationError("scopes", "not_allowed", `A ${user.role.toLowerCase()}'s key may not have: ${refused.join(", ")}.`);
  }
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new ValidationError("expiresAt", "future", "The expiry must be in the future.");
  }
  const now = new Date();
  const active = await db.apiKey.count({
    where: { userId: user.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
  if (active >= MAX_ACTIVE_KEYS) {
    throw new ValidationError("name", "max_keys", `You can hold at most ${MAX_ACTIVE_KEYS} keys; revoke one first.`);
  }
  const visible = randomBytes(6).toString("hex");
  const secret = `${API_KEY_PREFIX}${visible}_${randomBytes(32).toString("base64url")}`;
  const apiKey = await db.apiKey.create({
    data: {
      userId: user.id,
      name,
      scopes,
      prefix: `${API_KEY_PREFIX}${visible}`,
      secretHash: hashToken(secret),
      expiresAt: input.expiresAt ?? null,
    },
  });
  return { apiKey, secret };
}

/** Revokes one of the viewer's keys at once (idempotent). Someone else's key is NotFound. */
export async function revokeApiKey(db: Db, viewer: AuthenticatedUser | null, id: string): Promise<ApiKeyRow> {
  const user = requireSession(viewer);
  const key = await db.apiKey.findFirst({ where: { id, userId: user.id } });
  if (!key) throw new NotFoundError("API key");
  if (key.revokedAt) return key;
  await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return db.apiKey.findUniqueOrThrow({ where: { id } });
}

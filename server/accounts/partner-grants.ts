// A mentor decides which partner apps (admins' API keys) may read their bookings and receive
// their webhooks: grantPartnerAccess / revokePartnerAccess, with the mentor's session. Without a
// grant a partner key sees none of the mentor's bookings (server/bookings/booking-visibility.ts),
// and a revoked grant stops its webhooks with the next event (server/webhooks/visibility.ts).
import type { Db } from "../db/client.ts";
import type { AuthenticatedUser } from "./auth.ts";
import { NotAuthorizedError, NotFoundError } from "../shared/errors.ts";
import { requireRole } from "./viewer.ts";

export interface PartnerApp {
  id: string;
  name: string;
  grantedAt: Date | null;
}

function requireMentorSession(viewer: AuthenticatedUser | null): AuthenticatedUser {
  const mentor = requireRole(viewer, "MENTOR");
  if (mentor.apiKey) throw new NotAuthorizedError("Partner access is granted by the mentor, signed in, not by a key.");
  return mentor;
}

const activePartnerKey = (now: Date) => ({
  revokedAt: null,
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
  user: { role: "ADMIN" as const },
});

/** Partner apps a mentor can grant, with the mentor's grant if any; oldest first. */
export async function listPartnerApps(db: Db, viewer: AuthenticatedUser | null): Promise<PartnerApp[]> {
  if (viewer?.role !== "MENTOR" || viewer.apiKey) return [];
  const keys = await db.apiKey.findMany({
    where: activePartnerKey(new Date()),
    select: { id: true, name: true, partnerGrants: { where: { mentorId: viewer.id }, select: { createdAt: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return keys.map((key) => ({ id: key.id, name: key.name, grantedAt: key.partnerGrants[0]?.createdAt ?? null }));
}

async function partnerApp(db: Db, mentorId: string, apiKeyId: string): Promise<PartnerApp> {
  const key = await db.apiKey.findFirst({
    where: { id: apiKeyId, ...activePartnerKey(new Date()) },
    select: { id: true, name: true, partnerGrants: { where: { mentorId }, select: { createdAt: true } } },
  });
  if (!key) throw new NotFoundError("Partner app");
  return { id: key.id, name: key.name, grantedAt: key.partnerGrants[0]?.createdAt ?? null };
}

export async function grantPartnerAccess(db: Db, viewer: AuthenticatedUser | null, apiKeyId: string): Promise<PartnerApp> {
  const mentor = requireMentorSession(viewer);
  await partnerApp(db, mentor.id, apiKeyId);
  await db.partnerGrant.upsert({
    where: { mentorId_apiKeyId: { mentorId: mentor.id, apiKeyId } },
    create: { mentorId: mentor.id, apiKeyId },
    update: {},
  });
  return partnerApp(db, mentor.id, apiKeyId);
}

export async function revokePartnerAccess(db: Db, viewer: AuthenticatedUser | null, apiKeyId: string): Promise<PartnerApp> {
  const mentor = requireMentorSession(viewer);
  await partnerApp(db, mentor.id, apiKeyId);
  await db.partnerGrant.deleteMany({ where: { mentorId: mentor.id, apiKeyId } });
  return partnerApp(db, mentor.id, apiKeyId);
}

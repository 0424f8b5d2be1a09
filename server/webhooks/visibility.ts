// Which endpoints may receive an event: only what the endpoint's owner may see.
//   - an endpoint registered with a session: as its user sees it (a mentor: their own bookings
//     once paid, and their payouts; an admin: everything);
//   - one registered with an API key: as the key sees it: the key's scope for the event type, a
//     mentor's key its mentor's events, a partner key (an admin's) only the events of mentors
//     who granted that partner access (PartnerGrant), and nothing once the key is revoked or expired.
import type { Role } from "../generated/prisma/enums.ts";
import { WEBHOOK_EVENTS, type WebhookEventType } from "./event-types.ts";

export interface EndpointOwner {
  userId: string;
  role: Role;
  apiKey: { scopes: readonly string[]; revokedAt: Date | null; expiresAt: Date | null; grantedMentorIds: readonly string[] } | null;
}

export interface EventAudience {
  type: WebhookEventType;
  mentorId: string | null;
  mentorMaySee: boolean;
}

export function endpointMaySee(owner: EndpointOwner, event: EventAudience, now = new Date()): boolean {
  const key = owner.apiKey;
  if (key) {
    if (key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return false;
    if (!key.scopes.includes(WEBHOOK_EVENTS[event.type].scope)) return false;
  }
  const mentorsOwn = event.mentorMaySee && event.mentorId !== null;
  if (owner.role === "ADMIN") return key ? mentorsOwn && key.grantedMentorIds.includes(event.mentorId!) : true;
  if (owner.role === "MENTOR") return mentorsOwn && event.mentorId === owner.userId;
  return false;
}

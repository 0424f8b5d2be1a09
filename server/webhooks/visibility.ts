// Which endpoints may receive an event: only what the endpoint's owner may see.
//   - an endpoint registered with a session: as its user sees it (a mentor: their own bookings
//     once paid, and their payouts; an admin: everything);
//   - one registered with an API key: as the key sees it: the key's scope for the event type, a
//     mentor's key its mentor's events, a partner key (an admin's) only the events of mentors
//     who granted that partner access (PartnerGrant), and nothing once the key is revoked or expired.
// Decided when the event is written (outbox.ts) and again before each attempt (delivery.ts), so a
// delivery still queued when the key is revoked or expires, or the grant is withdrawn, is withheld.
import type { Role, WebhookWithheldReason } from "../generated/prisma/enums.ts";
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

/** Why the endpoint may not see the event, or null: it may. */
export function whyEndpointMayNotSee(owner: EndpointOwner, event: EventAudience, now = new Date()): WebhookWithheldReason | null {
  const key = owner.apiKey;
  if (key) {
    if (key.revokedAt) return "KEY_REVOKED";
    if (key.expiresAt && key.expiresAt <= now) return "KEY_EXPIRED";
    if (!key.scopes.includes(WEBHOOK_EVENTS[event.type].scope)) return "ACCESS_WITHDRAWN";
  }
  const mentorsOwn = event.mentorMaySee && event.mentorId !== null;
  let may = false;
  if (owner.role === "ADMIN") may = key ? mentorsOwn && key.grantedMentorIds.includes(event.mentorId!) : true;
  else if (owner.role === "MENTOR") may = mentorsOwn && event.mentorId === owner.userId;
  return may ? null : "ACCESS_WITHDRAWN";
}

export function endpointMaySee(owner: EndpointOwner, event: EventAudience, now = new Date()): boolean {
  return whyEndpointMayNotSee(owner, event, now) === null;
}

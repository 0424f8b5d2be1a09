// Managing webhook endpoints: mentors and admins signed in (their own endpoints), and API keys
// with the `webhooks:manage` scope (the endpoints that key registered). A caller who may not see
// an endpoint is told NOT_FOUND. The signing secret is returned only by create, reveal and
// rotate, and only to the endpoint's owner.
import type { Prisma } from "../generated/prisma/client.ts";
import type { Role } from "../generated/prisma/enums.ts";
import type { Db } from "../db/client.ts";
import { NotAuthenticatedError, NotAuthorizedError, NotFoundError, ValidationError } from "../shared/errors.ts";
import { cleanText } from "../shared/text.ts";
import { checkWebhookUrl, type UrlPolicy } from "./address-guard.ts";
import { isWebhookEventType, WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./event-types.ts";
import { newWebhookSecret } from "./signing.ts";
import { endpointMaySee } from "./visibility.ts";

export interface WebhookCaller {
  id: string;
  role: Role;
  apiKey?: { id: string; scopes: ReadonlySet<string>; partner: boolean } | undefined;
}

/** Endpoints one owner (a user's session, or one API key) may hold. */
export const MAX_ENDPOINTS = 20;
/** The longest overlap of a rotated secret. */
export const MAX_OVERLAP_HOURS = 7 * 24;

export type EndpointRow = Awaited<ReturnType<Db["webhookEndpoint"]["create"]>>;

function requireManager(caller: WebhookCaller | null): WebhookCaller {
  if (!caller) throw new NotAuthenticatedError();
  if (caller.role === "MENTEE") throw new NotAuthorizedError("Only mentors, admins and their API keys can manage webhooks.");
  if (caller.apiKey && !caller.apiKey.scopes.has("webhooks:manage")) throw new NotAuthorizedError("This API key lacks webhooks:manage.");
  return caller;
}

/** The endpoints a caller manages: a key its own, a person theirs (their keys' too). */
export function ownedEndpoints(caller: WebhookCaller | null): Prisma.WebhookEndpointWhereInput {
  if (!caller || caller.role === "MENTEE") return { id: "00000000-0000-0000-0000-000000000000" };
  return caller.apiKey ? { apiKeyId: caller.apiKey.id } : { userId: caller.id };
}

async function ownedEndpoint(db: Db, caller: WebhookCaller, id: string): Promise<EndpointRow> {
  const endpoint = await db.webhookEndpoint.findFirst({ where: { id, ...ownedEndpoints(caller) } });
  if (!endpoint) throw new NotFoundError("Webhook endpoint");
  return endpoint;
}

function checkEventTypes(types: readonly string[]): WebhookEventType[] {
  const unique = [...new Set(types)];
  if (unique.length === 0) throw new ValidationError("eventTypes", "required", "Choose at least one event type.");
  const unknown = unique.filter((type) => !isWebhookEventType(type));
  if (unknown.length > 0) throw new ValidationError("eventTypes", "event_type", `Unknown event types: ${unknown.join(", ")}.`);
  return unique as WebhookEventType[];
}

const checkDescription = (raw: string) => cleanText("description", "Description", raw, { max: 500, required: false, singleLine: true });

export interface EndpointInput {
  url: string;
  eventTypes: readonly string[];
  description?: string | null | undefined;
}

export async function createWebhookEndpoint(
  db: Db,
  policy: UrlPolicy,
  viewer: WebhookCaller | null,
  input: EndpointInput,
): Promise<{ endpoint: EndpointRow; secret: string }> {
  const caller = requireManager(viewer);
  const eventTypes = checkEventTypes(input.eventTypes);
  const description = checkDescription(input.description ?? "");
  const url = await checkWebhookUrl("url", input.url, policy);
  const count = await db.webhookEndpoint.count({ where: ownedEndpoints(caller) });
  if (count >= MAX_ENDPOINTS) {
    throw new ValidationError("url", "max_endpoints", `You can register at most ${MAX_ENDPOINTS} endpoints; delete one first.`);
  }
  const secret = newWebhookSecret();
  const endpoint = await db.webhookEndpoint.create({
    data: { userId: caller.id, apiKeyId: caller.apiKey?.id ?? null, url, description, eventTypes, secret },
  });
  return { endpoint, secret };
}

export async function updateWebhookEndpoint(
  db: Db,
  policy: UrlPolicy,
  viewer: WebhookCaller | null,
  id: string,
  input: { url?: string | null; eventTypes?: readonly string[] | null; description?: string | null; enabled?: boolean | null },
): Promise<EndpointRow> {
  const caller = requireManager(viewer);
  const data: Prisma.WebhookEndpointUpdateInput = {};
  if (input.eventTypes != null) data.eventTypes = checkEventTypes(input.eventTypes);
  if (input.description != null) data.description = checkDescription(input.description);
  if (input.url != null) data.url = await checkWebhookUrl("url", input.url, policy);
  const endpoint = await ownedEndpoint(db, caller, id);
  if (input.enabled === true) Object.assign(data, { disabledAt: null, disabledReason: null });
  if (input.enabled === false && !endpoint.disabledAt) Object.assign(data, { disabledAt: new Date(), disabledReason: "MANUAL" });
  return db.webhookEndpoint.update({ where: { id: endpoint.id }, data });
}

export async function deleteWebhookEndpoint(db: Db, viewer: WebhookCaller | null, id: string): Promise<string> {
  const endpoint = await ownedEndpoint(db, requireManager(viewer), id);
  await db.webhookEndpoint.deleteMany({ where: { id: endpoint.id } });
  return endpoint.id;
}

export async function revealWebhookSecret(db: Db, viewer: WebhookCaller | null, id: string) {
  const endpoint = await ownedEndpoint(db, requireManager(viewer), id);
  return { endpoint, secret: endpoint.secret };
}

/**
 * A new secret; the old one keeps signing (a second signature on every delivery) for
 * `overlapHours`, so the receiver can switch without missing a delivery. 0 drops it at once.
 */
export async function rotateWebhookSecret(db: Db, viewer: WebhookCaller | null, id: string, overlapHours = 24) {
  const caller = requireManager(viewer);
  if (!Number.isInteger(overlapHours) || overlapHours < 0 || overlapHours > MAX_OVERLAP_HOURS) {
    throw new ValidationError("overlapHours", "range", `overlapHours must be a whole number from 0 to ${MAX_OVERLAP_HOURS}.`);
  }
  const endpoint = await ownedEndpoint(db, caller, id);
  const secret = newWebhookSecret();
  const updated = await db.webhookEndpoint.update({
    where: { id: endpoint.id },
    data: {
      secret,
      previousSecret: overlapHours > 0 ? endpoint.secret : null,
      previousSecretUntil: overlapHours > 0 ? new Date(Date.now() + overlapHours * 3600_000) : null,
    },
  });
  return { endpoint: updated, secret };
}

/**
 * The events a caller may list (webhookEvents): as an endpoint of theirs would receive them. A
 * session: a mentor's own (bookings once paid, payouts), an admin's all; a key: within its
 * scopes, a mentor's key its mentor's, a partner key those of mentors who granted it (now).
 */
export async function visibleEvents(db: Db, viewer: WebhookCaller | null): Promise<Prisma.WebhookEventWhereInput> {
  const nothing = { id: "00000000-0000-0000-0000-000000000000" };
  if (!viewer || viewer.role === "MENTEE") return nothing;
  const key = viewer.apiKey;
  const types = key ? WEBHOOK_EVENT_TYPES.filter((type) => key.scopes.has(WEBHOOK_EVENTS[type].scope)) : WEBHOOK_EVENT_TYPES;
  const byType = { type: { in: types } };
  if (viewer.role === "MENTOR") return { ...byType, mentorId: viewer.id, mentorMaySee: true };
  if (!key) return {};
  const grants = await db.partnerGrant.findMany({ where: { apiKeyId: key.id }, select: { mentorId: true } });
  return { ...byType, mentorMaySee: true, mentorId: { in: grants.map((grant) => grant.mentorId) } };
}

/** Sends one event again to one endpoint (same `webhook-id`: receivers that have it dedupe it). */
export async function redeliverWebhookEvent(db: Db, viewer: WebhookCaller | null, endpointId: string, eventId: string) {
  const caller = requireManager(viewer);
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { id: endpointId, ...ownedEndpoints(caller) },
    include: { user: { select: { role: true } }, apiKey: { include: { partnerGrants: { select: { mentorId: true } } } } },
  });
  if (!endpoint) throw new NotFoundError("Webhook endpoint");
  const event = await db.webhookEvent.findUnique({ where: { id: eventId } });
  const maySee =
    event &&
    isWebhookEventType(event.type) &&
    endpointMaySee(
      {
        userId: endpoint.userId,
        role: endpoint.user.role,
        apiKey: endpoint.apiKey && { ...endpoint.apiKey, grantedMentorIds: endpoint.apiKey.partnerGrants.map((grant) => grant.mentorId) },
      },
      { type: event.type, mentorId: event.mentorId, mentorMaySee: event.mentorMaySee },
    );
  if (!event || !maySee) throw new NotFoundError("Webhook event");
  return db.webhookDelivery.create({
    data: { endpointId: endpoint.id, eventId: event.id, subjectId: event.subjectId, eventSeq: event.seq, redelivery: true },
  });
}

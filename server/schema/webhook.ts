// Outgoing webhooks (docs/partners.md): endpoints, their delivery log, the event list for
// catching up, redelivery. Managed by mentors and admins signed in and by API keys with
// WEBHOOKS_MANAGE (server/webhooks/endpoints.ts decides who sees what).
import { GraphQLError } from "graphql";
import { builder, connectionCost } from "./builder.ts";
import { AUTH_ERRORS } from "./errors.ts";
import { decodeId } from "./ids.ts";
import { NotFoundError, ValidationError } from "../shared/errors.ts";
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../webhooks/event-types.ts";
import { webhookBody } from "../webhooks/outbox.ts";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  MAX_OVERLAP_HOURS,
  ownedEndpoints,
  redeliverWebhookEvent,
  revealWebhookSecret,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  visibleEvents,
  type EndpointRow,
} from "../webhooks/endpoints.ts";
import { WebhookDeliveryStatus, WebhookDisabledReason, WebhookWithheldReason } from "../generated/prisma/enums.ts";
import type { Context } from "../context.ts";

const enumName = (type: WebhookEventType) => type.replace(".", "_").toUpperCase();

export const WebhookEventTypeEnum = builder.enumType("WebhookEventType", {
  description: "What a webhook announces. The payload's `type` is written in lower case with a dot: BOOKING_PAID is `booking.paid`.",
  values: Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [enumName(type), { value: type, description: `\`${type}\`: ${WEBHOOK_EVENTS[type].description}` }]),
  ) as Record<string, { value: WebhookEventType; description: string }>,
});
const DeliveryStatusEnum = builder.enumType(WebhookDeliveryStatus, {
  name: "WebhookDeliveryStatus",
  description:
    "PENDING: on its way or waiting for a retry; SUCCEEDED: the endpoint answered 2xx; FAILED: every attempt failed; WITHHELD: not sent, because when it was due the endpoint could no longer see the event (withheldReason); no failure of the endpoint.",
});
const WithheldReasonEnum = builder.enumType(WebhookWithheldReason, {
  name: "WebhookWithheldReason",
  description:
    "KEY_REVOKED: the API key that registered the endpoint was revoked; KEY_EXPIRED: that key expired; ACCESS_WITHDRAWN: the endpoint no longer reaches the event (a mentor withdrew a partner app's access).",
});
const DisabledReasonEnum = builder.enumType(WebhookDisabledReason, {
  name: "WebhookDisabledReason",
  description: "MANUAL: turned off by its owner; FAILING: turned off after a delivery failed every attempt (the owner was emailed).",
});

const policy = (ctx: Context) => ({ allowPrivate: ctx.env.allowPrivateWebhookUrls });

export const WebhookEventRef = builder.prismaNode("WebhookEvent", {
  id: { field: "id" },
  description: "Something that happened, as sent to webhook endpoints. Its id is the deliveries' `webhook-id` header.",
  fields: (t) => ({
    type: t.field({ type: WebhookEventTypeEnum, description: "The event type.", resolve: (event) => event.type as WebhookEventType }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the change it announces committed." }),
    payload: t.string({
      description: "The JSON body every delivery of this event sends: `{ type, timestamp, data }`.",
      resolve: (event) => webhookBody(event),
    }),
  }),
});

builder.prismaObject("WebhookAttempt", {
  description: "One HTTP request of a delivery.",
  fields: (t) => ({
    number: t.exposeInt("number", { description: "1 for the first attempt." }),
    startedAt: t.expose("startedAt", { type: "DateTime", description: "When the request started." }),
    durationMs: t.exposeInt("durationMs", { description: "Latency: until the answer (or the error) came." }),
    statusCode: t.exposeInt("statusCode", { nullable: true, description: "The HTTP status; null when no answer came." }),
    responseBody: t.exposeString("responseBody", { description: "The answer's first 1,024 characters." }),
    error: t.exposeString("error", { nullable: true, description: "Why it failed (timeout, connection, a non-2xx status)." }),
    succeeded: t.exposeBoolean("succeeded", { description: "The endpoint answered 2xx." }),
  }),
});

const WebhookDeliveryRef = builder.prismaNode("WebhookDelivery", {
  id: { field: "id" },
  description: "One event on its way to one endpoint, with every attempt.",
  fields: (t) => ({
    event: t.relation("event", { description: "The event sent." }),
    status: t.expose("status", { type: DeliveryStatusEnum, description: "Where it stands." }),
    attemptCount: t.exposeInt("attempts", { description: "Attempts made so far (8 at most)." }),
    nextAttemptAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When it is tried next; null once it succeeded, failed or was withheld.",
      resolve: (delivery) => (delivery.status === "PENDING" ? delivery.nextAttemptAt : null),
    }),
    redelivery: t.exposeBoolean("redelivery", { description: "Asked for with redeliverWebhookEvent." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was queued." }),
    succeededAt: t.expose("succeededAt", { type: "DateTime", nullable: true, description: "When the endpoint accepted it." }),
    failedAt: t.expose("failedAt", { type: "DateTime", nullable: true, description: "When it was given up." }),
    withheldAt: t.expose("withheldAt", { type: "DateTime", nullable: true, description: "When it was withheld instead of sent." }),
    withheldReason: t.expose("withheldReason", {
      type: WithheldReasonEnum,
      nullable: true,
      description: "Why it was withheld (status WITHHELD); null otherwise.",
    }),
    attempts: t.relation("attemptsMade", {
      description: "Every attempt, first to last.",
      query: { orderBy: { number: "asc" } },
    }),
  }),
});

export const WebhookEndpointRef = builder.prismaNode("WebhookEndpoint", {
  id: { field: "id" },
  description: "An HTTPS endpoint that receives signed webhooks (Standard Webhooks). Its secret is never shown here.",
  fields: (t) => ({
    url: t.exposeString("url", { description: "Where deliveries are POSTed." }),
    description: t.exposeString("description", { description: "What it is for." }),
    eventTypes: t.field({
      type: [WebhookEventTypeEnum],
      description: "The event types it receives.",
      resolve: (endpoint) => endpoint.eventTypes as WebhookEventType[],
    }),
    enabled: t.boolean({ description: "Receives deliveries.", resolve: (endpoint) => endpoint.disabledAt === null }),
    disabledAt: t.expose("disabledAt", { type: "DateTime", nullable: true, description: "When it was turned off." }),
    disabledReason: t.expose("disabledReason", { type: DisabledReasonEnum, nullable: true, description: "Why it was turned off." }),
    previousSecretExpiresAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "After a rotation: until when deliveries also carry a signature with the previous secret.",
      resolve: (endpoint) =>
        endpoint.previousSecretUntil && endpoint.previousSecretUntil > new Date() ? endpoint.previousSecretUntil : null,
    }),
    registeredWithApiKey: t.boolean({
      description: "Registered by an API key (it sees events as that key does) rather than by a person signed in.",
      resolve: (endpoint) => endpoint.apiKeyId !== null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was registered." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When it last changed." }),
    deliveries: t.relatedConnection(
      "deliveries",
      {
        cursor: "id",
        complexity: connectionCost,
        description: "The delivery log, newest first.",
        totalCount: true,
        query: () => ({ orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }] }),
      },
      { name: "WebhookDeliveryConnection", description: "A page of deliveries." },
      { name: "WebhookDeliveryEdge", description: "A delivery and its cursor." },
    ),
  }),
});

const EndpointWithSecret = (name: string, description: string) =>
  builder.objectRef<{ endpoint: EndpointRow; secret: string }>(name).implement({
    description,
    fields: (t) => ({
      endpoint: t.field({ type: WebhookEndpointRef, description: "The endpoint.", resolve: (result) => result.endpoint }),
      secret: t.exposeString("secret", {
        description: "The signing secret (`whsec_…`): verify deliveries with it (Standard Webhooks). Keep it secret.",
      }),
    }),
  });

const CreateSuccess = EndpointWithSecret("CreateWebhookEndpointSuccess", "The new endpoint and its signing secret.");
const RevealSuccess = EndpointWithSecret("RevealWebhookEndpointSecretSuccess", "The endpoint's current signing secret.");
const RotateSuccess = EndpointWithSecret(
  "RotateWebhookEndpointSecretSuccess",
  "The new signing secret. Until `endpoint.previousSecretExpiresAt`, deliveries are signed with both.",
);

const endpointId = (id: string | number) => decodeId("WebhookEndpoint", String(id));

builder.queryFields((t) => ({
  webhookEndpoints: t.prismaConnection(
    {
      type: "WebhookEndpoint",
      cursor: "id",
      complexity: connectionCost,
      authScopes: { scope: "webhooks:manage" },
      description: "The viewer's webhook endpoints, newest first: a person's (their API keys' too), or an API key's own. Empty for others.",
      totalCount: (_, __, { db, viewer }) => db.webhookEndpoint.count({ where: ownedEndpoints(viewer) }),
      resolve: (query, _, __, { db, viewer }) =>
        db.webhookEndpoint.findMany({ ...query, where: ownedEndpoints(viewer), orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    },
    { name: "WebhookEndpointConnection", description: "A page of webhook endpoints." },
    { name: "WebhookEndpointEdge", description: "A webhook endpoint and its cursor." },
  ),
  webhookEvents: t.prismaConnection(
    {
      type: "WebhookEvent",
      cursor: "id",
      complexity: connectionCost,
      authScopes: { scope: "webhooks:manage" },
      description:
        "Past events the viewer's endpoints may receive, oldest first, whether delivered or not: to catch up after downtime, page with `after` from the last event handled.",
      args: { types: t.arg({ type: [WebhookEventTypeEnum], required: false, description: "Only these event types." }) },
      resolve: async (query, _, args, { db, viewer, env }) => {
        const where = await visibleEvents(db, viewer);
        // A cursor of an event deleted after WEBHOOK_EVENT_RETENTION_DAYS would page from
        // nowhere (an empty page that looks like "nothing new"): say so instead.
        const cursorId = (query as { cursor?: { id?: string } }).cursor?.id;
        if (cursorId && !(await db.webhookEvent.findUnique({ where: { id: cursorId }, select: { id: true } }))) {
          throw new GraphQLError(
            `That event is older than the ${env.webhookEventRetentionDays} days events are kept (or was never one): page again without a cursor.`,
            { extensions: { code: "INVALID_INPUT", field: args.after != null ? "after" : "before", rule: "expired" } },
          );
        }
        return db.webhookEvent.findMany({
          ...query,
          where: { AND: [where, args.types ? { type: { in: args.types } } : {}] },
          orderBy: { seq: "asc" },
        });
      },
    },
    { name: "WebhookEventConnection", description: "A page of webhook events." },
    { name: "WebhookEventEdge", description: "A webhook event and its cursor." },
  ),
}));

const ENDPOINT_ERRORS = [...AUTH_ERRORS, ValidationError, NotFoundError];
/** Mutations that take only ids: a malformed id is NOT_FOUND, so no ValidationError. */
const ID_ERRORS = [...AUTH_ERRORS, NotFoundError];

builder.mutationFields((t) => ({
  createWebhookEndpoint: t.field({
    type: CreateSuccess,
    authScopes: { scope: "webhooks:manage" },
    description:
      "Registers an https endpoint (public addresses only) for the given event types. The secret is returned now; later only by revealWebhookEndpointSecret.",
    errors: { types: [...AUTH_ERRORS, ValidationError], directResult: true },
    args: {
      url: t.arg.string({
        required: true,
        description: "https:// URL without credentials, at most 2,048 characters, reaching a public address.",
      }),
      eventTypes: t.arg({ type: [WebhookEventTypeEnum], required: true, description: "The event types to receive (at least one)." }),
      description: t.arg.string({ required: false, description: "What it is for, at most 500 characters." }),
    },
    resolve: (_, args, ctx) => createWebhookEndpoint(ctx.db, policy(ctx), ctx.viewer, args),
  }),
  updateWebhookEndpoint: t.field({
    type: WebhookEndpointRef,
    authScopes: { scope: "webhooks:manage" },
    description:
      "Changes what is given; `enabled: false` turns it off, `enabled: true` on again (also after it was turned off for failing).",
    errors: { types: ENDPOINT_ERRORS, dataField: { name: "endpoint", description: "The endpoint as it is now." } },
    args: {
      id: t.arg.id({ required: true, description: "The endpoint." }),
      url: t.arg.string({ required: false, description: "A new URL (same rules as on creation)." }),
      eventTypes: t.arg({ type: [WebhookEventTypeEnum], required: false, description: "The event types to receive from now on." }),
      description: t.arg.string({ required: false, description: "A new description." }),
      enabled: t.arg.boolean({ required: false, description: "Turn deliveries on or off." }),
    },
    resolve: (_, args, ctx) => updateWebhookEndpoint(ctx.db, policy(ctx), ctx.viewer, endpointId(args.id), args),
  }),
  deleteWebhookEndpoint: t.field({
    type: "ID",
    authScopes: { scope: "webhooks:manage" },
    description: "Deletes the endpoint and its delivery log; nothing more is sent to it.",
    errors: { types: ID_ERRORS, dataField: { name: "deletedId", description: "The deleted endpoint's id." } },
    args: { id: t.arg.id({ required: true, description: "The endpoint." }) },
    resolve: async (_, args, ctx) => {
      const id = endpointId(args.id);
      await deleteWebhookEndpoint(ctx.db, ctx.viewer, id);
      return String(args.id);
    },
  }),
  revealWebhookEndpointSecret: t.field({
    type: RevealSuccess,
    authScopes: { scope: "webhooks:manage" },
    description: "Shows the endpoint's signing secret to its owner.",
    errors: { types: ID_ERRORS, directResult: true },
    args: { id: t.arg.id({ required: true, description: "The endpoint." }) },
    resolve: (_, args, ctx) => revealWebhookSecret(ctx.db, ctx.viewer, endpointId(args.id)),
  }),
  rotateWebhookEndpointSecret: t.field({
    type: RotateSuccess,
    authScopes: { scope: "webhooks:manage" },
    description: `A new signing secret. The previous one keeps signing too (a second \`v1,\` signature) for \`overlapHours\` (0 to ${MAX_OVERLAP_HOURS}, default 24).`,
    errors: { types: ENDPOINT_ERRORS, directResult: true },
    args: {
      id: t.arg.id({ required: true, description: "The endpoint." }),
      overlapHours: t.arg.int({ required: false, description: "Hours the previous secret keeps signing; default 24." }),
    },
    resolve: (_, args, ctx) => rotateWebhookSecret(ctx.db, ctx.viewer, endpointId(args.id), args.overlapHours ?? 24),
  }),
  redeliverWebhookEvent: t.field({
    type: WebhookDeliveryRef,
    authScopes: { scope: "webhooks:manage" },
    description: "Sends one event to one endpoint again, with the same `webhook-id` (receivers that have it can skip it).",
    errors: { types: ID_ERRORS, dataField: { name: "delivery", description: "The new delivery (PENDING)." } },
    args: {
      endpointId: t.arg.id({ required: true, description: "The endpoint." }),
      eventId: t.arg.id({ required: true, description: "The event (WebhookEvent.id, the `webhook-id` header)." }),
    },
    resolve: (_, args, ctx) =>
      redeliverWebhookEvent(ctx.db, ctx.viewer, endpointId(args.endpointId), decodeId("WebhookEvent", String(args.eventId))),
  }),
}));
